#include "report/html_report.hpp"

#include <charconv>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>

#include "report/file_output.hpp"
#include "report/index_page.hpp"
#include "report/json_fields.hpp"
#include "report/report_assets.hpp"
#include "report/result_page.hpp"

namespace wsh::report {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Parses a whole file as JSON; on failure returns a discarded value and
// says why in `problem`.
json read_json(const fs::path& path, std::string& problem) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problem = "cannot open " + path.string();
    return json(json::value_t::discarded);
  }
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::parse_error& error) {
    problem = path.string() + " is not valid JSON: " + error.what();
    return json(json::value_t::discarded);
  }
}

// The N of a detail path "results/N.json", or nothing: a detail path is
// data from disk, and only this exact shape may choose where a page goes.
std::optional<std::size_t> detail_number(const std::string& detail) {
  constexpr std::string_view prefix = "results/", suffix = ".json";
  if (!detail.starts_with(prefix) || !detail.ends_with(suffix)) return std::nullopt;
  const std::string_view digits(detail.data() + prefix.size(), detail.size() - prefix.size() - suffix.size());
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  std::size_t number = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return number;
}

fs::path sibling_name(const fs::path& dir, std::string_view tag) {
  std::mt19937_64 random{std::random_device{}()};
  return dir.parent_path() / fmt::format(".{}.{}-{:x}", dir.filename().string(), tag, random());
}

}  // namespace

void render_html(const fs::path& json_dir, const fs::path& out_dir) {
  std::string problem;
  const auto index = read_json(json_dir / "index.json", problem);
  if (index.is_discarded()) throw std::runtime_error(problem);
  if (!index.is_object() || !field_object(index, "harness").is_object() || !index.contains("results"))
    throw std::runtime_error((json_dir / "index.json").string() + " is not a wsharness index.json");

  fs::create_directories(out_dir / "results");
  const auto& results = field_array(index, "results");
  std::vector<std::string> pages(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto number = detail_number(field_text(results[i], "detail"));
    if (!number) continue;
    std::string detail_problem;
    const auto detail = read_json(json_dir / "results" / fmt::format("{}.json", *number), detail_problem);
    const auto page = detail.is_object() ? render_result_page(detail, *number)
                                         : render_unreadable_result_page(
                                               *number, detail_problem.empty() ? "not a JSON object" : detail_problem);
    write_file(out_dir / "results" / fmt::format("{}.html", *number), page);
    pages[i] = fmt::format("results/{}.html", *number);
  }
  write_file(out_dir / "report.css", report_asset("report.css"));
  // `wsharness perf` leaves perf.json beside index.json; a broken one is
  // reported on the page rather than stopping the report.
  json perf = nullptr;
  if (fs::exists(json_dir / "perf.json")) {
    std::string perf_problem;
    perf = read_json(json_dir / "perf.json", perf_problem);
    if (perf.is_discarded()) perf = {{"subjects", json::array({{{"subject", "perf.json"}, {"error", perf_problem}}})}};
  }
  // Last, so an index.html never links to pages that are not there yet.
  write_file(out_dir / "index.html", render_index_page(index, pages, perf));
}

void rebuild_html(const fs::path& dir) {
  fs::path target = fs::absolute(dir).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "DIR/"
  const fs::path staging = sibling_name(target, "html-tmp");
  fill_staging(staging, [&] {
    render_html(target, staging);
    fs::create_directories(target / "results");
    for (const auto& entry : fs::directory_iterator(staging / "results"))
      fs::rename(entry.path(), target / "results" / entry.path().filename());
    fs::rename(staging / "report.css", target / "report.css");
    fs::rename(staging / "index.html", target / "index.html");
    fs::remove_all(staging);
  });
}

}  // namespace wsh::report
