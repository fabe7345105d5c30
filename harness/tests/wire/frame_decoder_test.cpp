// The frame decoder: every DecodeErrorKind reached with the offset the rule
// in decode_error.hpp gives, plus the stream bookkeeping around it.

#include "wire/frame_decoder.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "wire/frame_encoder.hpp"

namespace wsh::wire {
namespace {

constexpr MaskKey kKey = {0x11, 0x22, 0x33, 0x44};

// A frame as a client sends it (masked) or a server sends it (unmasked).
Bytes from_client(Opcode opcode, std::string_view payload, EncodeOptions options = {}) {
  options.mask = kKey;
  return encode_frame(opcode, to_bytes(payload), options);
}
Bytes from_server(Opcode opcode, std::string_view payload, EncodeOptions options = {}) {
  return encode_frame(opcode, to_bytes(payload), options);
}

Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes all;
  for (const Bytes& part : parts) all.insert(all.end(), part.begin(), part.end());
  return all;
}

// Decodes as a server (the frames come from a client) unless told otherwise.
DecodeResult decode(const Bytes& bytes, DecoderConfig config = DecoderConfig{Role::Server}) {
  return decode_all(bytes, config);
}

void expect_error(const DecodeResult& result, DecodeErrorKind kind, std::uint64_t offset) {
  ASSERT_TRUE(result.error.has_value()) << "expected " << decode_error_name(kind);
  EXPECT_EQ(decode_error_name(result.error->kind), decode_error_name(kind));
  EXPECT_EQ(result.error->offset, offset);
  EXPECT_EQ(result.error->rfc_section, decode_error_rfc_section(kind));
  EXPECT_FALSE(result.error->message.empty());
}

// A valid frame first, so that error offsets are not trivially 0 or 1.
const Bytes kLeadingClientFrame = from_client(Opcode::Text, "ok");
const std::uint64_t kSecond = kLeadingClientFrame.size();

// mid_header: true only while the bytes fed so far end inside a header, at
// every offset of a masked frame's 6-byte header; false in the payload and
// between frames.
TEST(FrameDecoderState, MidHeaderOnlyInsideAHeader) {
  const Bytes frame = from_client(Opcode::Text, "Hello");
  for (std::size_t cut = 0; cut <= frame.size(); ++cut) {
    FrameDecoder decoder(DecoderConfig{Role::Server});
    std::vector<Frame> out;
    ASSERT_TRUE(decoder.feed(ByteView(frame.data(), cut), out));
    EXPECT_EQ(decoder.mid_header(), cut > 0 && cut < 6) << "cut at " << cut;
  }
}

TEST(FrameDecoderErrors, UnmaskedClientFrameAtItsMaskByte) {
  const DecodeResult result = decode(concat({kLeadingClientFrame, from_server(Opcode::Text, "plain")}));
  expect_error(result, DecodeErrorKind::UnmaskedClientFrame, kSecond + 1);
  EXPECT_EQ(result.frames.size(), 1u);
}

TEST(FrameDecoderErrors, MaskedServerFrameAtItsMaskByte) {
  const Bytes leading = from_server(Opcode::Text, "ok");
  const DecodeResult result =
      decode(concat({leading, from_client(Opcode::Binary, "masked")}), DecoderConfig{Role::Client});
  expect_error(result, DecodeErrorKind::MaskedServerFrame, leading.size() + 1);
}

TEST(FrameDecoderErrors, EveryReservedOpcodeAtTheFirstByte) {
  for (const std::uint8_t opcode : {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
    SCOPED_TRACE(opcode_name(opcode));
    const Bytes frame = encode_frame(opcode, to_bytes("x"), {.mask = kKey});
    expect_error(decode(concat({kLeadingClientFrame, frame})), DecodeErrorKind::ReservedOpcode, kSecond);
  }
}

TEST(FrameDecoderErrors, EachRsvBitWithoutAnExtension) {
  for (const std::uint8_t rsv : {kRsv1, kRsv2, kRsv3, std::uint8_t{kRsv1 | kRsv3}}) {
    SCOPED_TRACE(rsv);
    const Bytes frame = from_client(Opcode::Close, "", {.rsv = rsv});
    expect_error(decode(concat({kLeadingClientFrame, frame})), DecodeErrorKind::RsvBitsSet, kSecond);
  }
}

TEST(FrameDecoderErrors, RsvBitsAcceptedWhenAnExtensionAllowsThem) {
  const DecodeResult result = decode(from_client(Opcode::Text, "deflated", {.rsv = kRsv1}),
                                     DecoderConfig{.role = Role::Server, .allow_rsv = true});
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.frames.size(), 1u);
  EXPECT_EQ(result.frames[0].rsv, kRsv1);
}

TEST(FrameDecoderErrors, ControlFrameOf126BytesAtTheLengthField) {
  const std::string payload(126, 'p');
  const DecodeResult result = decode(concat({kLeadingClientFrame, from_client(Opcode::Ping, payload)}));
  expect_error(result, DecodeErrorKind::ControlFrameTooLong, kSecond + 1);
}

TEST(FrameDecoderErrors, ControlFrameOf125BytesIsAccepted) {
  const DecodeResult result = decode(from_client(Opcode::Close, std::string(125, 'c')));
  ASSERT_FALSE(result.error);
  EXPECT_EQ(result.frames.at(0).payload.size(), 125u);
}

TEST(FrameDecoderErrors, FragmentedControlFrameAtTheFirstByte) {
  for (const Opcode opcode : {Opcode::Close, Opcode::Ping, Opcode::Pong}) {
    SCOPED_TRACE(opcode_name(opcode));
    const Bytes frame = from_client(opcode, "", {.fin = false});
    expect_error(decode(concat({kLeadingClientFrame, frame})), DecodeErrorKind::FragmentedControlFrame, kSecond);
  }
}

TEST(FrameDecoderErrors, NonMinimal16BitLength) {
  const Bytes frame = from_client(Opcode::Text, "five!", {.length = LengthEncoding::Force16});
  expect_error(decode(concat({kLeadingClientFrame, frame})), DecodeErrorKind::NonMinimalLength, kSecond + 1);
}

TEST(FrameDecoderErrors, NonMinimal64BitLength) {
  const Bytes frame = from_client(Opcode::Binary, std::string(200, 'b'), {.length = LengthEncoding::Force64});
  expect_error(decode(concat({kLeadingClientFrame, frame})), DecodeErrorKind::NonMinimalLength, kSecond + 1);
}

TEST(FrameDecoderErrors, NonMinimalLengthsAcceptedWhenNotRequired) {
  const Bytes frames = concat({from_client(Opcode::Text, "five!", {.length = LengthEncoding::Force16}),
                               from_client(Opcode::Text, "x", {.length = LengthEncoding::Force64})});
  const DecodeResult result = decode(frames, DecoderConfig{.role = Role::Server, .require_minimal_length = false});
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.frames.size(), 2u);
  EXPECT_EQ(as_chars(result.frames[0].payload), "five!");
  EXPECT_EQ(result.frames[1].header_size(), 2u + 8u + 4u);
}

