#include "cases/case_loader.hpp"

#include <set>

#include <gtest/gtest.h>

#include "wire/bytes.hpp"

namespace wsh::cases {
namespace {

Catalogue load(std::string_view text) { return load_case_text(text, "cases/test.toml", {}); }

std::string all_errors(const Catalogue& catalogue) {
  std::string text;
  for (const auto& error : catalogue.errors) text += error.to_string() + "\n";
  return text;
}

constexpr std::string_view kPeerClose = R"(
[[case]]
id = "close.peer.code"
title = "Peer closes with ${code}"
rfc = "7.4.1"
requirement = "MUST respond"
roles = ["server", "client"]
autobahn = ["7.9.x"]
matrix = { code = [1005, 999] }
steps = [
  { send = "close", code = "${code}", reason = "r${code}" },
  { wait_frame = "close", codes = [1002], within_ms = 500 },
]
[case.expect]
close = "fail"
codes = [1002]
messages = []
)";

TEST(CaseLoader, ExpandsMatrixIntoOneInstancePerValue) {
  const auto catalogue = load(kPeerClose);
  ASSERT_TRUE(catalogue.ok()) << all_errors(catalogue);
  ASSERT_EQ(catalogue.cases.size(), 2u);
  EXPECT_EQ(catalogue.cases[0].result_id, "close.peer.code[code=1005]");
  EXPECT_EQ(catalogue.cases[1].result_id, "close.peer.code[code=999]");
  EXPECT_EQ(catalogue.cases[0].title, "Peer closes with 1005");
  EXPECT_EQ(catalogue.cases[0].area, "close");
}

TEST(CaseLoader, ReadsAFleetWithConnectionsFromTheMatrixAndStepScopes) {
  const auto catalogue = load(R"(
[[case]]
id = "lifecycle.shutdown.clients"
title = "Shutdown with ${clients} clients"
rfc = "7.4.1"
requirement = "going away"
roles = ["server"]
connections = "${clients}"
matrix = { clients = [3, 50] }
steps = [
  { chat = "/shutdown", on = "first" },
  { wait_frame = "close", codes = [1001] },
]
[case.expect]
exit = 0

[[case]]
id = "lifecycle.churn"
title = "Churn"
rfc = "7.1.1"
requirement = "r"
roles = ["server"]
connections = 1000
concurrency = "sequential"
steps = [{ chat = "/quit" }]
)");
  ASSERT_TRUE(catalogue.ok()) << all_errors(catalogue);
  ASSERT_EQ(catalogue.cases.size(), 3u);
  const auto& churn = catalogue.cases[0];
  ASSERT_TRUE(churn.fleet.has_value());
  EXPECT_EQ(churn.fleet->connections, 1000);
  EXPECT_EQ(churn.fleet->concurrency, Concurrency::Sequential);
  EXPECT_FALSE(churn.expect.exit_code.has_value());
  const auto& three = catalogue.cases[1];
  EXPECT_EQ(three.result_id, "lifecycle.shutdown.clients[clients=3]");
  ASSERT_TRUE(three.fleet.has_value());
  EXPECT_EQ(three.fleet->connections, 3);
  EXPECT_EQ(three.fleet->concurrency, Concurrency::All);
  EXPECT_EQ(three.steps[0].on, StepScope::First);
  EXPECT_EQ(three.steps[1].on, StepScope::Every);
  EXPECT_EQ(three.expect.exit_code, std::optional<int>(0));
  EXPECT_EQ(catalogue.cases[2].fleet->connections, 50);
}

TEST(CaseLoader, ACaseWithoutConnectionsHasNoFleet) {
  const auto catalogue = load(kPeerClose);
  ASSERT_TRUE(catalogue.ok()) << all_errors(catalogue);
  EXPECT_FALSE(catalogue.cases[0].fleet.has_value());
}

TEST(CaseLoader, SubstitutesTypedAndTextualPlaceholders) {
  const auto catalogue = load(kPeerClose);
  ASSERT_TRUE(catalogue.ok()) << all_errors(catalogue);
  const auto& send = std::get<SendStep>(catalogue.cases[0].steps[0].step);
  EXPECT_EQ(send.opcode, 0x8);
  // 1005 big-endian, then the reason "r1005".
  const Bytes expected = {0x03, 0xED, 'r', '1', '0', '0', '5'};
  EXPECT_EQ(send.payload, expected);
}

TEST(CaseLoader, ResolvesAutobahnFamiliesByCode) {
  const auto catalogue = load(kPeerClose);
  ASSERT_TRUE(catalogue.ok()) << all_errors(catalogue);
  EXPECT_EQ(catalogue.cases[0].autobahn, std::vector<std::string>{"7.9.4"});  // 1005
  EXPECT_EQ(catalogue.cases[1].autobahn, std::vector<std::string>{"7.9.2"});  // 999
}

TEST(CaseLoader, ReadsExpectations) {
  const auto catalogue = load(kPeerClose);
  ASSERT_TRUE(catalogue.ok()) << all_errors(catalogue);
  const auto& expect = catalogue.cases[0].expect;
  EXPECT_EQ(expect.close, CloseExpectation::Fail);
  EXPECT_EQ(expect.codes, std::vector<CloseCode>{1002});
  ASSERT_TRUE(expect.messages);
  EXPECT_TRUE(expect.messages->empty());
}

TEST(CaseLoader, CaseLevelRepeatDefaultsToOneRun) {
  const auto once = load(kPeerClose);
  ASSERT_TRUE(once.ok()) << all_errors(once);
  EXPECT_EQ(once.cases[0].repeat, 1);
  const auto repeated =
      load(std::string(kPeerClose).replace(std::string(kPeerClose).find("matrix"), 0, "repeat = 50\n"));
  ASSERT_TRUE(repeated.ok()) << all_errors(repeated);
  EXPECT_EQ(repeated.cases[0].repeat, 50);
  EXPECT_EQ(repeated.cases[1].repeat, 50) << "every matrix instance repeats";
}

TEST(CaseLoader, TakesAnOpcodeNumberFromTheMatrix) {
  const auto catalogue = load(R"(
[[case]]
id = "frames.reserved"
title = "opcode ${opcode}"
rfc = "5.2"
requirement = "r"
roles = ["server"]
matrix = { opcode = [3, 11] }
steps = [{ send = "${opcode}", payload = "x" }]
)");
  ASSERT_TRUE(catalogue.ok()) << all_errors(catalogue);
  ASSERT_EQ(catalogue.cases.size(), 2u);
  std::set<int> opcodes;
  for (const auto& instance : catalogue.cases) opcodes.insert(std::get<SendStep>(instance.steps[0].step).opcode);
  EXPECT_EQ(opcodes, (std::set<int>{3, 11}));
}

TEST(CaseLoader, ReadsSpamExpectations) {
  const auto catalogue = load(R"(
[[case]]
id = "threads.spam"
title = "spam ${size}"
rfc = "5.4"
requirement = "r"
roles = ["server"]
matrix = { size = [16, 512] }
steps = [{ chat = "/spam 10 ${size}" }]
[case.expect]
spam_size = "${size}"
spam_count = 10
)");
  ASSERT_TRUE(catalogue.ok()) << all_errors(catalogue);
  EXPECT_EQ(catalogue.cases[1].expect.spam_size, std::optional<std::size_t>(512));
  EXPECT_EQ(catalogue.cases[1].expect.spam_count, std::optional<std::size_t>(10));
}

TEST(CaseLoader, ParsesEveryStepKind) {
  const auto catalogue = load(R"(
[[case]]
id = "engine.every.step"
title = "t"
rfc = "5.2"
requirement = "r"
roles = ["server"]
steps = [
  { handshake = true, headers = { X-Test = "1" }, omit = ["version"] },
  { send = "text", payload = "Hello", fin = false, rsv = 4, mask = "37 fa 21 3d", length = "64" },
  { send = 3, payload_hex = "01 02" },
  { send = "binary", payload_size = 70000, repeat = 3, one_write = true },
  { send_raw = "88 80 00 00 00 00" },
  { chat = "/close 1000 bye" },
  { fault = "chop", size = 1, delay_ms = 2 },
  { wait_frame = "text", payload = "Hello", within_ms = 100 },
  { wait_event = "read", result = "fail", within_ms = 100 },
  { expect_tcp_close = "fin", within_ms = 100 },
  { expect_silence = 50 },
  { sleep = 10 },
]
)");
  ASSERT_TRUE(catalogue.ok()) << all_errors(catalogue);
  const auto& steps = catalogue.cases[0].steps;
  ASSERT_EQ(steps.size(), 12u);
  EXPECT_EQ(std::get<HandshakeStep>(steps[0].step).omit, std::vector<std::string>{"version"});
  const auto& text = std::get<SendStep>(steps[1].step);
  EXPECT_FALSE(text.fin);
  EXPECT_EQ(text.rsv, 4);
  EXPECT_EQ(text.mask, MaskMode::Fixed);
  EXPECT_EQ(text.length, LengthMode::Force64);
  EXPECT_EQ(std::get<SendStep>(steps[2].step).opcode, 3);
  EXPECT_EQ(std::get<SendStep>(steps[3].step).payload.size(), 70000u);
  EXPECT_TRUE(std::get<SendStep>(steps[3].step).one_write);
  EXPECT_EQ(std::get<SendRawStep>(steps[4].step).bytes.size(), 6u);
  EXPECT_EQ(std::get<SendStep>(steps[5].step).payload, wire::to_bytes("/close 1000 bye"));
  const auto& fault = std::get<FaultStep>(steps[6].step);
  EXPECT_EQ(fault.name, "chop");
  EXPECT_EQ(std::get<std::int64_t>(fault.params.at("size")), 1);
  EXPECT_EQ(std::get<WaitEventStep>(steps[8].step).result, "fail");
  EXPECT_EQ(std::get<ExpectTcpCloseStep>(steps[9].step).kind, TcpCloseKind::Fin);
  EXPECT_EQ(std::get<ExpectSilenceStep>(steps[10].step).duration, Millis{50});
  EXPECT_EQ(steps[1].where.line, 10);
}

TEST(CaseLoader, ParsesThePairKeysOfAPairCase) {
  const auto catalogue = load(R"(
[[case]]
id = "pair.every.key"
title = "t"
rfc = "7.1.2"
requirement = "r"
roles = ["pair"]
steps = [
  { chat = "/close 1000 bye", to = "client" },
  { send_raw = "88 00", to = "server" },
  { fault = "rst", direction = "both" },
  { wait_frame = "close", from = "server" },
  { wait_event = "cleanup", subject = "client" },
  { expect_tcp_close = "fin", from = "server" },
  { expect_tcp_close = "any" },
]
)");
  ASSERT_TRUE(catalogue.ok()) << all_errors(catalogue);
  const auto& steps = catalogue.cases[0].steps;
  ASSERT_EQ(steps.size(), 7u);
  EXPECT_EQ(std::get<SendStep>(steps[0].step).to, PairSide::Client);
  EXPECT_EQ(std::get<SendRawStep>(steps[1].step).to, PairSide::Server);
  const auto& fault = std::get<FaultStep>(steps[2].step);
  EXPECT_EQ(fault.direction, PairDirection::Both);
  EXPECT_TRUE(fault.params.empty());  // `direction` is the proxy's, not a parameter of the fault
  EXPECT_EQ(std::get<WaitFrameStep>(steps[3].step).from, PairSide::Server);
  EXPECT_EQ(std::get<WaitEventStep>(steps[4].step).subject, PairSide::Client);
  EXPECT_EQ(std::get<ExpectTcpCloseStep>(steps[5].step).from, PairSide::Server);
  EXPECT_FALSE(std::get<ExpectTcpCloseStep>(steps[6].step).from.has_value());
}

TEST(CaseLoader, FaultValidatorErrorsAreLocated) {
  const auto catalogue = load_case_text(R"(
[[case]]
id = "x.y"
title = "t"
rfc = "1"
requirement = "r"
roles = ["server"]
steps = [ { fault = "nope" } ]
)",
                                        "cases/f.toml", [](const FaultStep& fault) -> std::optional<std::string> {
                                          return "unknown fault '" + fault.name + "'";
                                        });
  ASSERT_EQ(catalogue.errors.size(), 1u);
  EXPECT_EQ(catalogue.errors[0].to_string(), "cases/f.toml:8:21: unknown fault 'nope'");
}

}  // namespace
}  // namespace wsh::cases
