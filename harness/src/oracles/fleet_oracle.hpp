#pragma once
// Judges a multi-connection result (a case with `connections = N`): every
// connection on its own by the same oracles as a single connection (wire,
// outcome, application), the subject process once (health, exit, and file
// descriptors across the whole fleet, where a leak of one fd per connection
// adds up), and the worst verdict wins.
//
// A reader of a result over 300 connections needs the first connection that
// broke each rule and how many did, not 300 copies of one sentence: each
// finding names the first connection that failed it and counts the others.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "cases/case_model.hpp"
#include "oracles/observation.hpp"
#include "oracles/verdict.hpp"

namespace wsh::oracles {

// One connection of the fleet as the oracles see it.
struct FleetConnection {
  std::string conn;                // the harness's local port, as the subject names it
  const Observation* observation;  // its wire transcript and its own events; no process health
};

struct ConnectionVerdict {
  std::size_t index = 0;  // 0-based, in the order the connections were opened
  std::string conn;
  Judgement judgement;
};

struct FleetJudgement {
  Judgement judgement;                                // the result's verdict and findings
  std::vector<ConnectionVerdict> connections;         // one per connection, in order
  std::map<std::string, std::size_t> verdict_counts;  // "PASS" -> 98, "FAIL" -> 2
  // The connection whose transcript explains the verdict: the first with the
  // worst verdict among connections, or the first connection when all passed.
  std::size_t representative = 0;
};

// `process` carries the subject's health, fds before the first connection
// and after the last cleanup, and its exit; `planned` is how many
// connections the case asked for (fewer ran when the run stopped early).
FleetJudgement judge_fleet(const cases::Expectation& expect, const std::vector<FleetConnection>& connections,
                           const Observation& process, std::size_t planned);

}  // namespace wsh::oracles
