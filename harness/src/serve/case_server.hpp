#pragma once
// `wsharness serve`: the harness as a server in Autobahn|Testsuite's
// fuzzingserver URL scheme, for clients under test that bring their own
// driver loop (getCaseCount, runCase 1..N echoing every message, then
// updateReports). The served list is the catalogue's client-role cases; a
// case is played on the connection that asked for it and on no other.
// docs/ARCHITECTURE.md, "Testing a client by Autobahn's URL scheme".

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "cases/baseline.hpp"
#include "engine/engine.hpp"
#include "net/endpoint.hpp"
#include "net/tcp_listener.hpp"
#include "net/tls_material.hpp"
#include "report/run_summary.hpp"

namespace wsh::serve {

struct ServeOptions {
  net::Endpoint listen{"127.0.0.1", 9001};
  bool allow_non_loopback = false;  // --listen named an address outside loopback
  engine::Transport transport = engine::Transport::Ws;
  const net::TlsMaterial* tls = nullptr;  // wss: the server certificate
  std::filesystem::path report_dir;
  std::uint64_t seed = 0;
  std::string harness_version;
  std::string started;  // ISO 8601 UTC, for the report
  std::vector<std::string> command_line;
  // --agent-baseline AGENT=FILE: what each agent's results are expected to
  // be (a subject baseline, cases/README.md); an agent without one is
  // expected to PASS everything.
  std::map<std::string, cases::Baseline> agent_baselines;
};

// The served list: client-role cases over `transport`, matching `filters`
// (globs on result ids; empty: all), in catalogue order. Case N of the URL
// scheme is element N-1.
std::vector<const cases::CaseInstance*> served_cases(const cases::Catalogue& catalogue,
                                                     const std::vector<std::string>& filters,
                                                     engine::Transport transport);

// Autobahn's behaviour names for a verdict (getCaseStatus).
std::string_view autobahn_behavior(oracles::Verdict verdict);

class CaseServer {
 public:
  // `log` gets one line per connection and per problem (unescaped bytes
  // from clients never reach it: targets are shown escaped).
  CaseServer(std::vector<const cases::CaseInstance*> cases, ServeOptions options,
             std::function<void(const std::string&)> log);
  ~CaseServer();
  CaseServer(const CaseServer&) = delete;
  CaseServer& operator=(const CaseServer&) = delete;

  // Binds and listens; returns the port (the kernel's pick for port 0).
  // Throws net::NetError.
  std::uint16_t listen();
  // Accepts connections, each in its own thread, until `stop` is set; then
  // waits for the connections in progress (each bounded by its deadlines).
  void run(const std::atomic<bool>& stop);

  // Every result so far, all agents, as a report; false with `error` set
  // when it could not be written. `incomplete`: why the run ended early.
  bool write_report(std::string& error, const std::string& incomplete = {});
  std::size_t result_count() const;
  // Results played since the last report written (or since the start).
  std::size_t unreported() const;

 private:
  void handle(net::TcpSocket socket, std::uint64_t connection_number);
  const engine::SubjectSpec& agent_spec(const std::string& agent);
  report::RunSummary summary(const std::string& incomplete) const;

  std::vector<const cases::CaseInstance*> cases_;
  ServeOptions options_;
  std::function<void(const std::string&)> log_;
  net::TcpListener listener_;
  std::chrono::steady_clock::time_point started_at_;

  mutable std::mutex mutex_;                           // guards everything below, and the report directory
  std::map<std::string, engine::SubjectSpec> agents_;  // node-stable: results point here
  std::map<std::string, std::map<std::size_t, engine::CaseResult>> results_;  // agent -> case index -> result
  std::size_t unreported_ = 0;
  // runCase connections not yet recorded: /updateReports waits for them (a
  // driver asks for the report as soon as the last case's TCP has closed,
  // which is before that case is judged and recorded).
  std::size_t running_ = 0;
  std::condition_variable recorded_;
};

}  // namespace wsh::serve
