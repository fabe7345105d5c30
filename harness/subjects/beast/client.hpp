#pragma once
// The client role: one connection to --url; the process exits once that
// connection's cleanup ran.

#include "process_events.hpp"
#include "subject_options.hpp"
#include "timeout_policy.hpp"

namespace wsh::subject::beast_subject {

// Returns the process exit code: 0 once the connection opened and its cleanup
// ran; 1 when it could not connect (the reason is on stderr).
int run_client(const SubjectOptions& options, const TimeoutPolicy& timeouts, ProcessEvents& events);

}  // namespace wsh::subject::beast_subject
