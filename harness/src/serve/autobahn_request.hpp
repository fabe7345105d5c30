#pragma once
// The request target of a connection to `wsharness serve`, read the way
// Autobahn|Testsuite's fuzzingserver reads it: the path names what the client
// wants (/getCaseCount, /runCase, /getCaseInfo, /getCaseStatus,
// /updateReports) and the query carries `case` (1-based) and `agent`.
// Pure: no sockets, so every malformed target is unit-tested.

#include <optional>
#include <string>
#include <string_view>

namespace wsh::serve {

enum class Endpoint { GetCaseCount, RunCase, GetCaseInfo, GetCaseStatus, UpdateReports, Unknown };

struct ServeRequest {
  Endpoint endpoint = Endpoint::Unknown;
  std::string path;                 // as sent, before '?'
  std::optional<long> case_number;  // `case`, 1-based as the client sent it
  std::string agent;                // `agent`, percent-decoded
  // Set when the target cannot be answered: a missing or malformed `case`
  // or `agent` where the endpoint needs one. Says what was wrong.
  std::string problem;
};

ServeRequest parse_serve_target(std::string_view target);

// The paths serve answers, for the body of a 404.
std::string_view known_paths();

}  // namespace wsh::serve
