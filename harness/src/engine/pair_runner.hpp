#pragma once
// The pair topology (docs/ARCHITECTURE.md, "Topologies"): subject client -> fault proxy
// -> subject server. Starts the server subject, the proxy and the client
// subject, plays the case's steps through the proxy, then judges each
// subject with the oracles from its own side of the wire.

#include <string>

#include "engine/case_runner.hpp"

namespace wsh::engine {

CaseResult run_pair(const PlannedResult& planned, const RunContext& context);

// Why the pair topology cannot run this result, or "" when it can: the
// subject must play both roles, and over wss:// the proxy is blind, so a
// case that injects or waits for frames cannot run there.
std::string pair_skip_reason(const PlannedResult& planned);

}  // namespace wsh::engine
