// Reading a per-result JSON into what a reproducer does: the handshake, the
// harness's actions with the subject frames each waited for, and the checks
// of the verdict's cause.

#include <gtest/gtest.h>

#include "repro/repro_plan.hpp"
#include "sample_result.hpp"
#include "wire/frame_encoder.hpp"

namespace wsh::repro {
namespace {

using Kind = ReplayAction::Kind;
using nlohmann::json;

TEST(ReproPlan, ReadsTheHandshakeAndTheDefaultUrl) {
  const auto plan = plan_repro(testing::echoed_1005_result());
  const std::string request(plan.request.begin(), plan.request.end());
  EXPECT_EQ(request.rfind("GET / HTTP/1.1\r\nHost: 127.0.0.1:40123\r\n", 0), 0u);
  EXPECT_EQ(plan.default_url, "ws://127.0.0.1:40123/");
  EXPECT_EQ(plan.handshake_at_us, 1500);
  EXPECT_EQ(plan.subject_command.front(), "/opt/wsh-subject-faulty");
  EXPECT_EQ(plan.subject_command.back(), "0");
}

TEST(ReproPlan, ActionsWaitForWhatPrecededThemInTheRecording) {
  const auto plan = plan_repro(testing::echoed_1005_result());
  ASSERT_EQ(plan.actions.size(), 3u);
  EXPECT_EQ(plan.actions[0].kind, Kind::Send);
  EXPECT_EQ(plan.actions[0].after_frames, 0u);
  EXPECT_EQ(wire::to_hex(plan.actions[0].data), "88 82 11 22 33 44 12 cf");
  // The close reply came after the subject's close frame.
  EXPECT_EQ(plan.actions[1].kind, Kind::Send);
  EXPECT_EQ(plan.actions[1].after_frames, 1u);
  EXPECT_FALSE(plan.actions[1].after_subject_end);
  // The harness closed its side after the subject's FIN.
  EXPECT_EQ(plan.actions[2].kind, Kind::Close);
  EXPECT_TRUE(plan.actions[2].after_subject_end);
  EXPECT_FALSE(plan.actions[2].marks_peer_close);
  EXPECT_EQ(plan.end_us, 2700);
}

TEST(ReproPlan, ChecksTheRecordedCloseCodeAndListsWhatTheWireCannotShow) {
  const auto plan = plan_repro(testing::echoed_1005_result());
  ASSERT_EQ(plan.checks.size(), 2u);
  for (const auto& check : plan.checks) {
    EXPECT_EQ(check.kind, "close_code");
    EXPECT_EQ(check.code, 1005);
  }
  EXPECT_EQ(plan.checks[1].expected, "expected close code 1002");
  ASSERT_EQ(plan.unchecked.size(), 1u);
  EXPECT_EQ(plan.unchecked[0], "app.cleanup-once (FAIL): cleanup never ran");
}

TEST(ReproPlan, AStepFailureIsCheckedAsTheSameSubjectFrames) {
  auto result = testing::echoed_1005_result();
  result["findings"] = json::array({{{"verdict", "TIMEOUT"},
                                     {"oracle", "step"},
                                     {"reason", "step x.toml:3 (wait_frame): expected a close frame within 1000 ms"}}});
  const auto plan = plan_repro(result);
  ASSERT_EQ(plan.checks.size(), 1u);
  EXPECT_EQ(plan.checks[0].kind, "same_frames");
  EXPECT_EQ(plan.checks[0].recorded, "frames [('close', 1005)]; tcp_end=subject_fin");
}

TEST(ReproPlan, FaultsBecomeActionsOrSayTheyAreNotReplayed) {
  auto result = testing::echoed_1005_result();
  auto& transcript = result["transcript"];
  transcript.insert(transcript.begin() + 2, json{{"at_us", 1550},
                                                 {"dir", "to_subject"},
                                                 {"kind", "fault"},
                                                 {"text", "chop{delay_ms=5, size=1, variation=0}"}});
  transcript.insert(
      transcript.begin() + 3,
      json{{"at_us", 1560}, {"dir", "to_subject"}, {"kind", "fault"}, {"text", "truncate{after=3, then=rst}"}});
  transcript.insert(
      transcript.begin() + 4,
      json{{"at_us", 1570}, {"dir", "to_subject"}, {"kind", "fault"}, {"text", "corrupt{at=2, xor=255}"}});
  const auto plan = plan_repro(result);
  ASSERT_GE(plan.actions.size(), 3u);
  EXPECT_EQ(plan.actions[0].kind, Kind::Chop);
  EXPECT_EQ(plan.actions[0].size, 1);
  EXPECT_EQ(plan.actions[0].delay_ms, 5);
  EXPECT_EQ(plan.actions[1].kind, Kind::Truncate);
  EXPECT_EQ(plan.actions[1].size, 3);
  EXPECT_EQ(plan.actions[1].then, "rst");
  EXPECT_EQ(plan.actions[2].kind, Kind::Note);
  ASSERT_EQ(plan.inexact.size(), 1u);
  EXPECT_NE(plan.inexact[0].find("corrupt{at=2, xor=255}"), std::string::npos);
}

TEST(ReproPlan, RebuildsALargeFrameFromItsRecordedHeadWhenTheFillerMatches) {
  // A 1000-byte binary frame of the case files' filler, masked; the report
  // keeps its first 512 bytes.
  wire::Bytes payload(1000);
  const std::string pattern = "BAsd7&jh23";
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<std::uint8_t>(pattern[i % 10]);
  wire::EncodeOptions options;
  options.mask = wire::MaskKey{1, 2, 3, 4};
  const auto frame = wire::encode_frame(wire::Opcode::Binary, payload, options);
  auto result = testing::echoed_1005_result();
  result["transcript"][2]["hex"] = wire::to_hex({frame.data(), 512});
  result["transcript"][2]["hex_truncated_from"] = frame.size();
  auto plan = plan_repro(result);
  EXPECT_EQ(plan.actions[0].data, frame);
  EXPECT_TRUE(plan.inexact.empty());

  // A head that does not fit the filler: padded, and said so.
  auto other = frame;
  other[100] ^= 0xFF;
  result["transcript"][2]["hex"] = wire::to_hex({other.data(), 512});
  plan = plan_repro(result);
  EXPECT_EQ(plan.actions[0].data.size(), frame.size());
  ASSERT_EQ(plan.inexact.size(), 1u);
}

TEST(ReproPlan, RefusesWhatItCannotReplay) {
  EXPECT_THROW(plan_repro(json{{"hello", 1}}), ReproError);
  auto pair = testing::echoed_1005_result();
  pair["role"] = "pair";
  EXPECT_THROW(plan_repro(pair), ReproError);
  auto fleet = testing::echoed_1005_result();
  fleet["connections"] = json::object();
  EXPECT_THROW(plan_repro(fleet), ReproError);
}

}  // namespace
}  // namespace wsh::repro
