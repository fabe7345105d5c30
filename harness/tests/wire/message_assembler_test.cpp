// Frames -> messages: fragments joined, UTF-8 checked fail-fast across
// fragments, close bodies parsed, every MessageErrorKind reached.

#include "wire/message_assembler.hpp"

#include <gtest/gtest.h>

#include "wire/frame_decoder.hpp"
#include "wire/frame_encoder.hpp"

namespace wsh::wire {
namespace {

Frame frame(Opcode opcode, std::string_view payload, bool fin = true) {
  Frame f;
  f.opcode = to_raw(opcode);
  f.fin = fin;
  f.payload = to_bytes(payload);
  return f;
}

struct Assembled {
  std::vector<Message> messages;
  std::optional<MessageError> error;
};

Assembled assemble(std::vector<Frame> frames, AssemblerConfig config = {}) {
  MessageAssembler assembler(config);
  Assembled result;
  for (Frame& f : frames) assembler.push(std::move(f), result.messages);
  result.error = assembler.error();
  return result;
}

TEST(MessageAssembler, JoinsFragmentsAroundInterleavedControlFrames) {
  const Assembled result = assemble({frame(Opcode::Text, "He", false), frame(Opcode::Ping, "p"),
                                     frame(Opcode::Continuation, "l", false), frame(Opcode::Continuation, "lo")});
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.messages.size(), 2u);
  EXPECT_EQ(result.messages[0].opcode, to_raw(Opcode::Ping));
  EXPECT_EQ(result.messages[1].opcode, to_raw(Opcode::Text));
  EXPECT_EQ(as_chars(result.messages[1].payload), "Hello");
  EXPECT_EQ(result.messages[1].frame_count, 3u);
}

TEST(MessageAssembler, ParsesCloseBodies) {
  Frame close = frame(Opcode::Close, "");
  close.payload = build_close_payload(1001, "bye");
  const Assembled result = assemble({std::move(close)});
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.messages.size(), 1u);
  ASSERT_TRUE(result.messages[0].close);
  EXPECT_EQ(*result.messages[0].close, (ClosePayload{1001, "bye"}));
}

TEST(MessageAssembler, InvalidUtf8FailsOnTheFragmentThatHoldsIt) {
  // Autobahn 6.x style: the message would be invalid whatever comes later,
  // so the second fragment must fail before the third arrives.
  MessageAssembler assembler;
  std::vector<Message> messages;
  EXPECT_TRUE(assembler.push(frame(Opcode::Text, "ok ", false), messages));
  EXPECT_FALSE(assembler.push(frame(Opcode::Continuation, "\xed\xa0\x80", false), messages));
  ASSERT_TRUE(assembler.error());
  EXPECT_EQ(assembler.error()->kind, MessageErrorKind::InvalidUtf8);
  EXPECT_EQ(assembler.error()->close_code, 1007);
  EXPECT_EQ(assembler.error()->rfc_section, "8.1");
  EXPECT_TRUE(messages.empty());
}

TEST(MessageAssembler, InvalidUtf8OffsetIsTheStreamOffsetOfTheByte) {
  Bytes wire = encode_frame(Opcode::Text, to_bytes("abc"), {.fin = false});
  append_frame(wire, Opcode::Continuation, to_bytes("d\xff"));
  const DecodeResult decoded = decode_all(wire, DecoderConfig{Role::Client});
  ASSERT_FALSE(decoded.error);
  const Assembled result = assemble(decoded.frames);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->offset, wire.size() - 1);  // the 0xff
}

TEST(MessageAssembler, TextEndingInsideACharacterIsInvalid) {
  const Assembled result = assemble({frame(Opcode::Text, "\xe2\x82", false), frame(Opcode::Continuation, "")});
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, MessageErrorKind::InvalidUtf8);
}

TEST(MessageAssembler, CharacterSplitAcrossFragmentsIsValid) {
  const Assembled result = assemble({frame(Opcode::Text, "\xe2\x82", false), frame(Opcode::Continuation, "\xac")});
  ASSERT_FALSE(result.error);
  EXPECT_EQ(as_chars(result.messages.at(0).payload), "\xe2\x82\xac");
}

TEST(MessageAssembler, BinaryIsNotCheckedForUtf8) {
  const Assembled result = assemble({frame(Opcode::Binary, "\xff\xfe")});
  EXPECT_FALSE(result.error);
  EXPECT_EQ(result.messages.size(), 1u);
}

TEST(MessageAssembler, InvalidCloseBodyReportsWhichRule) {
  Frame one_byte = frame(Opcode::Close, "\x03");
  Assembled result = assemble({std::move(one_byte)});
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, MessageErrorKind::InvalidClosePayload);
  EXPECT_EQ(result.error->close_error, ClosePayloadError::OneByte);
  EXPECT_EQ(result.error->close_code, 1002);

  Frame bad_reason = frame(Opcode::Close, "");
  bad_reason.payload = build_close_payload(1000, "\xc0");
  result = assemble({std::move(bad_reason)});
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->close_error, ClosePayloadError::InvalidUtf8Reason);
  EXPECT_EQ(result.error->close_code, 1007);
}

TEST(MessageAssembler, ContinuationWithoutAMessage) {
  const Assembled result = assemble({frame(Opcode::Continuation, "x")});
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, MessageErrorKind::UnexpectedContinuation);
  EXPECT_EQ(result.error->close_code, 1002);
}

TEST(MessageAssembler, NewMessageInsideAFragmentedOne) {
  const Assembled result = assemble({frame(Opcode::Binary, "x", false), frame(Opcode::Text, "y")});
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, MessageErrorKind::ExpectedContinuation);
}

TEST(MessageAssembler, ReservedOpcode) {
  Frame reserved = frame(Opcode::Text, "");
  reserved.opcode = 0x4;
  const Assembled result = assemble({std::move(reserved)});
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, MessageErrorKind::UnknownOpcode);
}

TEST(MessageAssembler, MessageOverTheLimit) {
  const Assembled result = assemble({frame(Opcode::Binary, "12345", false), frame(Opcode::Continuation, "678")},
                                    AssemblerConfig{.max_message = 7});
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, MessageErrorKind::MessageTooBig);
  EXPECT_EQ(result.error->close_code, 1009);
}

TEST(MessageAssembler, IgnoresFramesAfterAnError) {
  MessageAssembler assembler;
  std::vector<Message> messages;
  EXPECT_FALSE(assembler.push(frame(Opcode::Continuation, "x"), messages));
  EXPECT_FALSE(assembler.push(frame(Opcode::Text, "fine"), messages));
  EXPECT_TRUE(messages.empty());
  EXPECT_EQ(assembler.error()->kind, MessageErrorKind::UnexpectedContinuation);
}

TEST(MessageAssembler, ErrorNames) {
  EXPECT_EQ(message_error_name(MessageErrorKind::InvalidUtf8), "invalid-utf8");
  EXPECT_EQ(message_error_name(MessageErrorKind::MessageTooBig), "message-too-big");
}

}  // namespace
}  // namespace wsh::wire