TEST(FrameDecoderErrors, LengthWithTheHighBitSet) {
  const Bytes frame = from_client(Opcode::Binary, "", {.declared_length = 0x8000'0000'0000'0000ULL});
  expect_error(decode(concat({kLeadingClientFrame, frame})), DecodeErrorKind::LengthHighBitSet, kSecond + 1);
}

TEST(FrameDecoderErrors, PayloadOverTheLimitFailsBeforeThePayloadArrives) {
  const Bytes frame = from_client(Opcode::Binary, std::string(101, 'b'));
  const DecoderConfig config{.role = Role::Server, .max_payload = 100};
  // The header alone (2 bytes + mask key is not even needed) proves it.
  FrameDecoder decoder(config);
  std::vector<Frame> frames;
  EXPECT_FALSE(decoder.feed(ByteView(frame).first(2), frames));
  ASSERT_TRUE(decoder.error());
  EXPECT_EQ(decoder.error()->kind, DecodeErrorKind::PayloadTooBig);
  EXPECT_EQ(decoder.error()->offset, 1u);
  EXPECT_EQ(close_code_for(DecodeErrorKind::PayloadTooBig), 1009);
}

TEST(FrameDecoderErrors, PayloadAtTheLimitIsAccepted) {
  const DecodeResult result = decode(from_client(Opcode::Binary, std::string(100, 'b')),
                                     DecoderConfig{.role = Role::Server, .max_payload = 100});
  EXPECT_FALSE(result.error);
  EXPECT_EQ(result.frames.size(), 1u);
}

TEST(FrameDecoderErrors, ContinuationWithoutAMessage) {
  const Bytes frame = from_client(Opcode::Continuation, "orphan");
  expect_error(decode(concat({kLeadingClientFrame, frame})), DecodeErrorKind::UnexpectedContinuation, kSecond);
}

TEST(FrameDecoderErrors, ContinuationAfterTheMessageEnded) {
  const Bytes frames = concat({from_client(Opcode::Text, "a", {.fin = false}), from_client(Opcode::Continuation, "b"),
                               from_client(Opcode::Continuation, "c")});
  const std::uint64_t third = frames.size() - from_client(Opcode::Continuation, "c").size();
  expect_error(decode(frames), DecodeErrorKind::UnexpectedContinuation, third);
}

TEST(FrameDecoderErrors, NewDataFrameInsideAFragmentedMessage) {
  const Bytes first = from_client(Opcode::Text, "part", {.fin = false});
  const Bytes frames = concat({first, from_client(Opcode::Binary, "new")});
  expect_error(decode(frames), DecodeErrorKind::ExpectedContinuation, first.size());
}

TEST(FrameDecoderErrors, EveryKindHasADistinctNameAndASection) {
  std::set<std::string_view> names;
  for (int kind = 0; kind <= static_cast<int>(DecodeErrorKind::ExpectedContinuation); ++kind) {
    const auto typed = static_cast<DecodeErrorKind>(kind);
    names.insert(decode_error_name(typed));
    EXPECT_FALSE(decode_error_rfc_section(typed).empty());
  }
  EXPECT_EQ(names.size(), 11u);
  EXPECT_EQ(names.count("unknown"), 0u);
}

TEST(FrameDecoderErrors, FirstByteRulesAreCheckedInTheDocumentedOrder) {
  // RSV beats reserved opcode, which beats a fragmented control frame.
  const Bytes all_three = encode_frame(0xB, {}, {.fin = false, .rsv = kRsv2, .mask = kKey});
  expect_error(decode(all_three), DecodeErrorKind::RsvBitsSet, 0);
  const Bytes two = encode_frame(0xB, {}, {.fin = false, .mask = kKey});
  expect_error(decode(two), DecodeErrorKind::ReservedOpcode, 0);
}

TEST(FrameDecoder, ControlFramesMayInterleaveAFragmentedMessage) {
  const Bytes frames = concat({from_client(Opcode::Text, "Hel", {.fin = false}), from_client(Opcode::Ping, "p"),
                               from_client(Opcode::Pong, ""), from_client(Opcode::Continuation, "lo")});
  const DecodeResult result = decode(frames);
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.frames.size(), 4u);
  EXPECT_EQ(result.frames[1].opcode, to_raw(Opcode::Ping));
  EXPECT_EQ(result.frames[3].opcode, to_raw(Opcode::Continuation));
}

TEST(FrameDecoder, ReportsAnErrorAsSoonAsItsByteArrives) {
  FrameDecoder decoder(DecoderConfig{Role::Server});
  std::vector<Frame> frames;
  const Bytes reserved = {0x83};  // FIN + opcode 0x3; nothing else sent yet
  EXPECT_FALSE(decoder.feed(reserved, frames));
  ASSERT_TRUE(decoder.error());
  EXPECT_EQ(decoder.error()->kind, DecodeErrorKind::ReservedOpcode);
}

TEST(FrameDecoder, ConsumesNothingAfterAnError) {
  FrameDecoder decoder(DecoderConfig{Role::Server});
  std::vector<Frame> frames;
  const Bytes bad = concat({from_server(Opcode::Text, "unmasked"), kLeadingClientFrame});
  EXPECT_FALSE(decoder.feed(bad, frames));
  EXPECT_EQ(decoder.bytes_consumed(), 2u);  // up to the byte that proved it
  EXPECT_FALSE(decoder.feed(kLeadingClientFrame, frames));
  EXPECT_EQ(decoder.bytes_consumed(), 2u);
  EXPECT_TRUE(frames.empty());
}

TEST(FrameDecoder, TracksAFrameCutShort) {
  const Bytes frame = from_client(Opcode::Binary, "0123456789");
  FrameDecoder decoder(DecoderConfig{Role::Server});
  std::vector<Frame> frames;
  EXPECT_TRUE(decoder.feed(ByteView(frame).first(9), frames));
  EXPECT_TRUE(frames.empty());
  EXPECT_TRUE(decoder.mid_frame());
  EXPECT_EQ(decoder.pending_bytes(), 9u);
  EXPECT_TRUE(decoder.feed(ByteView(frame).subspan(9), frames));
  EXPECT_FALSE(decoder.mid_frame());
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(as_chars(frames[0].payload), "0123456789");

  const DecodeResult truncated = decode(Bytes(frame.begin(), frame.end() - 1));
  EXPECT_FALSE(truncated.error);
  EXPECT_TRUE(truncated.frames.empty());
  EXPECT_EQ(truncated.trailing_bytes, frame.size() - 1);
}

TEST(FrameDecoder, EmitsAnEmptyFrameAsSoonAsItsHeaderIsComplete) {
  FrameDecoder decoder(DecoderConfig{Role::Client});
  std::vector<Frame> frames;
  EXPECT_TRUE(decoder.feed(from_server(Opcode::Close, ""), frames));
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].wire_size, 2u);
  EXPECT_FALSE(decoder.mid_frame());
}

