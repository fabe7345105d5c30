#pragma once
// The graceful shutdown of /shutdown and SIGTERM (PROTOCOL.md): close(1001,
// "server shutting down") on every open connection, then wait, bounded, for
// their handlers to finish. RFC 6455 §7.4.1: 1001 means "an endpoint is going
// away, such as a server going down".

#include <chrono>

#include "connection_registry.hpp"

namespace wsh::subject::beast_subject {

// Closes every open connection with 1001 and waits up to `grace` for each
// cleanup. Connections still open then are aborted (TCP dropped, no close
// handshake) and waited for once more, briefly, so the process can exit with
// their cleanups emitted. Returns true when every close handshake finished in
// the grace period.
bool close_all_gracefully(ConnectionRegistry& registry, std::chrono::milliseconds grace);

}  // namespace wsh::subject::beast_subject
