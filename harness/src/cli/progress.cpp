#include "cli/progress.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <unistd.h>

namespace wsh::cli {

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out += (byte < 0x20 || byte == 0x7f) ? '?' : c;
  }
  return out;
}

Progress::Progress(bool enabled) : enabled_(enabled), terminal_(isatty(STDERR_FILENO) == 1) {}

namespace {

// Results in a row that must fail alike before the progress says so.
constexpr std::size_t kStreakToAnnounce = 5;

}  // namespace

void Progress::track_streak(const engine::CaseResult& result) {
  if (streak_broken_ || result.verdict == oracles::Verdict::Skip) return;
  if (result.outcome != oracles::Outcome::Unexpected || result.findings.empty()) {
    streak_broken_ = true;
    return;
  }
  const auto& oracle = result.findings.front().oracle;
  if (streak_length_ > 0 && oracle != streak_oracle_) {
    streak_broken_ = true;
    return;
  }
  if (streak_length_ == 0) {
    streak_oracle_ = oracle;
    const auto& reason = result.findings.front().reason;
    streak_reason_ = terminal_safe(reason.substr(0, std::min(reason.find(':'), std::size_t{120})));
    if (streak_reason_.rfind("the ", 0) == 0) streak_reason_.erase(0, 4);
  }
  ++streak_length_;
}

std::string Progress::streak_note() const {
  if (streak_broken_ || streak_length_ < 2) return {};
  return fmt::format("every result so far: {} ({})", streak_reason_, streak_oracle_);
}

void Progress::update(const engine::CaseResult& result, std::size_t done, std::size_t total) {
  if (!enabled_) return;
  track_streak(result);
  const auto verdict = oracles::verdict_name(result.verdict);
  auto line = fmt::format("{:>13} {} {} {}/{}", verdict, result.subject, cases::role_name(result.role),
                          engine::transport_name(result.transport), terminal_safe(result.id));
  if (result.runs) line += fmt::format(" (run {} of {})", result.runs->attempted, result.runs->limit);
  if (result.outcome != oracles::Outcome::AsExpected && result.outcome != oracles::Outcome::Skipped) {
    if (terminal_) std::fputs("\r\033[K", stderr);
    std::fprintf(stderr, "%s  (%s; expected %s: %s)\n", line.c_str(),
                 std::string(oracles::outcome_name(result.outcome)).c_str(),
                 oracles::expected_text(result.expected).c_str(), terminal_safe(result.reason).c_str());
  }
  const auto streak = streak_note();
  if (!terminal_ && !streak.empty() && streak_length_ >= kStreakToAnnounce && !streak_announced_) {
    // Once, without a terminal: a CI log learns early that the subject, not
    // each case, is broken (--max-failures stops such a run early).
    std::fprintf(stderr, "wsharness: %s, %zu results in a row\n", streak.c_str(), streak_length_);
    streak_announced_ = true;
  }
  if (terminal_)
    std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, total,
                 streak.empty() ? line.c_str() : fmt::format("{} -- {}", streak, line).c_str());
  std::fflush(stderr);
}

bool Progress::finish(const report::RunSummary& summary, const std::string& report_dir) {
  std::map<std::string, std::size_t> counts;
  std::map<oracles::Outcome, std::size_t> outcomes;
  bool passes = true;
  std::vector<long> overheads;
  for (const auto& result : summary.results) {
    ++counts[std::string(oracles::verdict_name(result.verdict))];
    ++outcomes[result.outcome];
    if (oracles::outcome_fails_run(result.outcome, summary.strict)) passes = false;
    if (result.verdict != oracles::Verdict::Skip)
      // Per run: a repeated case's duration covers all of its runs.
      overheads.push_back(static_cast<long>((result.duration - result.waited).count()) /
                          (result.runs ? std::max(1, result.runs->attempted) : 1));
  }
  if (terminal_ && enabled_) std::fputs("\r\033[K", stderr);
  std::string tally;
  for (const auto& [verdict, count] : counts)
    tally += fmt::format("{}{} {}", tally.empty() ? "" : ", ", count, verdict);
  using oracles::Outcome;
  std::fprintf(stderr, "%zu result(s): %s; %zu unexpected, %zu xpass%s, %zu not reproduced; %.1f s\n",
               summary.results.size(), tally.empty() ? "none" : tally.c_str(), outcomes[Outcome::Unexpected],
               outcomes[Outcome::XPass], summary.strict ? " (--strict: failing)" : "", outcomes[Outcome::NotReproduced],
               summary.duration.count() / 1000.0);
  if (summary.incomplete)
    std::fprintf(stderr, "INCOMPLETE: %s; %zu result(s) not run\n", summary.incomplete_reason.c_str(), summary.not_run);
  if (!overheads.empty()) {
    std::sort(overheads.begin(), overheads.end());
    std::fprintf(stderr, "per-result time beyond the waits the cases ask for: median %ld ms, p95 %ld ms\n",
                 overheads[overheads.size() / 2],
                 overheads[std::min(overheads.size() - 1, overheads.size() * 95 / 100)]);
  }
  // The absolute path, so it can be pasted into a browser from anywhere.
  const auto index_html = (std::filesystem::absolute(report_dir) / "index.html").lexically_normal();
  std::fprintf(stderr, "seed %llu; report: %s\n", static_cast<unsigned long long>(summary.seed), index_html.c_str());
  return passes && !summary.incomplete;
}

}  // namespace wsh::cli
