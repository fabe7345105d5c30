// The server role: accept on 127.0.0.1, one handler thread per connection
// (TLS handshake, opening handshake, chat session), and the graceful
// shutdown of PROTOCOL.md: close(1001) on every open connection, wait for the
// handlers, exit 0.

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "chat_session.hpp"
#include "event_sink.hpp"
#include "net/net_error.hpp"
#include "net/tcp_listener.hpp"
#include "opening_handshake.hpp"
#include "roles.hpp"

namespace wsh::subject::faulty {
namespace {

using std::chrono::milliseconds;

// How long a new connection has for its TLS and opening handshakes.
constexpr milliseconds kHandshakeTimeout{5000};
// How long the accept loop waits before it looks again; a shutdown wakes it
// at once (TcpListener::stop_accepting), so this bounds nothing that matters.
constexpr milliseconds kAcceptSlice{1000};
// The pause after an accept error, so a persistent one does not spin.
constexpr milliseconds kAcceptErrorPause{50};
// linger-after-shutdown: the longest the process outlives a /shutdown
// without a signal (the harness sends SIGTERM long before).
constexpr milliseconds kLingerBound{20000};

std::optional<net::TlsEndpoint> make_tls(const SubjectOptions& options) {
  if (!options.tls()) return std::nullopt;
  return net::TlsEndpoint::server(options.tls_cert, options.tls_key);
}

// One connection, from accept to the end of its handler.
void serve(net::TcpSocket socket, const ProcessContext& context) {
  const ConnId conn = std::to_string(socket.peer_port());
  try {
    auto transport = std::make_unique<Transport>(std::move(socket), make_tls(context.options));
    const auto deadline = net::Clock::now() + kHandshakeTimeout;
    if (auto error = transport->handshake(deadline)) {
      std::fprintf(stderr, "faulty [conn %s]: %s\n", conn.c_str(), error->c_str());
      return;
    }
    auto handshake = accept_websocket(*transport, deadline, context.bugs.has(Bug::WrongAccept));
    if (!handshake.ok) {
      std::fprintf(stderr, "faulty [conn %s]: opening handshake refused: %s\n", conn.c_str(), handshake.error.c_str());
      return;
    }
    Connection ws(std::move(transport), connection_config(context, wire::Role::Server, conn),
                  std::move(handshake.early_bytes));
    ChatSession session(ws, conn, context.bugs, context.open_connections, [&context] { context.shutdown.request(); });
    session.run();
    // Leaving scope ends a connection the handler left open (/leave).
  } catch (const net::NetError& error) {
    std::fprintf(stderr, "faulty [conn %s]: %s\n", conn.c_str(), error.what());
  }
}

}  // namespace

int run_server(const ProcessContext& context) {
  const auto& options = context.options;
  net::TcpListener listener;
  try {
    make_tls(options);  // refuse unusable certificate files before "ready"
    // PROTOCOL.md: subjects listen on loopback only.
    listener = net::TcpListener::listen(net::Endpoint{"127.0.0.1", options.port});
  } catch (const net::NetError& error) {
    emit_error(error.what());
    return 1;
  }
  emit_ready(listener.port());

  std::atomic<bool> stopping{false};
  std::thread acceptor([&] {
    while (!stopping) {
      try {
        auto socket = listener.accept(net::Clock::now() + kAcceptSlice);
        context.open_connections.handler_started();
        std::thread([socket = std::move(socket), &context]() mutable {
          serve(std::move(socket), context);
          context.open_connections.handler_finished();
        }).detach();
      } catch (const net::NetError& error) {
        if (stopping) break;
        if (error.kind() != net::NetErrorKind::Timeout) {
          std::fprintf(stderr, "faulty: accept: %s\n", error.what());
          std::this_thread::sleep_for(kAcceptErrorPause);
        }
      }
    }
  });

  context.shutdown.wait();
  stopping = true;
  listener.stop_accepting();
  acceptor.join();
  listener.close();
  context.open_connections.close_all(kGoingAway, std::string(kShutdownReason),
                                     context.bugs.has(Bug::ShutdownMissesOne));
  if (context.bugs.has(Bug::LingerAfterShutdown)) {
    // The bug: every connection is closed, yet the process stays up (as a
    // server whose main thread waits on something /shutdown never ends)
    // until a signal comes, or kLingerBound passes.
    context.open_connections.wait_for_handlers(net::Clock::now() + milliseconds(options.close_timeout_ms));
    std::fprintf(stderr, "faulty: linger-after-shutdown: not exiting until a signal comes\n");
    context.shutdown.wait_for_signal(net::Clock::now() + kLingerBound);
  }

  wait_for_handlers_then_exit(context.open_connections, milliseconds(options.close_timeout_ms));
}

}  // namespace wsh::subject::faulty
