#include "oracles/fleet_oracle.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "oracles/oracles.hpp"

namespace wsh::oracles {
namespace {

// The finding of the first connection that broke one oracle, and how many did.
struct Tally {
  Finding first;
  std::size_t connections = 0;
};

std::string connection_label(std::size_t index, std::size_t total, const std::string& conn) {
  return fmt::format("connection {} of {} (port {})", index + 1, total, conn.empty() ? "?" : conn);
}

}  // namespace

FleetJudgement judge_fleet(const cases::Expectation& expect, const std::vector<FleetConnection>& connections,
                           const Observation& process, std::size_t planned) {
  FleetJudgement fleet;
  std::vector<Finding> findings = check_health(process);
  for (auto& finding : check_exit(expect, process)) findings.push_back(std::move(finding));
  const auto& health = process.health;
  if (health.fds_before && health.fds_after && *health.fds_after > *health.fds_before) {
    findings.push_back({Verdict::Fail, "app.fd-leak",
                        fmt::format("after {} connections and their cleanups the subject holds {} open file "
                                    "descriptors; {} before the first connection",
                                    connections.size(), *health.fds_after, *health.fds_before)});
  }

  // Tallies keyed by oracle and verdict, in the order first seen.
  std::vector<std::pair<std::pair<std::string, Verdict>, Tally>> tallies;
  int worst = severity(Verdict::Pass);
  for (std::size_t i = 0; i < connections.size(); ++i) {
    const auto& connection = connections[i];
    auto own = check_connection(expect, *connection.observation);
    const auto label = connection_label(i, planned, connection.conn);
    std::vector<std::pair<std::string, Verdict>> counted;  // one connection counts once per oracle
    for (const auto& finding : own) {
      if (finding.verdict == Verdict::Pass) continue;
      const auto key = std::make_pair(finding.oracle, finding.verdict);
      auto it = std::find_if(tallies.begin(), tallies.end(), [&](const auto& entry) { return entry.first == key; });
      if (it == tallies.end()) {
        tallies.push_back({key, Tally{{finding.verdict, finding.oracle, label + ": " + finding.reason}, 0}});
        it = tallies.end() - 1;
      }
      if (std::find(counted.begin(), counted.end(), key) != counted.end()) continue;
      counted.push_back(key);
      ++it->second.connections;
    }
    ConnectionVerdict verdict{i, connection.conn, judge(std::move(own), expect.informational)};
    ++fleet.verdict_counts[std::string(verdict_name(verdict.judgement.verdict))];
    if (severity(verdict.judgement.verdict) > worst) {
      worst = severity(verdict.judgement.verdict);
      fleet.representative = i;
    }
    fleet.connections.push_back(std::move(verdict));
  }
  for (auto& [key, tally] : tallies) {
    if (tally.connections > 1)
      tally.first.reason +=
          fmt::format(" (and {} more connection{})", tally.connections - 1, tally.connections == 2 ? "" : "s");
    findings.push_back(std::move(tally.first));
  }
  fleet.judgement = judge(std::move(findings), expect.informational);
  return fleet;
}

}  // namespace wsh::oracles
