#pragma once
// One result: a case instance run against one subject, in one role, over one
// transport. Everything the reports show comes from here. It sits below the
// engine, which makes results, and the report, which shows them, so that
// neither has to know the other (docs/ARCHITECTURE.md, "Layering").

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cases/case_model.hpp"
#include "oracles/observation.hpp"
#include "oracles/outcome.hpp"
#include "oracles/verdict.hpp"

namespace wsh::results {

enum class Transport { Ws, Wss };
inline std::string_view transport_name(Transport transport) { return transport == Transport::Wss ? "wss" : "ws"; }

// A multi-connection result (`connections = N`) in brief: how its
// connections fared, and which one's transcript the result shows.
struct FleetSummary {
  cases::Concurrency concurrency = cases::Concurrency::All;
  std::size_t planned = 0;  // connections the case asked for
  std::size_t opened = 0;   // connections that ran (fewer when the run stopped early)
  std::size_t passed = 0;   // connections whose own verdict is PASS (or INFORMATIONAL when the case is)
  std::map<std::string, std::size_t> verdict_counts;  // "PASS" -> 98, "FAIL" -> 2
  std::size_t shown = 0;                              // 0-based index of the connection in `observation`
  std::string shown_conn;
  // The connections that did not pass (the first kMaxListed), in order.
  struct Failure {
    std::size_t index = 0;
    std::string conn;
    std::string verdict;
    std::string reason;
  };
  std::vector<Failure> failures;
  std::size_t failures_total = 0;
  static constexpr std::size_t kMaxListed = 20;
};

// One result. Its base is its case's citation (title, rfc, requirement,
// area, autobahn), copied from the instance it ran.
struct CaseResult : cases::CaseCitation {
  // Identity (the stable contract of index.json).
  std::string id;       // result id: "close.peer.code.invalid[code=1005]"
  std::string case_id;  // "close.peer.code.invalid"
  std::vector<cases::Param> params;
  std::string subject;  // subject name: "beast", "httplib@0.53.1", "faulty", ...
  cases::Role role = cases::Role::Server;
  Transport transport = Transport::Ws;

  // What the case is, beside its citation.
  std::vector<std::string> steps;  // the steps as written
  cases::SourceLocation where;

  // The verdict, what was expected of it, and what that makes it: the
  // outcome is computed once (engine/executor.cpp) and every report reads it.
  oracles::Verdict verdict = oracles::Verdict::Error;
  std::string reason;
  std::vector<oracles::Finding> findings;
  oracles::Expectation expected;  // INFORMATIONAL for informational cases; else from the subject's baseline
  std::string expected_reason;
  std::string expected_link;
  std::string expected_where;  // the baseline entry's file:line, empty when none matched
  oracles::Outcome outcome = oracles::Outcome::Unexpected;
  // A SKIP for lack of something the subject may promise: a role or a
  // feature. Unset for a SKIP that no subject could avoid (the pair proxy
  // cannot read frames inside TLS).
  struct SubjectNeed {
    enum class Kind { Role, Feature } kind = Kind::Role;
    std::string what;  // "client", "tls", "max_message"
    std::string text() const { return (kind == Kind::Role ? "role " : "feature ") + what; }
  };
  std::optional<SubjectNeed> skip_needs;

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
  // Multi-connection results: `observation` is one connection's (fleet->shown),
  // its health the process's; the rest are summarised here.
  std::optional<FleetSummary> fleet;
  std::string stderr_tail;
  std::vector<std::string> subject_command;
  // How the application was seen (index.json's `observed`): "protocol" (a
  // launched subject's events), "probe" (a server by URL whose handler writes
  // the probe's events) or "wire-only" (a server by URL, no events). The
  // oracles that could not be judged are listed: "not observed", never PASS.
  std::string observed = "protocol";
  std::vector<std::string> not_observed;
};

}  // namespace wsh::results
