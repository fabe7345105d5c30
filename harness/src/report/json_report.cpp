#include "report/json_report.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <optional>

#include "wire/bytes.hpp"
#include "wire/close_payload.hpp"
#include "wire/opcode.hpp"
#include "wire/utf8.hpp"

namespace wsh::report {
namespace {

using nlohmann::json;

// Enough of a frame's bytes to read its header and the start of its payload;
// a 16 MiB message must not make a 16 MiB report.
constexpr std::size_t kHexCap = 512;
// Payload text shown for data frames.
constexpr std::size_t kTextCap = 256;

std::string capped_text(const std::vector<std::uint8_t>& bytes, std::size_t cap) {
  std::string text(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(std::min(bytes.size(), cap)));
  return text;
}

std::string_view direction_name(oracles::Direction direction) {
  return direction == oracles::Direction::ToSubject ? "to_subject" : "from_subject";
}

std::string_view record_kind_name(oracles::WireRecord::Kind kind) {
  using Kind = oracles::WireRecord::Kind;
  switch (kind) {
    case Kind::Frame: return "frame";
    case Kind::RawBytes: return "raw";
    case Kind::TcpFin: return "fin";
    case Kind::TcpRst: return "rst";
    case Kind::Fault: return "fault";
    case Kind::DecodeError: return "decode_error";
    case Kind::Note: return "note";
  }
  return "note";
}

std::string_view tcp_end_name(oracles::TcpEnd end) {
  switch (end) {
    case oracles::TcpEnd::StillOpen: return "still_open";
    case oracles::TcpEnd::SubjectFin: return "subject_fin";
    case oracles::TcpEnd::SubjectReset: return "subject_reset";
    case oracles::TcpEnd::PeerClosed: return "peer_closed";
    case oracles::TcpEnd::PeerReset: return "peer_reset";
  }
  return "still_open";
}

json record_json(const oracles::WireRecord& record) {
  json out = {
      {"at_us", record.at.count()}, {"dir", direction_name(record.direction)}, {"kind", record_kind_name(record.kind)}};
  if (!record.text.empty()) out["text"] = record.text;
  if (record.frame) {
    const auto& frame = *record.frame;
    out["opcode"] = wire::opcode_name(frame.opcode);
    out["fin"] = frame.fin;
    out["rsv"] = frame.rsv;
    out["masked"] = frame.masked;
    out["length"] = frame.payload.size();
    if (frame.opcode == static_cast<std::uint8_t>(wire::Opcode::Close)) {
      const auto parsed = wire::parse_close_payload(frame.payload);
      if (parsed.payload.code) out["close_code"] = *parsed.payload.code;
      out["close_reason"] = parsed.payload.reason;
    } else if (frame.opcode == static_cast<std::uint8_t>(wire::Opcode::Text)) {
      out["payload_text"] = capped_text(frame.payload, kTextCap);
    }
  }
  if (!record.bytes.empty()) {
    const std::size_t shown = std::min(record.bytes.size(), kHexCap);
    out["hex"] = wire::to_hex({record.bytes.data(), shown});
    if (shown < record.bytes.size()) out["hex_truncated_from"] = record.bytes.size();
  }
  return out;
}

// A repeated case's runs: {"attempted":37,"failed":1,"repeat":50}.
json runs_json(const results::CaseResult::Runs& runs) {
  return {{"attempted", runs.attempted}, {"failed", runs.failed}, {"repeat", runs.limit}};
}

// What the baseline expected, as an array of verdict names: ["FAIL"], or a
// race's verdicts (["TIMEOUT", "PASS"]) with its `intermittent` details.
json expected_json(const oracles::Expectation& expected) {
  json out = json::array();
  for (const auto verdict : expected.verdicts) out.push_back(oracles::verdict_name(verdict));
  return out;
}

json intermittent_json(const oracles::Expectation& expected) {
  json out = json::object();
  if (expected.rate) out["rate"] = *expected.rate;
  return out;
}

json params_json(const std::vector<cases::Param>& params) {
  json out = json::object();
  for (const auto& param : params) out[param.name] = param.value;
  return out;
}

json events_json(const oracles::Observation& observation) {
  json events = json::array();
  for (const auto& event : observation.events) {
    json item = {{"at_us", event.at.count()}, {"event", event.kind}};
    if (!event.result.empty()) item["result"] = event.result;
    if (event.kind == "close_called") item["code"] = event.code;
    events.push_back(std::move(item));
  }
  return events;
}

json health_json(const oracles::SubjectHealth& subject) {
  json health = {{"alive_at_end", subject.alive_at_end}};
  if (subject.crash) health["crash"] = *subject.crash;
  if (subject.sanitizer_report) health["sanitizer_report"] = *subject.sanitizer_report;
  if (!subject.protocol_violations.empty()) health["protocol_violations"] = subject.protocol_violations;
  if (subject.fds_before) health["fds_before"] = *subject.fds_before;
  if (subject.fds_after) health["fds_after"] = *subject.fds_after;
  return health;
}

// A multi-connection result in brief (absent for single-connection results).
json fleet_json(const results::FleetSummary& fleet) {
  json failures = json::array();
  for (const auto& failure : fleet.failures)
    failures.push_back(
        {{"index", failure.index}, {"conn", failure.conn}, {"verdict", failure.verdict}, {"reason", failure.reason}});
  return {{"concurrency", cases::concurrency_name(fleet.concurrency)},
          {"planned", fleet.planned},
          {"opened", fleet.opened},
          {"passed", fleet.passed},
          {"verdicts", fleet.verdict_counts},
          {"shown", fleet.shown},
          {"shown_conn", fleet.shown_conn},
          {"failures", failures},
          {"failures_total", fleet.failures_total}};
}

}  // namespace

json result_detail_json(const results::CaseResult& result) {
  const auto& observation = result.observation;
  json transcript = json::array();
  for (const auto& record : observation.transcript) transcript.push_back(record_json(record));
  json findings = json::array();
  for (const auto& finding : result.findings)
    findings.push_back(
        {{"verdict", oracles::verdict_name(finding.verdict)}, {"oracle", finding.oracle}, {"reason", finding.reason}});

  json detail = {
      {"id", result.id},
      {"case", result.case_id},
      {"params", params_json(result.params)},
      {"subject", result.subject},
      {"role", cases::role_name(result.role)},
      {"transport", results::transport_name(result.transport)},
      {"title", result.title},
      {"rfc", result.rfc},
      {"requirement", result.requirement},
      {"area", result.area},
      {"autobahn", result.autobahn},
      {"source", result.where.to_string()},
      {"steps", result.steps},
      {"verdict", oracles::verdict_name(result.verdict)},
      {"reason", result.reason},
      {"findings", findings},
      {"expected", expected_json(result.expected)},
      {"outcome", oracles::outcome_name(result.outcome)},
      {"expected_reason", result.expected_reason},
      {"expected_link", result.expected_link},
      {"expected_source", result.expected_where},
      {"seed", result.seed},
      {"duration_ms", result.duration.count()},
      {"waited_ms", result.waited.count()},
      {"log", result.log},
      {"handshake_ok", observation.handshake_ok},
      {"tcp_end", tcp_end_name(observation.tcp_end)},
      {"transcript", transcript},
      {"events", events_json(observation)},
      {"health", health_json(observation.health)},
      {"stderr_tail", result.stderr_tail},
      {"subject_command", result.subject_command},
      {"observed", result.observed},
  };
  // What black-box mode could not see: each oracle "not observed", never PASS.
  if (!result.not_observed.empty()) {
    json unobserved = json::object();
    for (const auto& oracle : result.not_observed) unobserved[oracle] = "not-observed";
    detail["not_observed"] = std::move(unobserved);
  }
  if (result.expected.intermittent) detail["intermittent"] = intermittent_json(result.expected);
  if (result.fleet) detail["connections"] = fleet_json(*result.fleet);
  if (result.runs) detail["runs"] = runs_json(*result.runs);
  // Pair: the top-level view is the server subject's; the client subject's
  // own view sits beside it (the transcript already holds both directions).
  if (const auto& client = result.client_observation) {
    detail["client"] = {{"handshake_ok", client->handshake_ok},
                        {"tcp_end", tcp_end_name(client->tcp_end)},
                        {"events", events_json(*client)},
                        {"health", health_json(client->health)}};
  }
  return detail;
}

namespace {

// The harness's own time per result (its duration minus the waits its case
// asked for), over the results that ran: the suite figure docs/ARCHITECTURE.md ("Targets") sets a
// target for (median <= 5 ms). The same figures the CLI prints at the end.
std::optional<json> overhead_figures(const RunSummary& run) {
  std::vector<long> overheads;
  for (const auto& result : run.results)
    if (result.verdict != oracles::Verdict::Skip)
      overheads.push_back(static_cast<long>((result.duration - result.waited).count()));
  if (overheads.empty()) return std::nullopt;
  std::sort(overheads.begin(), overheads.end());
  return json{{"median", overheads[overheads.size() / 2]},
              {"p95", overheads[std::min(overheads.size() - 1, overheads.size() * 95 / 100)]},
              {"results", overheads.size()}};
}

}  // namespace

json index_json(const RunSummary& run) {
  json subjects = json::array();
  for (const auto& subject : run.subjects) {
    json item = {{"name", subject.name},   {"impl", subject.impl},         {"version", subject.version},
                 {"roles", subject.roles}, {"features", subject.features}, {"command", subject.command}};
    if (!subject.skipped.empty()) item["skipped"] = subject.skipped;
    if (!subject.timeouts.empty()) {
      // The subject's own JSON; kept as text when it is not JSON (a discarded
      // value would dump as "<discarded>" and break index.json).
      auto timeouts = json::parse(subject.timeouts, nullptr, false);
      item["timeouts"] = timeouts.is_discarded() ? json(subject.timeouts) : std::move(timeouts);
    }
    subjects.push_back(std::move(item));
  }
  json results = json::array();
  for (std::size_t i = 0; i < run.results.size(); ++i) {
    const auto& result = run.results[i];
    json entry = {{"id", result.id},
                  {"case", result.case_id},
                  {"params", params_json(result.params)},
                  {"subject", result.subject},
                  {"role", cases::role_name(result.role)},
                  {"transport", results::transport_name(result.transport)},
                  {"verdict", oracles::verdict_name(result.verdict)},
                  {"expected", expected_json(result.expected)},
                  {"outcome", oracles::outcome_name(result.outcome)},
                  {"duration_ms", result.duration.count()},
                  {"detail", fmt::format("results/{}.json", i)},
                  {"reason", result.reason},
                  {"area", result.area},
                  {"autobahn", result.autobahn},
                  {"title", result.title},
                  {"rfc", result.rfc}};
    if (result.fleet) {
      entry["connections"] = result.fleet->opened;
      entry["connections_passed"] = result.fleet->passed;
    }
    if (result.runs) entry["runs"] = runs_json(*result.runs);
    if (result.expected.intermittent) entry["intermittent"] = intermittent_json(result.expected);
    entry["observed"] = result.observed;
    results.push_back(std::move(entry));
  }
  json harness = {{"version", run.harness_version},
                  {"seed", run.seed},
                  {"started", run.started},
                  {"duration_ms", run.duration.count()},
                  {"command_line", run.command_line}};
  if (run.jobs > 0) harness["jobs"] = run.jobs;
  harness["strict"] = run.strict;
  harness["incomplete"] = run.incomplete;
  if (!run.urls.empty()) {
    harness["urls"] = run.urls;
    harness["allow_remote"] = run.allow_remote;
  }
  // How many results came out each way: the figures the CLI's summary line
  // and the HTML's counters show, from the same per-result `outcome`.
  std::map<std::string, std::size_t> outcomes;
  for (const auto outcome : {oracles::Outcome::AsExpected, oracles::Outcome::Unexpected, oracles::Outcome::XPass,
                             oracles::Outcome::NotReproduced, oracles::Outcome::Skipped})
    outcomes[std::string(oracles::outcome_name(outcome))] = 0;
  for (const auto& result : run.results) ++outcomes[std::string(oracles::outcome_name(result.outcome))];
  harness["outcomes"] = outcomes;
  if (const auto overhead = overhead_figures(run)) harness["overhead_ms"] = *overhead;
  if (run.incomplete) {
    harness["incomplete_reason"] = run.incomplete_reason;
    harness["not_run"] = run.not_run;
  }
  return {{"harness", harness}, {"subjects", subjects}, {"results", results}};
}

}  // namespace wsh::report
