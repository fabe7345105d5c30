// The client role: one httplib::ws::WebSocketClient, connected once, with the
// same chat loop as the server's handler.

#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <thread>

#include "chat_session.hpp"
#include "event_sink.hpp"
#include "httplib_compat.hpp"
#include "roles.hpp"

namespace wsh::subject::httplib_subject {
namespace {

std::string url_text(const WsUrl& url) {
  const bool ipv6 = url.host.find(':') != std::string::npos;
  const std::string host = ipv6 ? "[" + url.host + "]" : url.host;
  return std::string(url.secure ? "wss://" : "ws://") + host + ":" + std::to_string(url.port) + url.target;
}

// Builds and configures the client; nullptr (reason on stderr) when httplib
// refuses the URL.
std::unique_ptr<httplib::ws::WebSocketClient> make_client(const SubjectOptions& options, const TimeoutPlan& timeouts) {
  if (options.url.secure && !kTlsBuilt) {
    std::fprintf(stderr, "httplib subject: built without TLS (WSH_HTTPLIB_TLS=OFF); cannot connect to wss://\n");
    return nullptr;
  }
  const std::string url = url_text(options.url);
  std::unique_ptr<httplib::ws::WebSocketClient> client;
  try {
    client = std::make_unique<httplib::ws::WebSocketClient>(url);
  } catch (const std::exception& error) {  // an unsupported scheme throws
    std::fprintf(stderr, "httplib subject: WebSocketClient(%s): %s\n", url.c_str(), error.what());
    return nullptr;
  }
  if (!client->is_valid()) {
    std::fprintf(stderr, "httplib subject: WebSocketClient rejected the URL %s\n", url.c_str());
    return nullptr;
  }
  if (timeouts.client_read_timeout.count() > 0) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(timeouts.client_read_timeout);
    client->set_read_timeout(static_cast<std::time_t>(seconds.count()),
                             static_cast<std::time_t>((timeouts.client_read_timeout - seconds).count()));
  }
  set_ping_interval(*client, timeouts.ping_interval_setting);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  if (!options.tls_ca.empty()) client->set_ca_cert_path(options.tls_ca);
#endif
  return client;
}

}  // namespace

int run_client(const SubjectOptions& options, const TimeoutPlan& timeouts, ShutdownPlumbing plumbing) {
  auto client = make_client(options, timeouts);
  if (!client) return 1;
  if (const auto connected = client->connect(); !connected) {
    std::fprintf(stderr, "httplib subject: cannot connect to %s: %s\n", url_text(options.url).c_str(),
                 describe_connect_failure(connected).c_str());
    return 1;
  }
  // The peer is the server: its port is the connection's id.
  const ConnId conn = std::to_string(options.url.port);
  emit_open(conn);

  // SIGTERM or /shutdown: close(GoingAway) from this thread while the main
  // thread blocks in read(), as a signal-handling program would.
  std::thread shutdown_thread([plumbing] {
    if (plumbing.latch.wait()) plumbing.open_connections.close_all(kGoingAway, std::string(kShutdownReason));
  });

  bool left = false;
  {
    ChatSession<httplib::ws::WebSocketClient> session(*client, conn, plumbing.latch);
    auto registration = plumbing.open_connections.add(
        conn, [&session](std::uint16_t code, const std::string& reason) { session.close_with(code, reason); });

    std::string message;
    while (true) {
      const auto result = client->read(message);
      if (result == httplib::ws::Fail) {
        emit_read(conn, ReadKind::Fail);
        break;
      }
      emit_read(conn, read_kind(result));
      if (session.on_message(message, result) == AfterMessage::Leave) {
        left = true;
        break;
      }
    }

    session.join_helpers();
    registration.release();
  }
  // /leave: destroy the client while the connection is open, the RAII path
  // (~WebSocketClient closes it).
  if (left) client.reset();
  emit_cleanup(conn);

  plumbing.latch.abandon();
  shutdown_thread.join();
  return 0;
}

}  // namespace wsh::subject::httplib_subject
