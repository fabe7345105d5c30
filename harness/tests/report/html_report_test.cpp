#include "report/html_report.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <stdexcept>

#include "report/json_report.hpp"
#include "report/report_directory.hpp"
#include "sample_run.hpp"

namespace wsh::report {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::count;
using testing::embedded_data;
using testing::read_file;
using testing::sample_run;
using testing::TempDir;

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

TEST(RenderHtml, IndexEmbedsEveryResultWithItsPage) {
  TempDir temp;
  write_report(sample_run(3), temp.path() / "r");
  const auto data = json::parse(embedded_data(read_file(temp.path() / "r/index.html")));
  ASSERT_EQ(data["results"].size(), 3u);
  EXPECT_EQ(data["results"][2]["page"], "results/2.html");
  EXPECT_EQ(data["results"][2]["id"], "close.clean.peer[code=1002]");
  EXPECT_EQ(data["subjects"], json::array({"beast", "httplib"}));
}

TEST(RenderHtml, ShowsRunMetadataAndASkippedSubjectLoudly) {
  TempDir temp;
  write_report(sample_run(1), temp.path() / "r");
  const auto html = read_file(temp.path() / "r/index.html");
  EXPECT_NE(html.find("Subject httplib did not run."), std::string::npos);
  EXPECT_NE(html.find("cpp-httplib &gt;= 0.33 was not found"), std::string::npos);
  EXPECT_NE(html.find("<code>42</code>"), std::string::npos) << "the seed";
  EXPECT_NE(html.find("1.2 s"), std::string::npos) << "the wall time";
  EXPECT_NE(html.find("{&quot;close_ms&quot;:1000}"), std::string::npos) << "the subject's timeouts";
}

TEST(RenderHtml, ResultPageHasTheCaseTheVerdictAndTheReplayCommand) {
  TempDir temp;
  write_report(sample_run(1), temp.path() / "r");
  const auto html = read_file(temp.path() / "r/results/0.html");
  EXPECT_NE(html.find("5.5.1"), std::string::npos);
  EXPECT_NE(html.find("MUST send a Close frame in response"), std::string::npos);
  EXPECT_NE(html.find("wsharness replay results/0.json"), std::string::npos);
  EXPECT_NE(html.find("wire.close-answer"), std::string::npos);
  EXPECT_NE(html.find("beast: connection closed"), std::string::npos);
  EXPECT_NE(html.find("<details class=\"hex\">"), std::string::npos);
}

TEST(RenderHtml, ARepeatedCaseShowsOnWhichRunItFailed) {
  auto run = sample_run(2);
  run.results[0].runs = results::CaseResult::Runs{37, 1, 50};
  TempDir temp;
  write_report(run, temp.path() / "r");
  EXPECT_NE(read_file(temp.path() / "r/results/0.html").find("failed on run 37 of 50"), std::string::npos);
  EXPECT_EQ(read_file(temp.path() / "r/results/1.html").find("<th>Runs</th>"), std::string::npos)
      << "a case run once says nothing";
  EXPECT_NE(embedded_data(read_file(temp.path() / "r/index.html")).find("failed on run 37 of 50"), std::string::npos)
      << "the matrix gives the rate beside the reason";
}

TEST(RenderHtml, LadderHasOneArrowPerFrameAndMarksTcpAndEvents) {
  TempDir temp;
  write_report(sample_run(1), temp.path() / "r");
  const auto html = read_file(temp.path() / "r/results/0.html");
  EXPECT_EQ(count(html, "data-kind=\"frame\""), 4u);
  EXPECT_EQ(count(html, "data-kind=\"fin\""), 1u);
  EXPECT_EQ(count(html, "data-kind=\"event\""), 4u);
  EXPECT_NE(html.find("close 1000 &quot;bye&quot;"), std::string::npos);
}

TEST(RenderHtml, ElidesTheMiddleOfALongTranscriptInTheHtmlOnly) {
  auto run = sample_run(1);
  auto& transcript = run.results[0].observation.transcript;
  const auto first = transcript.front();
  transcript.assign(3000, first);
  TempDir temp;
  write_report(run, temp.path() / "r");
  const auto html = read_file(temp.path() / "r/results/0.html");
  EXPECT_NE(html.find("2700 records not shown here"), std::string::npos);
  // 120 items drawn: the first and last 60 of the 3000 frames and 4 events.
  EXPECT_EQ(count(html, "data-kind=\"frame\"") + count(html, "data-kind=\"event\""), 120u);
  EXPECT_EQ(json::parse(read_file(temp.path() / "r/results/0.json"))["transcript"].size(), 3000u);
}

TEST(RebuildHtml, RegeneratesThePagesFromTheJson) {
  TempDir temp;
  const auto dir = temp.path() / "r";
  write_report(sample_run(2), dir);
  auto detail = json::parse(read_file(dir / "results/1.json"));
  detail["verdict"] = "FAIL";
  detail["reason"] = "edited by the test";
  write_text(dir / "results/1.json", detail.dump());
  fs::remove(dir / "index.html");
  rebuild_html(dir);
  EXPECT_TRUE(fs::exists(dir / "index.html"));
  EXPECT_NE(read_file(dir / "results/1.html").find("edited by the test"), std::string::npos);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(temp.path())) ++entries;
  EXPECT_EQ(entries, 1u) << "the staging directory was left beside the report";
}

TEST(RebuildHtml, ThrowsWithoutAnIndex) {
  TempDir temp;
  EXPECT_THROW(rebuild_html(temp.path()), std::runtime_error);
}

TEST(RebuildHtml, AMalformedResultGetsAPageThatSaysSo) {
  TempDir temp;
  const auto dir = temp.path() / "r";
  write_report(sample_run(2), dir);
  write_text(dir / "results/1.json", "{ not json");
  rebuild_html(dir);
  EXPECT_NE(read_file(dir / "results/1.html").find("could not be read"), std::string::npos);
}

TEST(RebuildHtml, IgnoresADetailPathOutsideResults) {
  TempDir temp;
  const auto dir = temp.path() / "r";
  write_report(sample_run(1), dir);
  auto index = json::parse(read_file(dir / "index.json"));
  index["results"][0]["detail"] = "../../escape.json";
  write_text(dir / "index.json", index.dump());
  rebuild_html(dir);
  const auto data = json::parse(embedded_data(read_file(dir / "index.html")));
  EXPECT_EQ(data["results"][0]["page"], "");
  EXPECT_FALSE(fs::exists(temp.path() / "escape.html"));
}

TEST(RebuildHtml, AcceptsATrailingSlash) {
  TempDir temp;
  const auto dir = temp.path() / "r";
  write_report(sample_run(1), dir);
  rebuild_html(dir.string() + "/");
  EXPECT_TRUE(fs::exists(dir / "index.html"));
}

}  // namespace
}  // namespace wsh::report
