// Close frame bodies (§5.5.1): building anything, and parsing with each
// ClosePayloadError reached.

#include "wire/close_payload.hpp"

#include <gtest/gtest.h>

#include "hex_bytes.hpp"

namespace wsh::wire {
namespace {

using testing::hex;

TEST(BuildClosePayload, WritesTheCodeInNetworkOrderThenTheReason) {
  EXPECT_EQ(build_close_payload(1000, "bye"), hex("03 e8 62 79 65"));
  EXPECT_EQ(build_close_payload(std::nullopt), Bytes{});
}

TEST(BuildClosePayload, BuildsWhatMustNeverBeSent) {
  EXPECT_EQ(build_close_payload(1005), hex("03 ed"));
  EXPECT_EQ(build_close_payload(1000, std::string(200, 'r')).size(), 202u);
  EXPECT_EQ(build_close_payload(1000, "\xff"), hex("03 e8 ff"));
}

TEST(ParseClosePayload, EmptyBodyHasNoCodeAndIsValid) {
  const ClosePayloadParse parse = parse_close_payload({});
  EXPECT_FALSE(parse.error);
  EXPECT_FALSE(parse.payload.code);
  EXPECT_EQ(parse.payload.reason, "");
}

TEST(ParseClosePayload, CodeOnlyAndCodeWithReason) {
  const ClosePayloadParse code_only = parse_close_payload(hex("03 e9"));
  EXPECT_FALSE(code_only.error);
  EXPECT_EQ(code_only.payload, (ClosePayload{1001, ""}));

  const ClosePayloadParse with_reason = parse_close_payload(build_close_payload(4000, "caf\xc3\xa9"));
  EXPECT_FALSE(with_reason.error);
  EXPECT_EQ(with_reason.payload, (ClosePayload{4000, "caf\xc3\xa9"}));
}

TEST(ParseClosePayload, OneByteBodyIsAnError) {
  const ClosePayloadParse parse = parse_close_payload(hex("03"));
  EXPECT_EQ(parse.error, ClosePayloadError::OneByte);
  EXPECT_EQ(close_code_for(ClosePayloadError::OneByte), 1002);
}

TEST(ParseClosePayload, CodesThatMayNotBeSentAreInvalid) {
  for (const CloseCode code : {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535}) {
    const ClosePayloadParse parse = parse_close_payload(build_close_payload(code, "why"));
    EXPECT_EQ(parse.error, ClosePayloadError::InvalidCode) << code;
    EXPECT_EQ(parse.payload.code, code) << "the code is still reported";
  }
}

TEST(ParseClosePayload, ReasonMustBeUtf8) {
  const ClosePayloadParse parse = parse_close_payload(build_close_payload(1000, "bad \xc0\xaf"));
  EXPECT_EQ(parse.error, ClosePayloadError::InvalidUtf8Reason);
  EXPECT_EQ(parse.payload.reason, "bad \xc0\xaf");
  EXPECT_EQ(close_code_for(ClosePayloadError::InvalidUtf8Reason), 1007);

  // A reason cut inside a sequence is as invalid as a bad byte.
  EXPECT_EQ(parse_close_payload(build_close_payload(1000, "\xe2\x82")).error, ClosePayloadError::InvalidUtf8Reason);
}

TEST(ParseClosePayload, At125BytesValidAndAbove125TooLong) {
  EXPECT_FALSE(parse_close_payload(build_close_payload(1000, std::string(123, 'r'))).error);
  const ClosePayloadParse parse = parse_close_payload(build_close_payload(1000, std::string(124, 'r')));
  EXPECT_EQ(parse.error, ClosePayloadError::TooLong);
  EXPECT_EQ(parse.payload.code, 1000);
  EXPECT_EQ(parse.payload.reason.size(), 124u);
}

TEST(ParseClosePayload, LengthIsCheckedBeforeTheCode) {
  EXPECT_EQ(parse_close_payload(build_close_payload(1005, std::string(200, 'r'))).error, ClosePayloadError::TooLong);
}

TEST(ParseClosePayload, ErrorNames) {
  EXPECT_EQ(close_payload_error_name(ClosePayloadError::OneByte), "one-byte");
  EXPECT_EQ(close_payload_error_name(ClosePayloadError::InvalidCode), "invalid-code");
  EXPECT_EQ(close_payload_error_name(ClosePayloadError::InvalidUtf8Reason), "invalid-utf8-reason");
  EXPECT_EQ(close_payload_error_name(ClosePayloadError::TooLong), "too-long");
}

}  // namespace
}  // namespace wsh::wire
