// The client role: one connection to --url (ws:// or wss://), the chat
// session on it, then exit 0 once its cleanup ran. /shutdown and SIGTERM
// close(1001) that connection.

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "chat_session.hpp"
#include "event_sink.hpp"
#include "net/net_error.hpp"
#include "opening_handshake.hpp"
#include "roles.hpp"

namespace wsh::subject::faulty {
namespace {

constexpr std::chrono::milliseconds kConnectTimeout{5000};

int cannot_connect(const SubjectOptions& options, const std::string& why) {
  std::fprintf(stderr, "faulty: cannot connect to %s:%u: %s\n", options.url.host.c_str(),
               static_cast<unsigned>(options.url.port), why.c_str());
  return 1;
}

}  // namespace

int run_client(const ProcessContext& context) {
  const auto& options = context.options;
  // SIGTERM and /shutdown: GoingAway on the connection, from their own thread.
  // Detached: it may outlive main(), so it holds only the process-wide
  // objects. Once the connection was asked to close, the process leaves
  // within a bound even if the handler never returns.
  const std::chrono::milliseconds close_timeout(options.close_timeout_ms);
  std::thread([&latch = context.shutdown, &open_connections = context.open_connections, close_timeout] {
    latch.wait();
    open_connections.close_all(kGoingAway, std::string(kShutdownReason));
    wait_for_handlers_then_exit(open_connections, close_timeout);
  }).detach();

  std::unique_ptr<Transport> transport;
  HandshakeOutcome handshake;
  try {
    const auto deadline = net::Clock::now() + kConnectTimeout;
    auto socket = net::TcpSocket::connect(net::Endpoint{options.url.host, options.url.port}, deadline);
    std::optional<net::TlsEndpoint> tls;
    if (options.url.secure) tls = net::TlsEndpoint::client(options.tls_ca, options.url.host);
    transport = std::make_unique<Transport>(std::move(socket), std::move(tls));
    if (auto error = transport->handshake(deadline)) return cannot_connect(options, *error);
    handshake = request_websocket(*transport, options.url, deadline);
    if (!handshake.ok) return cannot_connect(options, "opening handshake failed: " + handshake.error);
  } catch (const net::NetError& error) {
    return cannot_connect(options, error.what());
  }

  context.open_connections.handler_started();
  // conn: the peer's port as this end sees it, i.e. the server's (taken from
  // the URL: getpeername() fails once the server has reset the connection).
  const ConnId conn = std::to_string(options.url.port);
  {
    Connection ws(std::move(transport), connection_config(context, wire::Role::Client, conn),
                  std::move(handshake.early_bytes));
    ChatSession session(ws, conn, context.bugs, context.open_connections, [&context] { context.shutdown.request(); });
    session.run();
    // Destroying the client object while open is the /leave path: the
    // connection's destructor closes it.
  }
  context.open_connections.handler_finished();
  return 0;
}

}  // namespace wsh::subject::faulty
