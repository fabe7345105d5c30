#include "report/ladder_svg.hpp"

#include <gtest/gtest.h>

#include "sample_run.hpp"

namespace wsh::report {
namespace {

using nlohmann::json;
using testing::count;

json detail_with(json transcript, json events = json::array()) {
  return {
      {"role", "client"}, {"subject", "beast"}, {"transcript", std::move(transcript)}, {"events", std::move(events)}};
}

TEST(LadderSvg, DrawsOneArrowPerFrameAndOnePerRawWrite) {
  const auto svg = ladder_svg(detail_with(json::array({
      {{"at_us", 0}, {"dir", "to_subject"}, {"kind", "frame"}, {"opcode", "ping"}, {"length", 0}},
      {{"at_us", 10}, {"dir", "to_subject"}, {"kind", "raw"}, {"hex", "88 02 03"}},
      {{"at_us", 20}, {"dir", "from_subject"}, {"kind", "frame"}, {"opcode", "pong"}, {"length", 0}},
      {{"at_us", 30}, {"dir", "from_subject"}, {"kind", "rst"}},
  })));
  EXPECT_EQ(count(svg, "data-kind=\"frame\""), 2u);
  EXPECT_EQ(count(svg, "data-kind=\"raw\""), 1u);
  EXPECT_EQ(count(svg, "data-kind=\"rst\""), 1u);
  EXPECT_NE(svg.find("harness (scripted server)"), std::string::npos) << "the subject is the client";
  EXPECT_NE(svg.find("raw bytes (3 B)"), std::string::npos);
}

TEST(LadderSvg, PutsEventsOnTheSubjectLifelineInTimeOrder) {
  const auto svg = ladder_svg(detail_with(
      json::array({{{"at_us", 500},
                    {"dir", "to_subject"},
                    {"kind", "frame"},
                    {"opcode", "close"},
                    {"close_code", 1000},
                    {"length", 2}}}),
      json::array({{{"at_us", 100}, {"event", "open"}}, {{"at_us", 900}, {"event", "close_called"}, {"code", 1000}}})));
  const auto open = svg.find("open");
  const auto close = svg.find("close 1000");
  const auto called = svg.find("close_called(1000)");
  ASSERT_NE(called, std::string::npos);
  EXPECT_LT(open, close);
  EXPECT_LT(close, called);
}

TEST(LadderSvg, MarksALongPause) {
  const auto svg = ladder_svg(detail_with(json::array({
      {{"at_us", 0}, {"dir", "to_subject"}, {"kind", "frame"}, {"opcode", "close"}, {"length", 0}},
      {{"at_us", 2'000'000}, {"dir", "from_subject"}, {"kind", "fin"}},
  })));
  EXPECT_NE(svg.find("+2.0 s"), std::string::npos);
}

TEST(LadderSvg, DrawsTheFirstAndLastHalfOfTheLimitAndCountsTheRest) {
  json transcript = json::array();
  for (int i = 0; i < 50; ++i)
    transcript.push_back({{"at_us", i}, {"dir", "to_subject"}, {"kind", "frame"}, {"opcode", "text"}});
  transcript.push_back(
      {{"at_us", 60}, {"dir", "from_subject"}, {"kind", "frame"}, {"opcode", "close"}, {"close_code", 1000}});
  const auto svg = ladder_svg(detail_with(transcript), 10);
  EXPECT_EQ(count(svg, "data-kind=\"frame\""), 10u);
  EXPECT_NE(svg.find("41 records and events not drawn"), std::string::npos);
  EXPECT_NE(svg.find("close 1000"), std::string::npos) << "the end of the exchange is kept";
}

TEST(LadderSvg, ALimitOfZeroDrawsNothing) {
  const auto svg = ladder_svg(detail_with(json::array({{{"at_us", 0}, {"kind", "frame"}, {"opcode", "text"}}})), 0);
  EXPECT_EQ(count(svg, "data-kind=\"frame\""), 0u);
  EXPECT_NE(svg.find("1 record or event not drawn"), std::string::npos);
}

TEST(LadderSvg, SurvivesFieldsOfTheWrongType) {
  const auto svg = ladder_svg(
      {{"transcript", json::array({{{"at_us", "soon"}, {"kind", 7}, {"opcode", json::array()}}})}, {"events", "none"}});
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

TEST(RecordLabel, DescribesCloseFramesWithCodeAndReason) {
  EXPECT_EQ(
      record_label(
          {{"kind", "frame"}, {"opcode", "close"}, {"close_code", 1001}, {"close_reason", "away"}, {"length", 6}}),
      "close 1001 \"away\"");
  EXPECT_EQ(record_label({{"kind", "frame"}, {"opcode", "close"}, {"length", 0}}), "close (empty)");
  EXPECT_EQ(
      record_label(
          {{"kind", "frame"}, {"opcode", "text"}, {"length", 2}, {"fin", false}, {"rsv", 4}, {"payload_text", "hi"}}),
      "text 2 B \"hi\" [FIN=0] [RSV=4]");
}

}  // namespace
}  // namespace wsh::report
