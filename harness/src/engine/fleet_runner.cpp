#include "engine/fleet_runner.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <atomic>
#include <map>
#include <memory>
#include <thread>

#include "engine/peer_session.hpp"
#include "engine/result_scope.hpp"
#include "engine/subject_side.hpp"
#include "launch/subject.hpp"
#include "oracles/fleet_oracle.hpp"

namespace wsh::engine {
namespace {

using Sessions = std::vector<std::unique_ptr<PeerSession>>;

// A connection's own random stream: the result's seed and its index, so any
// connection of a replayed result behaves as it did.
std::uint64_t connection_seed(std::uint64_t seed, std::size_t index) {
  return seed ^ (0x9e3779b97f4a7c15ull * (index + 1));
}

// Runs every session's steps at once, at most kMaxFleetThreads at a time.
void play_all(Sessions& sessions, Clock::time_point case_deadline) {
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i = next++; i < sessions.size(); i = next++) sessions[i]->play(case_deadline);
  };
  const auto threads = std::min(sessions.size(), kMaxFleetThreads);
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < threads; ++i) workers.emplace_back(worker);
  worker();
  for (auto& thread : workers) thread.join();
}

bool await_cleanup(launch::Subject& subject, const PeerSession& session, Clock::time_point deadline,
                   std::vector<std::string>& log) {
  const auto cleanup = subject.wait_for_event(launch::EventKind::Cleanup, session.conn(), deadline);
  if (!cleanup)
    log.push_back(fmt::format("connection {} (port {}): no cleanup event: {}", session.index() + 1, session.conn(),
                              cleanup.message()));
  return cleanup.ok();
}

// A local port the subject already saw in this result cannot name a new
// connection: its events would mix with the old one's. The kernel rarely
// reuses a port this soon; when it does, the new socket is parked, open but
// before any handshake (so the port stays taken and the subject reports
// nothing on it), and the connection is made again.
constexpr int kPortReuseRetries = 3;

}  // namespace

