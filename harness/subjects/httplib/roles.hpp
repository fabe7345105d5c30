#pragma once
// The two roles of the subject protocol, each a whole program run once main()
// has parsed the options and emitted hello. Both return the exit code.

#include "open_connections.hpp"
#include "shutdown_latch.hpp"
#include "subject_options.hpp"
#include "timeouts_in_force.hpp"

namespace wsh::subject::httplib_subject {

// What both roles share with main(): the latch SIGTERM pulls, and the
// connections a shutdown closes.
struct ShutdownPlumbing {
  ShutdownLatch& latch;
  OpenConnections& open_connections;
};

// Serves ws:// (or wss:// with --tls-cert/--tls-key) on 127.0.0.1 until
// /shutdown or SIGTERM; 0 after a graceful shutdown, 1 when it cannot start.
int run_server(const SubjectOptions& options, const TimeoutPlan& timeouts, ShutdownPlumbing plumbing);

// Connects once to --url and chats until the connection ends; 0 after its
// cleanup, 1 when it cannot connect.
int run_client(const SubjectOptions& options, const TimeoutPlan& timeouts, ShutdownPlumbing plumbing);

}  // namespace wsh::subject::httplib_subject
