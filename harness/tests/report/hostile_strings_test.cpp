// Everything a subject or the wire can put in front of a reader goes through
// the report with hostile content: markup, both quotes, "</script>", invalid
// UTF-8, NUL, a line separator, and a 1 MB string. The pages must stay valid
// UTF-8 with no live markup from the data, and still show the text.

#include <gtest/gtest.h>

#include "report/html_escape.hpp"
#include "report/json_report.hpp"
#include "report/report_directory.hpp"
#include "sample_run.hpp"

namespace wsh::report {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;
using nlohmann::json;
using testing::count;
using testing::embedded_data;
using testing::read_file;
using testing::TempDir;

const std::string kHostile =
    "<script>alert(1)</script><img src=x onerror=alert(2)>\" onmouseover=\"alert(3)\" '"
    "</script><!--<svg onload=alert(4)>\xC3\x28\xFF\xFE\0tail\xE2\x80\xA8"s;
const std::string kHuge = std::string(1 << 20, 'A') + "<b>huge</b>";

// A run in which every untrusted field holds kHostile, and a few the 1 MB string.
RunSummary hostile_run() {
  auto run = testing::sample_run(1);
  // A close reason on the wire can hold at most 123 bytes; the hostile
  // string fits, the rest is for the fields that have no such limit.
  auto result = testing::sample_result(kHostile.substr(0, 120), kHostile);
  result.subject = kHostile;
  result.id = kHostile;
  result.case_id = kHostile;
  result.params = {{"code", kHostile}};
  result.title = kHostile;
  result.rfc = kHostile;
  result.requirement = kHuge;
  result.area = kHostile;
  result.autobahn = {kHostile};
  result.steps = {kHostile};
  result.reason = kHuge + kHostile;
  result.findings = {{oracles::Verdict::Fail, kHostile, kHostile}};
  result.expected.verdicts = {oracles::Verdict::Fail};
  result.expected_reason = kHostile;
  result.expected_link = "javascript:alert(5)";
  result.log = {kHostile, kHuge};
  result.stderr_tail = kHuge + kHostile;
  result.observation.events.push_back({kHostile, kHostile, 1000, oracles::Micros{970}});
  result.observation.health.crash = kHostile;
  result.observation.health.sanitizer_report = kHostile;
  result.observation.health.protocol_violations = {kHostile};
  oracles::WireRecord note;
  note.at = oracles::Micros{980};
  note.kind = oracles::WireRecord::Kind::Note;
  note.text = kHostile;
  result.observation.transcript.push_back(note);
  result.subject_command = {kHostile};
  run.results = {result};
  run.command_line = {kHostile};
  run.subjects = {{kHostile, kHuge, kHostile, {kHostile}, {kHostile}, kHostile, "", "\"" + kHostile + "\""},
                  {"httplib", "", "", {}, {}, "", kHostile, ""}};
  return run;
}

class HostileStrings : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    write_report(hostile_run(), dir_->path() / "r");
  }
  static void TearDownTestSuite() { delete dir_; }
  static fs::path path(const char* name) { return dir_->path() / "r" / name; }
  static TempDir* dir_;
};
TempDir* HostileStrings::dir_ = nullptr;

bool valid_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

TEST_F(HostileStrings, EveryPageIsValidUtf8WithoutNul) {
  for (const auto* name : {"index.html", "results/0.html", "junit.xml"}) {
    const auto text = read_file(path(name));
    EXPECT_TRUE(valid_utf8(text)) << name;
    EXPECT_EQ(text.find('\0'), std::string::npos) << name;
  }
}

TEST_F(HostileStrings, NoMarkupFromTheDataIsLive) {
  for (const auto* name : {"index.html", "results/0.html"}) {
    const auto html = read_file(path(name));
    EXPECT_EQ(html.find("<img"), std::string::npos) << name;
    EXPECT_EQ(html.find("<svg onload"), std::string::npos) << name;
    EXPECT_EQ(html.find("<b>huge"), std::string::npos) << name;
    EXPECT_EQ(html.find("onmouseover=\"alert"), std::string::npos) << name;
    EXPECT_EQ(html.find("<!--"), std::string::npos) << name;
    EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos) << name;
  }
  // Only the page's own two script blocks in the index, none in a result page.
  EXPECT_EQ(count(read_file(path("index.html")), "<script"), 2u);
  EXPECT_EQ(count(read_file(path("index.html")), "</script"), 2u);
  EXPECT_EQ(count(read_file(path("results/0.html")), "<script"), 0u);
}

TEST_F(HostileStrings, TheEmbeddedJsonParsesBackToTheSanitisedText) {
  const auto data = json::parse(embedded_data(read_file(path("index.html"))));
  const auto& result = data["results"][0];
  // Invalid bytes became U+FFFD, NUL stayed a (JSON-escaped) character.
  const std::string sanitised = "\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD"s + "\0tail\xE2\x80\xA8"s;
  EXPECT_NE(result["id"].get<std::string>().find(sanitised), std::string::npos);
  EXPECT_NE(result["subject"].get<std::string>().find("</script>"), std::string::npos);
  EXPECT_LE(result["reason"].get<std::string>().size(), 400u) << "the index carries a short reason only";
}

TEST_F(HostileStrings, TheTextIsShownEscapedNotDropped) {
  const auto page = read_file(path("results/0.html"));
  const std::string escaped =
      "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot; onmouseover=&quot;alert(3)&quot; "
      "&#39;";
  EXPECT_GE(count(page, escaped), 10u)
      << "subject, id, title, rfc, area, findings, events, crash, stderr, payload, note...";
  EXPECT_NE(page.find("(\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDtail"), std::string::npos)
      << "invalid bytes and NUL shown as U+FFFD";
  const auto index = read_file(path("index.html"));
  EXPECT_GE(count(index, escaped), 3u) << "subject name, version, features, skip reason...";
  EXPECT_NE(index.find("Subject httplib did not run.</strong> " + escaped.substr(0, 20)), std::string::npos);
}

TEST_F(HostileStrings, TheSvgLadderIsEscapedToo) {
  const auto page = read_file(path("results/0.html"));
  const auto svg = page.substr(page.find("<svg"), page.find("</svg>") - page.find("<svg"));
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(count(svg, "<text"), count(svg, "</text>"));
}

TEST_F(HostileStrings, AMegabyteStringIsCutInTheHtmlButKeptInTheJson) {
  EXPECT_LT(fs::file_size(path("results/0.html")), 1u << 20);
  EXPECT_LT(fs::file_size(path("index.html")), 1u << 20);
  EXPECT_NE(read_file(path("results/0.html")).find("more bytes in the JSON"), std::string::npos);
  EXPECT_NE(read_file(path("results/0.html")).find("earlier bytes in the JSON"), std::string::npos)
      << "stderr keeps its tail";
  const auto detail = json::parse(read_file(path("results/0.json")));
  EXPECT_GT(detail["stderr_tail"].get<std::string>().size(), 1u << 20);
}

}  // namespace
}  // namespace wsh::report
