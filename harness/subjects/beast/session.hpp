#pragma once
// One WebSocket connection served by Boost.Beast in the shape of the chat
// handler of the subject protocol (PROTOCOL.md): open, a read loop that echoes
// and runs chat commands, exactly one `read fail`, exactly one `cleanup`.
//
// This header is free of Beast on purpose: Beast's websocket and SSL headers
// are compiled in connection_plain.cpp and connection_tls.cpp only, one
// stream type (ws://, wss://) each, for both roles.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <vector>

#include "subject_options.hpp"
#include "timeout_policy.hpp"

namespace boost::asio::ssl {
class context;
}

namespace wsh::subject::beast_subject {

class ConnectionRegistry;
class WorkerThreads;
class ProcessEvents;

// What every connection needs from the process; all of it outlives the
// io_context the connections run on.
struct SessionEnvironment {
  TimeoutPolicy timeouts;
  ConnectionRegistry& registry;  // open connections, for /shutdown and SIGTERM
  WorkerThreads& workers;        // /spam and /close-async threads
  ProcessEvents& events;         // /shutdown requests; the client's open, end or failure
};

// Server role. `socket` was accepted on its own strand; runs the TLS
// handshake when `tls` is set, then Beast's accept. A connection whose
// handshake fails is logged to stderr and emits no event.
void serve_connection(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context* tls,
                      const SessionEnvironment& env);

// Client role. Connects to the first reachable of `endpoints`, runs the TLS
// handshake when `tls` is set (verifying the certificate against url.host),
// then Beast's handshake for url.target. Reports events.connect_failed() when
// any of that fails, events.connection_opened() and later
// events.connection_finished() (after cleanup) otherwise.
void connect_client(boost::asio::io_context& io, std::vector<boost::asio::ip::tcp::endpoint> endpoints,
                    const WsUrl& url, boost::asio::ssl::context* tls, const SessionEnvironment& env);

}  // namespace wsh::subject::beast_subject
