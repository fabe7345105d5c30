#include "report/perf_section.hpp"

#include <fstream>
#include <gtest/gtest.h>

#include "report/html_report.hpp"
#include "report/json_report.hpp"
#include "report/report_directory.hpp"
#include "sample_run.hpp"

namespace wsh::report {
namespace {

using nlohmann::json;
using testing::count;
using testing::read_file;
using testing::TempDir;

json stages(std::int64_t median_us, std::int64_t p99_us) {
  const json spread = {{"count", 10}, {"median_us", median_us}, {"p99_us", p99_us}, {"max_us", p99_us}};
  return {{"close_reply", spread}, {"tcp_close", spread}, {"cleanup", spread}};
}

json perf_with(json subject) {
  return {{"harness", {{"version", "0.1.0"}, {"started", "2026-11-26T12:00:00Z"}}},
          {"settings", {{"connections", 10}, {"churn_ms", 500}}},
          {"subjects", json::array({std::move(subject)})}};
}

json clean_subject() {
  return {{"subject", "beast"},
          {"impl", "beast"},
          {"version", "1.81"},
          {"transport", "ws"},
          {"close_latency",
           {{"planned", 10},
            {"completed", 10},
            {"stages", stages(412, 1210)},
            {"cleanups", {{"missing", 0}, {"extra", 0}}}}},
          {"churn", {{"per_second", 812.5}, {"cleanups", {{"missing", 0}, {"extra", 0}}}}}};
}

TEST(PerfSection, IsEmptyWithoutPerfJson) {
  EXPECT_EQ(render_perf_section(nullptr), "");
  EXPECT_EQ(render_perf_section(json::object()), "");
}

TEST(PerfSection, ShowsStageMedianAndP99InMillisecondsAndTheChurnRate) {
  const auto html = render_perf_section(perf_with(clean_subject()));
  EXPECT_NE(html.find("id=\"performance\""), std::string::npos);
  EXPECT_EQ(count(html, "0.412 / 1.210"), 3u);
  EXPECT_NE(html.find("812.5"), std::string::npos);
  EXPECT_NE(html.find("10 / 10"), std::string::npos);
  EXPECT_NE(html.find("exactly one each"), std::string::npos);
}

TEST(PerfSection, ShowsCleanupMismatchesAndFailures) {
  auto subject = clean_subject();
  subject["close_latency"]["cleanups"] = {{"missing", 0}, {"extra", 10}};
  subject["close_latency"]["failures"] = {{"no_close_reply", 3}};
  subject["close_latency"]["stopped_early"] = "stopped after 3 failed connections";
  const auto html = render_perf_section(perf_with(subject));
  EXPECT_NE(html.find("0 missing, 10 extra (latency)"), std::string::npos);
  EXPECT_NE(html.find("close_latency: 3 × no_close_reply"), std::string::npos);
  EXPECT_NE(html.find("stopped after 3 failed connections"), std::string::npos);
}

TEST(PerfSection, EscapesEverySubjectProvidedString) {
  auto subject = clean_subject();
  const std::string hostile = "<script>alert(1)</script>\"'&";
  for (const auto* key : {"subject", "impl", "version", "transport", "exit", "error"}) subject[key] = hostile;
  subject["close_latency"]["first_failure"] = hostile;
  subject["churn"]["per_second"] = hostile;
  subject["close_latency"]["failures"] = {{hostile, 1}};
  const auto html = render_perf_section(perf_with(subject));
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
}

TEST(PerfSection, SurvivesFieldsOfTheWrongType) {
  json subject = {{"subject", 7}, {"close_latency", "not an object"}, {"churn", json::array()}, {"exit", nullptr}};
  EXPECT_NO_THROW(render_perf_section(perf_with(subject)));
  EXPECT_NO_THROW(render_perf_section({{"subjects", "nope"}}));
}

TEST(PerfSection, TheIndexPageShowsItWhenPerfJsonSitsBesideIndexJson) {
  TempDir dir;
  write_report(testing::sample_run(1), dir.path() / "report");
  EXPECT_EQ(read_file(dir.path() / "report" / "index.html").find("id=\"performance\""), std::string::npos);
  {
    std::ofstream out(dir.path() / "report" / "perf.json");
    out << perf_with(clean_subject()).dump();
  }
  rebuild_html(dir.path() / "report");
  EXPECT_NE(read_file(dir.path() / "report" / "index.html").find("id=\"performance\""), std::string::npos);
}

TEST(PerfSection, AnUnreadablePerfJsonIsShownNotFatal) {
  TempDir dir;
  write_report(testing::sample_run(1), dir.path() / "report");
  {
    std::ofstream out(dir.path() / "report" / "perf.json");
    out << "{ not json";
  }
  ASSERT_NO_THROW(rebuild_html(dir.path() / "report"));
  EXPECT_NE(read_file(dir.path() / "report" / "index.html").find("not valid JSON"), std::string::npos);
}

TEST(IndexJson, RecordsJobsAndOverheadFigures) {
  auto run = testing::sample_run(3);
  run.jobs = 2;
  run.results[0].duration = std::chrono::milliseconds(10);
  run.results[0].waited = std::chrono::milliseconds(8);
  run.results[1].duration = std::chrono::milliseconds(20);
  run.results[1].waited = std::chrono::milliseconds(16);
  run.results[2].duration = std::chrono::milliseconds(7);
  run.results[2].waited = std::chrono::milliseconds(0);
  const auto index = index_json(run);
  EXPECT_EQ(index["harness"]["jobs"], 2);
  EXPECT_EQ(index["harness"]["overhead_ms"]["median"], 4);  // overheads 2, 4, 7
  EXPECT_EQ(index["harness"]["overhead_ms"]["p95"], 7);
}

}  // namespace
}  // namespace wsh::report
