#pragma once
// The two roles of the faulty subject (PROTOCOL.md, "Invocation"). Each returns
// the process's exit status.

#include "bugs.hpp"
#include "connection.hpp"
#include "open_connections.hpp"
#include "subject_options.hpp"

namespace wsh::subject::faulty {

// What every connection of the process shares. open_connections and
// shutdown must never be destroyed: detached threads (handlers, the signal
// thread) may still use them while the process exits.
struct ProcessContext {
  const SubjectOptions& options;
  const BugSet& bugs;
  OpenConnections& open_connections;
  ShutdownLatch& shutdown;
  // --emulate read-timeout: read() reports a timeout and the connection stays open.
  bool emulate_read_timeout = false;
};

// The per-connection settings the command line asks for.
ConnectionConfig connection_config(const ProcessContext& context, wire::Role role, const std::string& conn);

// Serves on 127.0.0.1 until /shutdown or SIGTERM, then exits 0.
int run_server(const ProcessContext& context);
// Connects to --url, runs one chat connection, exits 0 (1 when it cannot connect).
int run_client(const ProcessContext& context);

}  // namespace wsh::subject::faulty
