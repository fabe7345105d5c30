// RFC 6455's own examples, byte for byte: §5.7 (frames) and §1.3 (the
// opening handshake), both encoded by us and decoded by us.

#include <gtest/gtest.h>

#include "hex_bytes.hpp"

#include <variant>

#include "wire/frame_decoder.hpp"
#include "wire/frame_encoder.hpp"
#include "wire/handshake.hpp"

namespace wsh::wire {
namespace {

constexpr MaskKey kExampleMask = {0x37, 0xfa, 0x21, 0x3d};

using testing::hex;

DecodeResult decode_as(Role role, const Bytes& bytes) { return decode_all(bytes, DecoderConfig{role}); }

TEST(Rfc6455Section5_7, SingleFrameUnmaskedText) {
  const Bytes wire = hex("81 05 48 65 6c 6c 6f");
  EXPECT_EQ(encode_frame(Opcode::Text, to_bytes("Hello")), wire);

  const DecodeResult decoded = decode_as(Role::Client, wire);
  ASSERT_FALSE(decoded.error);
  ASSERT_EQ(decoded.frames.size(), 1u);
  const Frame& frame = decoded.frames[0];
  EXPECT_TRUE(frame.fin);
  EXPECT_EQ(frame.opcode, to_raw(Opcode::Text));
  EXPECT_FALSE(frame.masked);
  EXPECT_EQ(as_chars(frame.payload), "Hello");
  EXPECT_EQ(frame.wire_size, wire.size());
}

TEST(Rfc6455Section5_7, SingleFrameMaskedText) {
  const Bytes wire = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");
  EXPECT_EQ(encode_frame(Opcode::Text, to_bytes("Hello"), {.mask = kExampleMask}), wire);

  const DecodeResult decoded = decode_as(Role::Server, wire);
  ASSERT_FALSE(decoded.error);
  ASSERT_EQ(decoded.frames.size(), 1u);
  const Frame& frame = decoded.frames[0];
  EXPECT_TRUE(frame.masked);
  EXPECT_EQ(frame.mask_key, kExampleMask);
  EXPECT_EQ(as_chars(frame.payload), "Hello");
}

TEST(Rfc6455Section5_7, FragmentedUnmaskedText) {
  const Bytes first = hex("01 03 48 65 6c");
  const Bytes second = hex("80 02 6c 6f");
  EXPECT_EQ(encode_frame(Opcode::Text, to_bytes("Hel"), {.fin = false}), first);
  EXPECT_EQ(encode_frame(Opcode::Continuation, to_bytes("lo")), second);

  Bytes wire = first;
  wire.insert(wire.end(), second.begin(), second.end());
  const DecodeResult decoded = decode_as(Role::Client, wire);
  ASSERT_FALSE(decoded.error);
  ASSERT_EQ(decoded.frames.size(), 2u);
  EXPECT_FALSE(decoded.frames[0].fin);
  EXPECT_EQ(decoded.frames[0].opcode, to_raw(Opcode::Text));
  EXPECT_EQ(as_chars(decoded.frames[0].payload), "Hel");
  EXPECT_TRUE(decoded.frames[1].fin);
  EXPECT_EQ(decoded.frames[1].opcode, to_raw(Opcode::Continuation));
  EXPECT_EQ(as_chars(decoded.frames[1].payload), "lo");
  EXPECT_EQ(decoded.frames[1].stream_offset, first.size());
}

TEST(Rfc6455Section5_7, UnmaskedPing) {
  const Bytes wire = hex("89 05 48 65 6c 6c 6f");
  EXPECT_EQ(encode_frame(Opcode::Ping, to_bytes("Hello")), wire);

  const DecodeResult decoded = decode_as(Role::Client, wire);
  ASSERT_FALSE(decoded.error);
  ASSERT_EQ(decoded.frames.size(), 1u);
  EXPECT_EQ(decoded.frames[0].opcode, to_raw(Opcode::Ping));
  EXPECT_EQ(as_chars(decoded.frames[0].payload), "Hello");
}

TEST(Rfc6455Section5_7, MaskedPong) {
  const Bytes wire = hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58");
  EXPECT_EQ(encode_frame(Opcode::Pong, to_bytes("Hello"), {.mask = kExampleMask}), wire);

  const DecodeResult decoded = decode_as(Role::Server, wire);
  ASSERT_FALSE(decoded.error);
  ASSERT_EQ(decoded.frames.size(), 1u);
  EXPECT_EQ(decoded.frames[0].opcode, to_raw(Opcode::Pong));
  EXPECT_EQ(as_chars(decoded.frames[0].payload), "Hello");
}

Bytes counting_payload(std::size_t size) {
  Bytes payload(size);
  for (std::size_t i = 0; i < size; ++i) payload[i] = static_cast<std::uint8_t>(i * 7 + 3);
  return payload;
}

TEST(Rfc6455Section5_7, Binary256BytesUses16BitLength) {
  const Bytes payload = counting_payload(256);
  Bytes wire = hex("82 7E 01 00");
  wire.insert(wire.end(), payload.begin(), payload.end());
  EXPECT_EQ(encode_frame(Opcode::Binary, payload), wire);

  const DecodeResult decoded = decode_as(Role::Client, wire);
  ASSERT_FALSE(decoded.error);
  ASSERT_EQ(decoded.frames.size(), 1u);
  EXPECT_EQ(decoded.frames[0].opcode, to_raw(Opcode::Binary));
  EXPECT_EQ(decoded.frames[0].payload, payload);
  EXPECT_EQ(decoded.frames[0].header_size(), 4u);
}

TEST(Rfc6455Section5_7, Binary64KiBUses64BitLength) {
  const Bytes payload = counting_payload(65536);
  Bytes wire = hex("82 7F 00 00 00 00 00 01 00 00");
  wire.insert(wire.end(), payload.begin(), payload.end());
  EXPECT_EQ(encode_frame(Opcode::Binary, payload), wire);

  const DecodeResult decoded = decode_as(Role::Client, wire);
  ASSERT_FALSE(decoded.error);
  ASSERT_EQ(decoded.frames.size(), 1u);
  EXPECT_EQ(decoded.frames[0].payload, payload);
  EXPECT_EQ(decoded.frames[0].header_size(), 10u);
}

TEST(Rfc6455Section1_3, AcceptKeyOfTheSampleNonce) {
  EXPECT_EQ(compute_accept_key("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(Rfc6455Section1_3, SampleHandshakeValidatesBothWays) {
  const std::string request_text =
      "GET /chat HTTP/1.1\r\n"
      "Host: server.example.com\r\n"
      "Upgrade: websocket\r\n"
      "Connection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Origin: http://example.com\r\n"
      "Sec-WebSocket-Protocol: chat, superchat\r\n"
      "Sec-WebSocket-Version: 13\r\n"
      "\r\n";
  const auto request = parse_request(request_text);
  ASSERT_TRUE(std::holds_alternative<HttpRequest>(request));
  EXPECT_EQ(validate_client_request(std::get<HttpRequest>(request)), std::nullopt);

  const std::string response_text =
      "HTTP/1.1 101 Switching Protocols\r\n"
      "Upgrade: websocket\r\n"
      "Connection: Upgrade\r\n"
      "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
      "Sec-WebSocket-Protocol: chat\r\n"
      "\r\n";
  const auto response = parse_response(response_text);
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(response));
  const HandshakeOffer offer{{}, {"chat", "superchat"}};
  EXPECT_EQ(validate_server_response(std::get<HttpResponse>(response), "dGhlIHNhbXBsZSBub25jZQ==", offer),
            std::nullopt);
}

}  // namespace
}  // namespace wsh::wire
