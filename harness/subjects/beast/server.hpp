#pragma once
// The server role: listen on 127.0.0.1, serve connections until /shutdown or
// SIGTERM, then close every open connection with 1001 and exit 0.

#include "process_events.hpp"
#include "subject_options.hpp"
#include "timeout_policy.hpp"

namespace wsh::subject::beast_subject {

// Returns the process exit code: 0 after a graceful shutdown, 1 when the
// server could not start (an error event has been emitted).
int run_server(const SubjectOptions& options, const TimeoutPolicy& timeouts, ProcessEvents& events);

}  // namespace wsh::subject::beast_subject
