#pragma once
// One result: a case instance run against one subject, in one role, over one
// transport. Everything the reports show comes from here.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/case_model.hpp"
#include "oracles/observation.hpp"
#include "oracles/verdict.hpp"

namespace wsh::engine {

enum class Transport { Ws, Wss };
inline std::string_view transport_name(Transport transport) { return transport == Transport::Wss ? "wss" : "ws"; }

struct CaseResult {
  // Identity (the stable contract of index.json).
  std::string id;       // result id: "close.peer.code.invalid[code=1005]"
  std::string case_id;  // "close.peer.code.invalid"
  std::vector<cases::Param> params;
  std::string subject;  // subject name: "beast", "httplib@0.53.1", "faulty", ...
  cases::Role role = cases::Role::Server;
  Transport transport = Transport::Ws;

  // What the case is.
  std::string title, rfc, requirement, area;
  std::vector<std::string> autobahn;
  std::vector<std::string> steps;  // the steps as written
  cases::SourceLocation where;

  // The verdict and what was expected of it.
  oracles::Verdict verdict = oracles::Verdict::Error;
  std::string reason;
  std::vector<oracles::Finding> findings;
  std::string expected = "PASS";  // INFORMATIONAL for informational cases; else from the subject's baseline
  std::string expected_reason;
  std::string expected_link;
  // SKIP (a role or feature the subject lacks) is never a surprise: it says
  // nothing about the implementation, and the summary counts it apart.
  bool as_expected() const { return oracles::verdict_as_expected(oracles::verdict_name(verdict), expected); }

  // A case with `repeat = N` runs up to N times and stops at the first run
  // worse than PASS: how far it got. Unset for a case that runs once.
  struct Runs {
    int attempted = 1;  // runs made, the reported one included
    int failed = 0;     // of them, worse than PASS (0 or 1: the first failure stops the loop)
    int limit = 1;      // the case's repeat
  };
  std::optional<Runs> runs;

  // How it ran. For a repeated case: the seed, transcript and log of the
  // run reported (the failing one, or the last), so `replay` reruns it.
  std::uint64_t seed = 0;
  std::chrono::milliseconds duration{0};
  std::chrono::milliseconds waited{0};  // time the case asked to wait (sleep, silence, drain)
  std::vector<std::string> log;         // step-by-step narrative
  // What the subject saw. In the pair topology: the server subject's view
  // (its transcript holds both directions between the two subjects), and
  // client_observation the client subject's.
  oracles::Observation observation;
  std::optional<oracles::Observation> client_observation;
  std::string stderr_tail;
  std::vector<std::string> subject_command;
};

}  // namespace wsh::engine
