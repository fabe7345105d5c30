#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/report_directory.hpp"
#include "report/xml_escape.hpp"

#include <gtest/gtest.h>

#include "sample_run.hpp"

namespace wsh::report {
namespace {

namespace fs = std::filesystem;
using testing::count;
using testing::read_file;
using testing::sample_run;
using testing::TempDir;

TEST(IndexJson, HasTheContractFieldsOfDesignMd) {
  const auto index = index_json(sample_run(2));
  for (const auto* key : {"version", "seed", "started", "duration_ms"})
    EXPECT_TRUE(index["harness"].contains(key)) << key;
  for (const auto* key : {"name", "impl", "version", "roles"}) EXPECT_TRUE(index["subjects"][0].contains(key)) << key;
  ASSERT_EQ(index["results"].size(), 2u);
  for (const auto* key :
       {"id", "case", "params", "subject", "role", "transport", "verdict", "expected", "duration_ms", "detail"})
    EXPECT_TRUE(index["results"][1].contains(key)) << key;
  EXPECT_EQ(index["results"][1]["detail"], "results/1.json");
  EXPECT_EQ(index["subjects"][1]["skipped"], "cpp-httplib >= 0.33 was not found");
}

TEST(ResultDetailJson, DecodesCloseFramesAndKeepsTimestamps) {
  const auto detail = result_detail_json(testing::sample_result("going away"));
  const auto& close = detail["transcript"][2];
  EXPECT_EQ(close["opcode"], "close");
  EXPECT_EQ(close["close_code"], 1000);
  EXPECT_EQ(close["close_reason"], "going away");
  EXPECT_EQ(close["at_us"], 400);
  EXPECT_EQ(detail["transcript"][4]["kind"], "fin");
  EXPECT_EQ(detail["events"].size(), 4u);
}

TEST(IndexJson, ARepeatedCaseCarriesItsRunsAndACaseRunOnceDoesNot) {
  auto run = sample_run(2);
  run.results[1].runs = results::CaseResult::Runs{37, 1, 50};
  const auto index = index_json(run);
  EXPECT_FALSE(index["results"][0].contains("runs"));
  EXPECT_EQ(index["results"][1]["runs"], (nlohmann::json{{"attempted", 37}, {"failed", 1}, {"repeat", 50}}));
  EXPECT_EQ(result_detail_json(run.results[1])["runs"]["attempted"], 37);
}

TEST(JunitXml, HasOneTestcasePerResultWithTheSubjectRoleAreaClassname) {
  const auto xml = junit_xml(sample_run(3));
  EXPECT_EQ(count(xml, "<testcase "), 3u);
  EXPECT_NE(xml.find("classname=\"beast.server.close\""), std::string::npos);
}

TEST(XmlEscape, EscapesMarkupAndReplacesWhatXmlCannotHold) {
  EXPECT_EQ(xml_escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  EXPECT_EQ(xml_escape("tab\tLF\nCR\r"), "tab\tLF\nCR\r");
  // DEL is a character of XML 1.0 (not of HTML, where html_text replaces it).
  EXPECT_EQ(xml_escape("\x7f"), "\x7f");
  // NUL and other controls are not XML 1.0 characters at all.
  EXPECT_EQ(xml_escape(std::string("a\0b\x1b", 4)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  // Valid UTF-8 stays; a lone continuation byte, a truncated sequence and an
  // overlong encoding are replaced byte by byte.
  EXPECT_EQ(xml_escape("caf\xC3\xA9 \xE2\x82\xAC"), "caf\xC3\xA9 \xE2\x82\xAC");
  EXPECT_EQ(xml_escape("\x80"), "\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(JunitXml, AnUnexpectedResultIsAFailureWithItsReasonEscaped) {
  auto run = sample_run(1);
  run.results[0].outcome = oracles::Outcome::Unexpected;
  run.results[0].reason = "got <close> & \"1006\"";
  const auto xml = junit_xml(run);
  EXPECT_EQ(count(xml, "<failure "), 1u);
  EXPECT_NE(xml.find("got &lt;close&gt; &amp; &quot;1006&quot;"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("<close>"), std::string::npos);
}

TEST(WriteReport, WritesJsonJunitAndHtmlAndLeavesNoStagingBehind) {
  TempDir temp;
  const auto dir = temp.path() / "report";
  write_report(sample_run(2), dir);
  for (const auto* name : {"index.json", "junit.xml", "index.html", "report.css", "results/0.json", "results/1.json",
                           "results/0.html", "results/1.html"})
    EXPECT_TRUE(fs::exists(dir / name)) << name;
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(temp.path())) ++entries;
  EXPECT_EQ(entries, 1u) << "a staging or old directory was left beside the report";
}

TEST(WriteReport, ReplacesAnOlderReportWhole) {
  TempDir temp;
  const auto dir = temp.path() / "report";
  write_report(sample_run(3), dir);
  write_report(sample_run(1), dir);
  EXPECT_TRUE(fs::exists(dir / "results/0.html"));
  EXPECT_FALSE(fs::exists(dir / "results/2.html"));
}

}  // namespace
}  // namespace wsh::report
