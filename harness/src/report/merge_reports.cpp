#include "report/merge_reports.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <tuple>

#include "oracles/verdict.hpp"
#include "report/html_report.hpp"
#include "report/json_fields.hpp"
#include "report/outcome_fields.hpp"

namespace wsh::report {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MergeError(fmt::format("{}: cannot be read", path.string()));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json read_json(const fs::path& path) {
  try {
    return json::parse(read_text(path));
  } catch (const json::parse_error& error) {
    throw MergeError(fmt::format("{}: not valid JSON: {}", path.string(), error.what()));
  }
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw MergeError(fmt::format("cannot write {}", path.string()));
}

std::string dump(const json& value) { return value.dump(1, ' ', false, json::error_handler_t::replace); }

// "results/N.json" only: a detail path read from disk must not name any
// other file.
bool is_detail_path(const std::string& detail) {
  constexpr std::string_view prefix = "results/", suffix = ".json";
  if (!detail.starts_with(prefix) || !detail.ends_with(suffix)) return false;
  const auto digits = std::string_view(detail).substr(prefix.size(), detail.size() - prefix.size() - suffix.size());
  return !digits.empty() && digits.size() <= 9 &&
         std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

using ResultKey = std::tuple<std::string, std::string, std::string, std::string>;  // id, subject, role, transport

ResultKey key_of(const json& result) {
  return {field_text(result, "id"), field_text(result, "subject"), field_text(result, "role"),
          field_text(result, "transport")};
}

// The <testsuite> elements of a shard's junit.xml, as text.
std::string junit_suites(const fs::path& file) {
  if (!fs::exists(file)) return "";
  const std::string text = read_text(file);
  const auto begin = text.find("<testsuite ");
  const auto end = text.rfind("</testsuite>");
  if (begin == std::string::npos || end == std::string::npos || end < begin)
    throw MergeError(fmt::format("{}: no <testsuite> element", file.string()));
  return text.substr(begin, end + std::string_view("</testsuite>").size() - begin) + "\n";
}

class Merger {
 public:
  void add_shard(const fs::path& dir) {
    const auto index_path = dir / "index.json";
    if (!fs::exists(index_path))
      throw MergeError(fmt::format("{}: no index.json (is this a report directory?)", dir.string()));
    const json index = read_json(index_path);
    if (!index.is_object() || !index.contains("results") || !index["results"].is_array() ||
        !field_object(index, "harness").is_object())
      throw MergeError(fmt::format("{}: not a wsharness index.json", index_path.string()));

    const auto& harness = field_object(index, "harness");
    json shard = {{"dir", dir.string()}};
    for (const auto* key : {"version", "seed", "started", "duration_ms", "jobs", "command_line", "overhead_ms"})
      if (harness.contains(key)) shard[key] = harness[key];
    shards_.push_back(std::move(shard));
    if (version_.empty()) version_ = field_text(harness, "version");
    if (!seed_ && harness.contains("seed")) seed_ = harness["seed"];
    const auto started = field_text(harness, "started");
    if (!started.empty() && (started_.empty() || started < started_)) started_ = started;
    wall_ms_ = std::max(wall_ms_, field_int(harness, "duration_ms"));
    strict_ = strict_ || (harness.contains("strict") && harness["strict"] == true);

    for (const auto& subject : field_array(index, "subjects")) add_subject(subject);

    for (const auto& result : index["results"]) {
      if (!result.is_object()) throw MergeError(fmt::format("{}: a result is not an object", index_path.string()));
      const auto key = key_of(result);
      const auto [seen, inserted] = owner_.emplace(key, dir.string());
      if (!inserted)
        throw MergeError(fmt::format("result {} ({} {} {}) is in both {} and {}: the shards overlap", std::get<0>(key),
                                     std::get<1>(key), std::get<2>(key), std::get<3>(key), seen->second, dir.string()));
      json merged = result;
      const auto detail = field_text(result, "detail");
      if (is_detail_path(detail) && fs::exists(dir / detail)) {
        const std::string target = fmt::format("results/{}.json", results_.size());
        pending_details_.push_back({dir / detail, target});
        merged["detail"] = target;
      } else {
        merged.erase("detail");
      }
      results_.push_back(std::move(merged));
    }
    junit_ += junit_suites(dir / "junit.xml");
    if (fs::exists(dir / "perf.json")) {
      const json perf = read_json(dir / "perf.json");
      if (perf_.is_null()) perf_ = perf;
      else
        for (const auto& subject : field_array(perf, "subjects")) perf_["subjects"].push_back(subject);
    }
  }

  MergeOutcome write(const fs::path& staging) {
    fs::create_directories(staging / "results");
    std::vector<long> overheads;
    for (const auto& [from, to] : pending_details_) {
      const json detail = read_json(from);
      if (field_text(detail, "verdict") != "SKIP" && detail.contains("duration_ms"))
        overheads.push_back(static_cast<long>(field_int(detail, "duration_ms") - field_int(detail, "waited_ms")));
      write_text(staging / to, dump(detail));
    }
    json harness = {{"version", version_},
                    {"seed", seed_ ? *seed_ : json(0)},
                    {"started", started_},
                    {"duration_ms", wall_ms_},
                    {"command_line", json::array({"wsharness", "report", "--merge"})},
                    {"shards", shards_}};
    for (const auto& shard : shards_) harness["command_line"].push_back(field_text(shard, "dir"));
    if (!overheads.empty()) {
      std::sort(overheads.begin(), overheads.end());
      harness["overhead_ms"] = {{"median", overheads[overheads.size() / 2]},
                                {"p95", overheads[std::min(overheads.size() - 1, overheads.size() * 95 / 100)]},
                                {"results", overheads.size()}};
    }
    json subjects = json::array();
    for (const auto& name : subject_order_) subjects.push_back(subjects_[name]);
    write_text(staging / "index.json", dump({{"harness", harness}, {"subjects", subjects}, {"results", results_}}));

    MergeOutcome outcome;
    outcome.results = results_.size();
    std::size_t skipped = 0;
    for (const auto& result : results_) {
      if (outcome_fails(result, strict_)) ++outcome.unexpected;
      if (field_text(result, "verdict") == "SKIP") ++skipped;
    }
    write_text(
        staging / "junit.xml",
        fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"wsharness\" tests=\"{}\" "
                    "failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{:.3f}\">\n{}</testsuites>\n",
                    results_.size(), outcome.unexpected, skipped, static_cast<double>(wall_ms_) / 1000.0, junit_));
    if (!perf_.is_null()) write_text(staging / "perf.json", dump(perf_));
    render_html(staging, staging);
    return outcome;
  }

 private:
  // One entry per subject name; a subject that ran in any shard is shown as
  // having run (a shard that skipped it only lacked, say, its role).
  void add_subject(const json& subject) {
    const auto name = field_text(subject, "name");
    const auto known = subjects_.find(name);
    if (known == subjects_.end()) {
      subject_order_.push_back(name);
      subjects_[name] = subject;
    } else if (!field_text(known->second, "skipped").empty() && field_text(subject, "skipped").empty()) {
      known->second = subject;
    }
  }

  std::vector<json> shards_;
  std::string version_;
  std::optional<json> seed_;
  std::string started_;
  std::int64_t wall_ms_ = 0;
  bool strict_ = false;  // any shard ran with --strict
  std::vector<std::string> subject_order_;
  std::map<std::string, json> subjects_;
  std::map<ResultKey, std::string> owner_;  // which shard holds each result
  json results_ = json::array();
  std::vector<std::pair<fs::path, std::string>> pending_details_;  // shard file -> merged path
  std::string junit_;
  json perf_ = nullptr;
};

}  // namespace

MergeOutcome merge_reports(const std::vector<fs::path>& shards, const fs::path& out) {
  if (shards.empty()) throw MergeError("--merge needs at least one report directory");
  Merger merger;
  for (const auto& shard : shards) merger.add_shard(shard);

  const fs::path target = fs::absolute(out).lexically_normal();
  const fs::path parent = target.has_filename() ? target.parent_path() : target.parent_path().parent_path();
  const std::string name =
      target.has_filename() ? target.filename().string() : target.parent_path().filename().string();
  fs::create_directories(parent);
  std::mt19937_64 random{std::random_device{}()};
  const fs::path staging = parent / fmt::format(".{}.merge-{:x}", name, random());
  const fs::path previous = parent / fmt::format(".{}.old-{:x}", name, random());
  try {
    const auto outcome = merger.write(staging);
    const fs::path final_dir = parent / name;
    if (fs::exists(final_dir)) fs::rename(final_dir, previous);
    fs::rename(staging, final_dir);
    fs::remove_all(previous);
    return outcome;
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    throw;
  }
}

}  // namespace wsh::report
