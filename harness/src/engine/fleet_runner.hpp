#pragma once
// Runs a multi-connection result (a server case with `connections = N`,
// cases/README.md "Multi-connection cases"): one subject process, N client
// connections from the harness, each with its own scripted peer.
//   concurrency = "all":        open and handshake every connection, then run
//                               the steps on all of them at once (one thread
//                               per connection, at most kMaxFleetThreads);
//   concurrency = "sequential": the whole script on one connection after
//                               another, each waited to its cleanup (churn).
// Every connection is judged by the single-connection oracles, the process
// once (health, exit, fds before the first and after the last cleanup).

#include "engine/case_runner.hpp"

namespace wsh::engine {

// Threads that play connections at once; more connections wait their turn
// (their bytes wait in the socket buffers meanwhile).
constexpr std::size_t kMaxFleetThreads = 64;

CaseResult run_fleet(const PlannedResult& planned, const RunContext& context);

}  // namespace wsh::engine