TEST(FrameDecoder, RecordsStreamOffsetsAndWireSizes) {
  const Bytes a = from_client(Opcode::Text, "first");
  const Bytes b = from_client(Opcode::Binary, std::string(300, 'x'));
  const Bytes c = from_client(Opcode::Close, "");
  const DecodeResult result = decode(concat({a, b, c}));
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.frames.size(), 3u);
  EXPECT_EQ(result.frames[0].stream_offset, 0u);
  EXPECT_EQ(result.frames[1].stream_offset, a.size());
  EXPECT_EQ(result.frames[2].stream_offset, a.size() + b.size());
  EXPECT_EQ(result.frames[1].wire_size, b.size());
  EXPECT_EQ(result.frames[1].header_size(), 2u + 2u + 4u);
}

TEST(FrameDecoder, StructureOnlyDecodesWhatStrictModeRejects) {
  const Bytes frames =
      concat({from_server(Opcode::Continuation, "orphan", {.rsv = kRsv3}), encode_frame(0x5, to_bytes("reserved")),
              from_server(Opcode::Ping, std::string(200, 'p'), {.fin = false}),
              from_client(Opcode::Text, "masked", {.length = LengthEncoding::Force64})});
  const DecodeResult strict = decode(frames, DecoderConfig{Role::Client});
  ASSERT_TRUE(strict.error);
  const DecodeResult lenient = decode(frames, DecoderConfig{.role = Role::Client, .structure_only = true});
  ASSERT_FALSE(lenient.error);
  ASSERT_EQ(lenient.frames.size(), 4u);
  EXPECT_EQ(lenient.frames[1].opcode, 0x5);
  EXPECT_EQ(lenient.frames[2].payload.size(), 200u);
  EXPECT_EQ(as_chars(lenient.frames[3].payload), "masked");
}

TEST(FrameDecoder, StructureOnlyStillEnforcesTheLengthLimits) {
  const DecoderConfig config{.role = Role::Client, .max_payload = 10, .structure_only = true};
  expect_error(decode(from_server(Opcode::Binary, std::string(11, 'b')), config), DecodeErrorKind::PayloadTooBig, 1);
  expect_error(decode(from_server(Opcode::Binary, "", {.declared_length = ~0ULL}), config),
               DecodeErrorKind::LengthHighBitSet, 1);
}

TEST(FrameDecoder, ProtocolErrorsCloseWith1002) {
  EXPECT_EQ(close_code_for(DecodeErrorKind::UnmaskedClientFrame), 1002);
  EXPECT_EQ(close_code_for(DecodeErrorKind::ReservedOpcode), 1002);
}

}  // namespace
}  // namespace wsh::wire