CaseResult run_fleet(const PlannedResult& planned, const RunContext& context) {
  const auto& instance = *planned.instance;
  const auto& fleet = *instance.fleet;
  const auto planned_count = static_cast<std::size_t>(fleet.connections);
  ResultScope scope(planned, context, instance);
  auto& result = scope.result();
  auto& log = result.log;
  const auto start = scope.start();
  const auto case_deadline = scope.case_deadline();

  Sessions sessions;
  Sessions parked;
  oracles::Observation process;  // the process's health; one connection's wire view is copied in at the end
  const auto ended = scope.guard("the subject", [&]() -> std::optional<CaseResult> {
    const auto subject_handle = start_subject(planned, context, cases::Role::Server, 0, scope);
    auto& subject = *subject_handle;
    log.push_back(
        fmt::format("{} connections, concurrency \"{}\"", planned_count, cases::concurrency_name(fleet.concurrency)));

    const auto ready = subject.await_ready(start + kStartupDeadline);
    if (!ready) return scope.not_ready(subject, ready, "the subject");
    process.health.fds_before = subject.open_fd_count();

    PeerSessionSetup setup;
    setup.instance = &instance;
    setup.subject = &subject;
    setup.tls = planned.transport == Transport::Wss ? context.tls : nullptr;
    setup.port = ready.event().port;
    setup.allow_non_loopback = context.options.allow_non_loopback;
    setup.start = start;

    std::map<launch::ConnId, std::size_t> index_of;  // conn -> session index
    const auto open_next = [&]() -> PeerSession& {
      const auto index = sessions.size();
      for (int attempt = 0;; ++attempt) {
        auto session = std::make_unique<PeerSession>(setup, index, connection_seed(planned.seed, index));
        const bool connected = session->connect(case_deadline);
        if (connected && index_of.contains(session->conn()) && attempt < kPortReuseRetries) {
          log.push_back(fmt::format("connection {}: the kernel reused local port {}; connecting again", index + 1,
                                    session->conn()));
          parked.push_back(std::move(session));
          continue;
        }
        if (connected) {
          index_of.emplace(session->conn(), index);  // after the retries, a reused port stays with its first connection
          session->handshake(case_deadline);
        }
        sessions.push_back(std::move(session));
        return *sessions.back();
      }
    };

    if (fleet.concurrency == cases::Concurrency::All) {
      // Every connection open before any step: the subject holds all N.
      while (sessions.size() < planned_count) {
        if (!open_next().observation().handshake_ok) {
          log.push_back(fmt::format("connection {} did not open; the others are not opened", sessions.size()));
          break;
        }
      }
      play_all(sessions, case_deadline);
      const auto cleanup_deadline = Clock::now() + kCleanupDeadline;
      for (const auto& session : sessions)
        if (!session->conn().empty()) await_cleanup(subject, *session, cleanup_deadline, log);
    } else {
      // Churn: each connection runs the whole script and is waited to its
      // cleanup before the next opens. The run stops at the first connection
      // that broke (a failed step, no cleanup, the case deadline): the rest
      // would repeat it at the cost of their deadlines.
      while (sessions.size() < planned_count) {
        auto& session = open_next();
        session.play(case_deadline);
        const bool cleaned =
            !session.conn().empty() &&
            await_cleanup(subject, session, std::min(Clock::now() + kCleanupDeadline, case_deadline), log);
        if (session.broke() || !cleaned || Clock::now() >= case_deadline) {
          if (sessions.size() < planned_count)
            log.push_back(fmt::format("stopped after connection {} of {}: it {}", sessions.size(), planned_count,
                                      session.broke() ? "failed a step"
                                      : !cleaned      ? "saw no cleanup"
                                                      : "hit the case deadline"));
          if (Clock::now() >= case_deadline && sessions.size() < planned_count) {
            process.step_failure = fmt::format("the case deadline ({} ms) passed after {} of {} connections",
                                               std::chrono::duration_cast<Millis>(case_deadline - start).count(),
                                               sessions.size(), planned_count);
            process.step_timed_out = true;
          }
          break;
        }
        // Its socket is closed; free what it holds but its observation.
      }
    }
    parked.clear();

    // fds after the last cleanup, back to where they were before the first.
    auto& health = process.health;
    settle_fds(subject, health);
    stop_subject(subject, true, instance.expect.exit_code.has_value(), health, log);

    // Each event to its connection; an event for a connection the harness
    // never made is outside the protocol.
    for (const auto& event : subject.events()) {
      if (event.conn.empty()) continue;
      const auto it = index_of.find(event.conn);
      if (it == index_of.end()) {
        health.protocol_violations.push_back(
            fmt::format("event for unknown connection '{}': {}", event.conn, launch::describe(event)));
        continue;
      }
      sessions[it->second]->observation().events.push_back(app_event(event, start));
    }
    result.stderr_tail = subject.stderr_tail();
    return std::nullopt;
  });
  if (ended) return *ended;

  std::vector<oracles::FleetConnection> connections;
  for (const auto& session : sessions) connections.push_back({session->conn(), &session->observation()});
  auto judged = oracles::judge_fleet(instance.expect, connections, process, planned_count);

  FleetSummary summary;
  summary.concurrency = fleet.concurrency;
  summary.planned = planned_count;
  summary.opened = sessions.size();
  summary.verdict_counts = judged.verdict_counts;
  const auto good = instance.expect.informational ? oracles::Verdict::Informational : oracles::Verdict::Pass;
  for (const auto& connection : judged.connections) {
    if (connection.judgement.verdict == good) {
      ++summary.passed;
      continue;
    }
    ++summary.failures_total;
    if (summary.failures.size() < FleetSummary::kMaxListed)
      summary.failures.push_back({connection.index, connection.conn,
                                  std::string(oracles::verdict_name(connection.judgement.verdict)),
                                  connection.judgement.reason});
  }
  if (!sessions.empty()) {
    auto& shown = *sessions[judged.representative];
    summary.shown = judged.representative;
    summary.shown_conn = shown.conn();
    auto health = std::move(process.health);
    result.observation = std::move(shown.observation());
    result.observation.health = std::move(health);
    for (const auto& session : sessions) result.waited = std::max(result.waited, session->waited());
  } else {
    result.observation.health = std::move(process.health);
  }
  if (process.step_failure) {
    // The deadline that cut the churn short is the result's, not a connection's.
    judged.judgement.findings.push_back({oracles::Verdict::Timeout, "step", *process.step_failure});
    judged.judgement = oracles::judge(std::move(judged.judgement.findings), instance.expect.informational);
  }
  result.fleet = std::move(summary);
  return scope.finish(std::move(judged.judgement));
}

}  // namespace wsh::engine
