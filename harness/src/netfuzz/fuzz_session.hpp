#pragma once
// One `wsharness fuzz` session: generate cases from the seeds, run each
// against a live subject with the normal runner and oracles, and write every
// finding as a case file. Bounded by wall time, by the number of cases and
// by the number of findings; loopback only, as every run.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "netfuzz/mutator.hpp"

namespace wsh::netfuzz {

struct FuzzOptions {
  engine::SubjectSpec subject;  // probed
  cases::Role role = cases::Role::Server;
  engine::Transport transport = engine::Transport::Ws;
  std::chrono::seconds budget{60};
  std::uint64_t seed = 0;
  std::size_t max_cases = 100000;
  std::size_t max_found = 10;
  int jobs = 1;
  std::filesystem::path out_dir;
  std::string fuzz_command;  // for the files' comments
  bool allow_non_loopback = false;
  MutatorLimits limits;
};

struct FoundCase {
  std::filesystem::path file;
  std::string id;
  oracles::Verdict verdict = oracles::Verdict::Fail;
  std::string oracle;  // the worst finding's
  std::string reason;
  bool reproduced = false;  // the file, loaded back, failed the same way on a second run
};

struct FuzzSummary {
  std::size_t cases_run = 0;
  std::size_t harness_errors = 0;  // the harness, not the subject, failed a case
  std::string first_harness_error;
  std::chrono::milliseconds elapsed{0};
  std::map<std::string, std::size_t> findings_by_oracle;  // every finding, written or not
  std::size_t findings = 0;
  std::vector<FoundCase> written;  // in order of case index
  double exec_per_second() const {
    return elapsed.count() > 0 ? static_cast<double>(cases_run) * 1000.0 / static_cast<double>(elapsed.count()) : 0.0;
  }
};

// Called once per written finding, from a worker thread (serialised).
using FoundCallback = std::function<void(const FoundCase&)>;

// Generates cases from `seeds` and runs each against the live subject of
// `options` until its time, case or finding budget is spent.
FuzzSummary fuzz_subject(const FuzzOptions& options, const std::vector<Seed>& seeds, const FoundCallback& on_found);

// Whether a verdict under the robust expectation is a finding.
bool is_finding(oracles::Verdict verdict);

}  // namespace wsh::netfuzz
