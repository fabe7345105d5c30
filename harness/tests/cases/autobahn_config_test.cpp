// Autobahn's fuzzingclient spec: parsing with errors that name the file and
// the key, Autobahn's '*' patterns, and the mapping onto catalogue cases
// through their `autobahn` numbers.

#include "cases/autobahn_config.hpp"

#include <gtest/gtest.h>

namespace wsh::cases {
namespace {

constexpr const char* kFile = "fuzzingclient.json";

AutobahnConfig parse_ok(const std::string& text) {
  auto parsed = parse_autobahn_config(text, kFile);
  if (const auto* error = std::get_if<std::string>(&parsed)) ADD_FAILURE() << *error;
  return std::get<AutobahnConfig>(parsed);
}

std::string parse_error(const std::string& text) {
  auto parsed = parse_autobahn_config(text, kFile);
  if (std::holds_alternative<AutobahnConfig>(parsed)) return "(parsed without error)";
  return std::get<std::string>(parsed);
}

CaseInstance autobahn_instance(std::string id, std::vector<std::string> autobahn) {
  CaseInstance made;
  made.result_id = std::move(id);
  made.autobahn = std::move(autobahn);
  return made;
}

const std::vector<CaseInstance> kCatalogue = {
    autobahn_instance("close.clean.peer-initiated", {"7.1.1"}),
    autobahn_instance("close.peer.code.invalid[code=0]", {"7.9.1"}),
    autobahn_instance("close.peer.code.invalid[code=999]", {"7.9.2"}),
    autobahn_instance("close.peer.code.valid[code=1000]", {"7.7.1"}),
    autobahn_instance("close.peer.code.valid[code=1001]", {"7.7.2"}),
    autobahn_instance("close.subject.status[code=1000]", {}),
};

TEST(AutobahnConfig, ReadsAutobahnsOwnExample) {
  const auto config = parse_ok(R"({
    "options": {"failByDrop": false},
    "outdir": "./reports/servers",
    "servers": [{"agent": "AutobahnServer", "url": "ws://127.0.0.1:9001", "options": {"version": 18}},
                {"url": "wss://127.0.0.1:9002/chat"}],
    "cases": ["*"],
    "exclude-cases": ["9.*", "12.*", "13.*"],
    "exclude-agent-cases": {}
  })");
  ASSERT_EQ(config.servers.size(), 2u);
  EXPECT_EQ(config.servers[0].agent, "AutobahnServer");
  EXPECT_EQ(config.servers[0].url, "ws://127.0.0.1:9001");
  EXPECT_EQ(config.servers[0].options_json, R"({"version":18})");
  EXPECT_EQ(config.servers[1].agent, "UnknownServer");
  EXPECT_EQ(config.servers[1].options_json, "{}");
  EXPECT_EQ(config.cases, std::vector<std::string>{"*"});
  EXPECT_EQ(config.exclude_cases.size(), 3u);
  EXPECT_EQ(config.outdir, "./reports/servers");
}

TEST(AutobahnConfig, ErrorsNameTheFileAndTheKey) {
  EXPECT_EQ(parse_error("{"), "fuzzingclient.json: not valid JSON (Autobahn's fuzzingclient spec is a JSON object)");
  EXPECT_EQ(parse_error("[]"), "fuzzingclient.json: expected a JSON object, found an array");
  EXPECT_EQ(
      parse_error(R"({"cases": ["*"]})"),
      "fuzzingclient.json: key 'servers': missing: the servers to test, [{\"agent\": ..., \"url\": \"ws://...\"}]");
  EXPECT_EQ(parse_error(R"({"servers": [], "cases": ["*"]})"),
            "fuzzingclient.json: key 'servers': empty: no server to test");
  EXPECT_EQ(parse_error(R"({"servers": [{"agent": "a", "url": 9001}], "cases": ["*"]})"),
            "fuzzingclient.json: key 'servers[0].url': expected a string, found a number");
  EXPECT_EQ(parse_error(R"({"servers": [{"agent": "a"}], "cases": ["*"]})"),
            "fuzzingclient.json: key 'servers[0].url': missing: the server's ws:// or wss:// URL");
  EXPECT_EQ(parse_error(R"({"servers": [{"url": "http://x"}], "cases": ["*"]})"),
            "fuzzingclient.json: key 'servers[0].url': 'http://x' is not a ws:// or wss:// URL");
  EXPECT_EQ(parse_error(R"({"servers": [{"url": "ws://x", "agnet": "a"}], "cases": ["*"]})"),
            "fuzzingclient.json: key 'servers[0].agnet': unknown key (known: agent, url, options, origin, protocols)");
  EXPECT_EQ(parse_error(R"({"servers": [{"url": "ws://x"}]})"),
            "fuzzingclient.json: key 'cases': missing: the case numbers to run, e.g. [\"*\"]");
  EXPECT_EQ(parse_error(R"({"servers": [{"url": "ws://x"}], "cases": "7.*"})"),
            "fuzzingclient.json: key 'cases': expected an array of case numbers such as [\"7.*\"], found a string");
  EXPECT_EQ(parse_error(R"({"servers": [{"url": "ws://x"}], "cases": ["7.*", 7]})"),
            "fuzzingclient.json: key 'cases[1]': expected a string, found a number");
  EXPECT_EQ(parse_error(R"({"servers": [{"url": "ws://x"}], "cases": ["*"], "exclude_cases": []})"),
            "fuzzingclient.json: key 'exclude_cases': unknown key (known: servers, cases, exclude-cases, outdir, "
            "options, exclude-agent-cases)");
  EXPECT_EQ(parse_error(R"({"servers": [{"url": "ws://x"}], "cases": ["*"], "exclude-cases": ["seven"]})"),
            "fuzzingclient.json: key 'exclude-cases[0]': 'seven' is not an Autobahn case number pattern (digits, dots "
            "and '*')");
}

TEST(AutobahnConfig, PatternsAreAutobahns) {
  EXPECT_TRUE(autobahn_pattern_match("*", "7.1.1"));
  EXPECT_TRUE(autobahn_pattern_match("7.*", "7.13.2"));
  EXPECT_TRUE(autobahn_pattern_match("7.9.*", "7.9.1"));
  EXPECT_TRUE(autobahn_pattern_match("7.1.1", "7.1.1"));
  EXPECT_FALSE(autobahn_pattern_match("7.1.1", "7.1.10"));
  EXPECT_FALSE(autobahn_pattern_match("7.1", "7.1.1"));
  EXPECT_FALSE(autobahn_pattern_match("7.9.*", "7.7.1"));
  EXPECT_TRUE(autobahn_pattern_match("*.1", "7.7.1"));
  EXPECT_FALSE(autobahn_pattern_match("6.*", "7.1.1"));
  EXPECT_TRUE(autobahn_pattern_match("7.1.?", "7.1.6"));
  EXPECT_FALSE(autobahn_pattern_match("7.1.?", "7.1.10"));
}

TEST(AutobahnConfig, SelectsThroughTheAutobahnKey) {
  auto config = parse_ok(R"({"servers": [{"url": "ws://x"}], "cases": ["7.*"], "exclude-cases": ["7.9.*", "7.7.2"]})");
  const auto selection = select_autobahn_cases(kCatalogue, config, false, kFile);
  EXPECT_EQ(selection.error, "");
  EXPECT_EQ(selection.result_ids,
            (std::vector<std::string>{"close.clean.peer-initiated", "close.peer.code.valid[code=1000]"}));
}

TEST(AutobahnConfig, WsharnessCasesOnlyWithTheFlag) {
  auto config = parse_ok(R"({"servers": [{"url": "ws://x"}], "cases": ["7.1.1"]})");
  EXPECT_EQ(select_autobahn_cases(kCatalogue, config, false, kFile).result_ids,
            std::vector<std::string>{"close.clean.peer-initiated"});
  EXPECT_EQ(select_autobahn_cases(kCatalogue, config, true, kFile).result_ids,
            (std::vector<std::string>{"close.clean.peer-initiated", "close.subject.status[code=1000]"}));
}

TEST(AutobahnConfig, UnknownCaseNumbersAreErrors) {
  auto config = parse_ok(R"({"servers": [{"url": "ws://x"}], "cases": ["7.1.1", "7.9.99"]})");
  EXPECT_EQ(select_autobahn_cases(kCatalogue, config, false, kFile).error,
            "fuzzingclient.json: key 'cases[1]': '7.9.99' is not a case number the catalogue knows (it covers "
            "Autobahn's section 7: 7.1.x, 7.3.x, 7.5.1, 7.7.x, 7.9.x, 7.13.x)");
  config = parse_ok(R"({"servers": [{"url": "ws://x"}], "cases": ["7.3.1"]})");
  EXPECT_EQ(select_autobahn_cases(kCatalogue, config, false, kFile).error,
            "fuzzingclient.json: key 'cases[0]': Autobahn case 7.3.1 has no counterpart in the catalogue");
  const auto selection = select_autobahn_cases(kCatalogue, config, false, kFile);
  EXPECT_TRUE(selection.result_ids.empty());
}

TEST(AutobahnConfig, AnEmptySelectionIsAnError) {
  auto config = parse_ok(R"({"servers": [{"url": "ws://x"}], "cases": ["1.*"]})");
  EXPECT_EQ(select_autobahn_cases(kCatalogue, config, false, kFile).error,
            "fuzzingclient.json: 'cases' minus 'exclude-cases' selects no case of the catalogue "
            "(--include-wsharness-cases adds wsharness's own)");
}

}  // namespace
}  // namespace wsh::cases
