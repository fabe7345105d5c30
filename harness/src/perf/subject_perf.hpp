#pragma once
// `wsharness perf` for one server subject over one transport: starts it,
// runs the close-latency and churn phases (perf_phases.hpp) against that one
// process, stops it, and says how it ended.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "perf/perf_phases.hpp"

namespace wsh::perf {

struct PerfSettings {
  std::size_t connections = 1000;  // close-latency phase
  Millis churn{5000};              // churn phase; 0 skips it
  Millis stage_timeout{2000};      // each stage of each cycle
  PhaseLimits limits;
  std::uint64_t seed = 0;  // Sec-WebSocket-Key seeds
};

struct PerfSubject {
  std::string name;                  // "beast", "faulty", the --subject-name
  std::vector<std::string> argv;     // command and fixed arguments
  std::vector<std::string> wrapper;  // e.g. valgrind
};

struct SubjectPerf {
  std::string subject;
  std::string impl;       // from hello
  std::string version;    // from hello
  std::string transport;  // "ws" or "wss"
  std::string command;    // as started
  std::string error;      // non-empty: the subject could not be measured at all
  std::optional<LatencyResult> latency;
  std::optional<ChurnResult> churn;
  std::string exit;  // how it ended when stopped; empty: exit 0 after SIGTERM
  std::optional<std::string> sanitizer_report;
  std::size_t protocol_violations = 0;

  // Every connection completed, one cleanup each, and the subject ended well.
  bool clean() const;
};

// `tls`: the run's certificates for wss://, nullptr for ws://.
SubjectPerf measure_subject(const PerfSubject& subject, const net::TlsMaterial* tls, const PerfSettings& settings);

}  // namespace wsh::perf
