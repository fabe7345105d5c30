#include "report/report_directory.hpp"

#include <fmt/format.h>

#include <random>
#include <stdexcept>

#include "report/file_output.hpp"
#include "report/html_report.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"

namespace wsh::report {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string dump(const json& value, int indent) {
  // Subjects send invalid UTF-8 on purpose (close reasons); never throw on it.
  return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace

void write_report(const RunSummary& run, const fs::path& dir) {
  const fs::path target = fs::absolute(dir);
  fs::create_directories(target.parent_path());
  std::mt19937_64 random{std::random_device{}()};
  const fs::path staging = target.parent_path() / fmt::format(".{}.tmp-{:x}", target.filename().string(), random());
  fs::create_directories(staging / "results");
  fill_staging(staging, [&] {
    write_file(staging / "index.json", dump(index_json(run), 1));
    for (std::size_t i = 0; i < run.results.size(); ++i)
      write_file(staging / "results" / fmt::format("{}.json", i), dump(result_detail_json(run.results[i]), 1));
    write_file(staging / "junit.xml", junit_xml(run));
    // The HTML is rendered from the JSON just written, by the same code as
    // `wsharness report DIR`, so the two can never disagree.
    render_html(staging, staging);
    // The old directory moves aside whole and is removed only after the new
    // one is in.
    const fs::path previous = target.parent_path() / fmt::format(".{}.old-{:x}", target.filename().string(), random());
    if (fs::exists(target)) fs::rename(target, previous);
    fs::rename(staging, target);
    fs::remove_all(previous);
  });
}

}  // namespace wsh::report
