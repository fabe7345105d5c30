// The server role: an httplib::Server (or SSLServer) whose WebSocket handler
// is the cookbook's chat handler, plus the graceful shutdown a real program
// writes around it.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "chat_session.hpp"
#include "event_sink.hpp"
#include "httplib_compat.hpp"
#include "roles.hpp"

namespace wsh::subject::httplib_subject {
namespace {

using std::chrono::milliseconds;

// PROTOCOL.md: subjects listen on loopback only, never 0.0.0.0.
constexpr const char* kLoopback = "127.0.0.1";
// Every path: the harness may use any target in its URL.
constexpr const char* kAnyPath = R"(/.*)";
// How much longer than one close handshake a shutdown waits for handlers to
// return, and then for httplib's accept loop to wind down.
constexpr milliseconds kShutdownMargin{2000};

std::unique_ptr<httplib::Server> make_server(const SubjectOptions& options) {
  if (!options.tls()) return std::make_unique<httplib::Server>();
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  return std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
#else
  return nullptr;
#endif
}

// The bound port, or 0 when binding failed.
int bind_loopback(httplib::Server& server, std::uint16_t port) {
  if (port == 0) return server.bind_to_any_port(kLoopback);
  return server.bind_to_port(kLoopback, port) ? port : 0;
}

void log_still_open(const OpenConnections& open_connections) {
  std::string ids;
  for (const auto& conn : open_connections.open_ids()) ids += " " + conn;
  std::fprintf(stderr, "httplib subject: shutdown gave up waiting for the handlers of:%s\n", ids.c_str());
}

// The handler, in the shape cpp-httplib's cookbook gives (read until Fail,
// then clean up), with the events of the subject protocol around it. The
// cookbook loops on `while (ws.is_open())`; this loops until read() itself
// says Fail, because that is the signal under test: after the handler's own
// close() an is_open() loop would end without read() ever reporting Fail.
void register_chat_handler(httplib::Server& server, ShutdownPlumbing plumbing) {
  server.WebSocket(kAnyPath, [plumbing](const httplib::Request& req, httplib::ws::WebSocket& ws) {
    const ConnId conn = std::to_string(req.remote_port);
    emit_open(conn);
    ChatSession<httplib::ws::WebSocket> session(ws, conn, plumbing.latch);
    auto registration = plumbing.open_connections.add(
        conn, [&session](std::uint16_t code, const std::string& reason) { session.close_with(code, reason); });

    std::string message;
    while (true) {
      const auto result = ws.read(message);
      if (result == httplib::ws::Fail) {
        emit_read(conn, ReadKind::Fail);
        break;
      }
      emit_read(conn, read_kind(result));
      // /leave: return without close(); httplib's end-of-handler path ends it.
      if (session.on_message(message, result) == AfterMessage::Leave) break;
    }

    // The cleanup after the loop, once per connection.
    session.join_helpers();
    registration.release();
    emit_cleanup(conn);
  });
}

// /shutdown or SIGTERM: GoingAway on every open connection, from this (the
// main) thread while the handlers block in read(), as a real program's
// signal handling does; then stop accepting and leave.
void shut_down(httplib::Server& server, std::future<void>& listener_done, const TimeoutPlan& timeouts,
               ShutdownPlumbing plumbing) {
  plumbing.open_connections.close_all(kGoingAway, std::string(kShutdownReason));
  const bool handlers_done = plumbing.open_connections.wait_until_empty(timeouts.close + kShutdownMargin);
  if (!handlers_done) log_still_open(plumbing.open_connections);
  server.stop();
  // httplib's accept loop joins its worker threads before it returns, so a
  // handler that never returns would keep this process alive for good.
  if (listener_done.wait_for(kShutdownMargin) != std::future_status::ready) {
    std::fprintf(stderr, "httplib subject: listen_after_bind() did not return after stop(); exiting anyway\n");
    std::fflush(stderr);
    std::_Exit(0);
  }
}

}  // namespace

int run_server(const SubjectOptions& options, const TimeoutPlan& timeouts, ShutdownPlumbing plumbing) {
  auto server = make_server(options);
  if (!server) {
    emit_error("this httplib subject was built without TLS (WSH_HTTPLIB_TLS=OFF); cannot serve wss://");
    return 1;
  }
  if (!server->is_valid()) {
    emit_error("httplib::SSLServer rejected --tls-cert " + options.tls_cert + " / --tls-key " + options.tls_key);
    return 1;
  }
  set_ping_interval(*server, timeouts.ping_interval_setting);
  register_chat_handler(*server, plumbing);

  const int port = bind_loopback(*server, options.port);
  if (port <= 0) {
    emit_error("cannot bind " + std::string(kLoopback) + ":" + std::to_string(options.port));
    return 1;
  }
  // bind_to_port() already listens, so a client may connect from here on.
  emit_ready(static_cast<std::uint16_t>(port));

  std::promise<void> listener_result;
  auto listener_done = listener_result.get_future();
  std::thread listener([&server, &listener_result, plumbing] {
    server->listen_after_bind();
    listener_result.set_value();
    plumbing.latch.abandon();  // an accept loop that ends by itself is an error
  });

  if (!plumbing.latch.wait()) {
    emit_error("httplib's listen_after_bind() returned before any shutdown was asked for");
    listener.join();
    return 1;
  }
  shut_down(*server, listener_done, timeouts, plumbing);
  listener.join();
  return 0;
}

}  // namespace wsh::subject::httplib_subject
