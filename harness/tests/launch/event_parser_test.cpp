#include "launch/event_parser.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace wsh::launch {
namespace {

using ::testing::HasSubstr;
using namespace std::string_literals;

SubjectEvent event_of_line(std::string_view line) {
  auto parsed = parse_event_line(line);
  if (auto* problem = std::get_if<ParseProblem>(&parsed)) {
    ADD_FAILURE() << "unexpected problem: " << problem->what;
    return {};
  }
  return std::get<SubjectEvent>(std::move(parsed));
}

std::string problem_of_line(std::string_view line) {
  const auto parsed = parse_event_line(line);
  if (const auto* problem = std::get_if<ParseProblem>(&parsed)) return problem->what;
  return "parsed as an event";
}

TEST(EventParser, ParsesHelloWithTimeouts) {
  const auto event = event_of_line(
      R"({"event":"hello","impl":"beast","version":"1.81","roles":["server","client"],)"
      R"("features":["tls","threads"],"timeouts":{"close_ms":1000,"read_ms":5000,"ping_interval_ms":0}})");
  ASSERT_EQ(event.kind, EventKind::Hello);
  ASSERT_TRUE(event.hello.has_value());
  EXPECT_EQ(event.hello->impl, "beast");
  EXPECT_EQ(event.hello->version, "1.81");
  EXPECT_TRUE(event.hello->has_role("client"));
  EXPECT_TRUE(event.hello->has_feature("threads"));
  EXPECT_FALSE(event.hello->has_feature("leave"));
  ASSERT_TRUE(event.hello->timeouts.has_value());
  EXPECT_EQ(event.hello->timeouts->close, Millis(1000));
  EXPECT_EQ(event.hello->timeouts->ping_interval, Millis(0));
}

TEST(EventParser, HelloFeaturesAndTimeoutsAreOptional) {
  const auto event = event_of_line(R"({"event":"hello","impl":"x","version":"0","roles":[]})");
  ASSERT_TRUE(event.hello.has_value());
  EXPECT_TRUE(event.hello->features.empty());
  EXPECT_FALSE(event.hello->timeouts.has_value());
}

TEST(EventParser, HelloMayReportTheMessageSizeLimit) {
  const auto event =
      event_of_line(R"({"event":"hello","impl":"x","version":"0","roles":[],"limits":{"max_message":16777216}})");
  ASSERT_TRUE(event.hello.has_value());
  EXPECT_EQ(event.hello->max_message, std::optional<std::uint64_t>(16777216));
  EXPECT_FALSE(event_of_line(R"({"event":"hello","impl":"x","version":"0","roles":[]})").hello->max_message);
  EXPECT_FALSE(
      event_of_line(R"({"event":"hello","impl":"x","version":"0","roles":[],"limits":{}})").hello->max_message);
}

TEST(EventParser, RejectsAMessageLimitThatIsNotAPositiveInteger) {
  EXPECT_NE(problem_of_line(R"({"event":"hello","impl":"x","version":"0","roles":[],"limits":{"max_message":0}})"),
            "parsed as an event");
  EXPECT_NE(problem_of_line(R"({"event":"hello","impl":"x","version":"0","roles":[],"limits":{"max_message":"1M"}})"),
            "parsed as an event");
  EXPECT_NE(problem_of_line(R"({"event":"hello","impl":"x","version":"0","roles":[],"limits":7})"),
            "parsed as an event");
}

TEST(EventParser, ParsesEveryProtocolEvent) {
  EXPECT_EQ(event_of_line(R"({"event":"ready","port":40123})").port, 40123);
  EXPECT_EQ(event_of_line(R"({"event":"open","conn":"51234"})").conn, "51234");
  const auto read = event_of_line(R"({"event":"read","conn":"1","result":"fail"})");
  EXPECT_EQ(read.kind, EventKind::Read);
  EXPECT_EQ(read.read_result, ReadResult::Fail);
  EXPECT_EQ(event_of_line(R"({"event":"read","conn":"1","result":"timeout"})").read_result, ReadResult::Timeout);
  EXPECT_EQ(event_of_line(R"({"event":"close_called","conn":"1","code":1005})").close_code, 1005);
  EXPECT_EQ(event_of_line(R"({"event":"cleanup","conn":"1"})").kind, EventKind::Cleanup);
  EXPECT_EQ(event_of_line(R"({"event":"spam_done","conn":"1","sent":18446744073709551615})").sent,
            18446744073709551615u);
  EXPECT_EQ(event_of_line(R"({"event":"error","message":"cannot bind"})").message, "cannot bind");
}

TEST(EventParser, KeepsExtraFieldsInRaw) {
  const auto event = event_of_line(R"({"event":"open","conn":"1","extra":[1,2]})");
  EXPECT_EQ(event.raw.at("extra").size(), 2u);
}

TEST(EventParser, CloseCalledPassesAnyIntegerCodeThrough) {
  EXPECT_EQ(event_of_line(R"({"event":"close_called","conn":"1","code":0})").close_code, 0);
  EXPECT_EQ(event_of_line(R"({"event":"close_called","conn":"1","code":-1})").close_code, -1);
  EXPECT_THAT(problem_of_line(R"({"event":"close_called","conn":"1","code":99999999999})"),
              HasSubstr("\"code\" must be between"));
}

TEST(EventParser, RefusesGarbageAndNonObjects) {
  EXPECT_THAT(problem_of_line("hello world"), HasSubstr("not valid JSON at byte 1"));
  EXPECT_EQ(problem_of_line("[1,2]"), "not a JSON object");
  EXPECT_EQ(problem_of_line("\"event\""), "not a JSON object");
  EXPECT_EQ(problem_of_line(""), "empty line");
  EXPECT_THAT(problem_of_line(R"({"event":"open","conn":"1"} trailing)"), HasSubstr("not valid JSON"));
}

TEST(EventParser, RefusesObjectsWithoutStringEvent) {
  EXPECT_EQ(problem_of_line(R"({"no_event":1})"), "no string field \"event\"");
  EXPECT_EQ(problem_of_line(R"({"event":7})"), "no string field \"event\"");
}

TEST(EventParser, RefusesUnknownEventsNamingThem) {
  EXPECT_EQ(problem_of_line(R"({"event":"bogus"})"), R"(unknown event "bogus")");
}

TEST(EventParser, RefusesFieldsOfTheWrongType) {
  EXPECT_EQ(problem_of_line(R"({"event":"ready","port":"80"})"), R"("ready": field "port" must be an integer)");
  EXPECT_THAT(problem_of_line(R"({"event":"ready","port":0})"), HasSubstr("between 1 and 65535"));
  EXPECT_THAT(problem_of_line(R"({"event":"ready","port":65536})"), HasSubstr("between 1 and 65535"));
  EXPECT_THAT(problem_of_line(R"({"event":"ready","port":80.5})"), HasSubstr("must be an integer"));
  EXPECT_EQ(problem_of_line(R"({"event":"open","conn":51234})"), R"("open": field "conn" must be a string)");
  EXPECT_EQ(problem_of_line(R"({"event":"open"})"), R"("open": field "conn" is missing)");
  EXPECT_THAT(problem_of_line(R"({"event":"open","conn":""})"), HasSubstr("must not be empty"));
  EXPECT_THAT(problem_of_line(R"({"event":"read","conn":"1","result":"partial"})"),
              HasSubstr("must be one of text, binary, fail"));
  EXPECT_THAT(problem_of_line(R"({"event":"spam_done","conn":"1","sent":-1})"), HasSubstr("must not be negative"));
  EXPECT_THAT(problem_of_line(R"({"event":"hello","impl":"x","version":"1","roles":"server"})"),
              HasSubstr("\"roles\" must be an array of strings"));
  EXPECT_THAT(problem_of_line(R"({"event":"hello","impl":"x","version":"1","roles":[1]})"),
              HasSubstr("\"roles\" must be an array of strings"));
  EXPECT_THAT(problem_of_line(R"({"event":"hello","impl":"x","version":"1","roles":[],"timeouts":[]})"),
              HasSubstr("\"timeouts\" must be an object"));
  EXPECT_THAT(problem_of_line(R"({"event":"hello","impl":"x","version":"1","roles":[],"timeouts":{"read_ms":-5}})"),
              HasSubstr(R"("hello.timeouts": field "read_ms" must be between)"));
}

TEST(EventParser, RefusesInvalidUtf8WithoutCrashing) {
  EXPECT_THAT(problem_of_line("{\"event\":\"open\",\"conn\":\"\xff\xfe\"}"), HasSubstr("not valid JSON"));
  EXPECT_THAT(problem_of_line("{\"event\":\"op\xc3\"}"), HasSubstr("not valid JSON"));
  EXPECT_THAT(problem_of_line("\xed\xa0\x80"), HasSubstr("not valid JSON"));  // a UTF-16 surrogate
}

TEST(EventParser, ProblemTextDoesNotEchoTheSubjectsBytes) {
  // The excerpt keeps the raw bytes; the problem is the harness's own text.
  const auto problem = problem_of_line("{\"event\":\"open\",\"conn\":\"\xff secret\"}");
  EXPECT_EQ(problem.find("secret"), std::string::npos) << problem;
  EXPECT_EQ(problem.find('\xff'), std::string::npos) << problem;
}

TEST(EventParser, RefusesRawNulBytesAnywhere) {
  EXPECT_EQ(problem_of_line("{\"event\":\"open\",\"conn\":\"a\0b\"}"s),
            "NUL byte at byte 26: JSON text cannot contain one");
  // nlohmann's lexer would stop at the NUL and accept the object before it.
  EXPECT_THAT(problem_of_line("{\"event\":\"open\",\"conn\":\"1\"}\0garbage"s), HasSubstr("NUL byte"));
  EXPECT_THAT(problem_of_line("\0"s), HasSubstr("NUL byte at byte 1"));
}

TEST(EventParser, AcceptsEscapedNulInsideStrings) {
  EXPECT_EQ(event_of_line(R"({"event":"open","conn":"a\u0000b"})").conn, "a\0b"s);
}

TEST(EventParser, RefusesDeepNestingBeforeParsing) {
  const std::string deep =
      R"({"event":"open","conn":"1","x":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_THAT(problem_of_line(deep), HasSubstr("nested deeper than 32 levels"));
  // Unbalanced too: the scan stops at the limit, whatever follows.
  EXPECT_THAT(problem_of_line(std::string(60000, '{')), HasSubstr("nested deeper"));
}

TEST(EventParser, BracketsInsideStringsDoNotCountAsNesting) {
  const std::string line = R"({"event":"error","message":")" + std::string(100, '[') + R"(\"{{{"})";
  EXPECT_EQ(event_of_line(line).message, std::string(100, '[') + "\"{{{");
}

TEST(EventParser, NestingAtTheLimitIsAccepted) {
  std::string line = R"({"event":"open","conn":"1","x":)";
  line += std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']') + "}";
  EXPECT_EQ(event_of_line(line).kind, EventKind::Open);
}

TEST(EventParser, ToleratesCarriageReturnLineEndings) {
  EXPECT_EQ(event_of_line("{\"event\":\"cleanup\",\"conn\":\"1\"}\r").kind, EventKind::Cleanup);
}

TEST(EventParser, DuplicateKeysDoNotCrash) {
  // nlohmann keeps the last value; either way the harness survives.
  EXPECT_EQ(event_of_line(R"({"event":"bogus","event":"open","conn":"1"})").kind, EventKind::Open);
}

TEST(JsonNestingDepth, CountsOnlyOutsideStrings) {
  EXPECT_EQ(json_nesting_depth(R"({"a":[{"b":"[[[["}]})", 100), 3u);
  EXPECT_EQ(json_nesting_depth(R"("\"[[")", 100), 0u);
  EXPECT_EQ(json_nesting_depth("]]]][", 100), 1u);
}

}  // namespace
}  // namespace wsh::launch
