#include "close_request.hpp"

#include <gtest/gtest.h>

namespace wsh::subject::faulty {
namespace {

TEST(CloseRequest, ValidCodeGoesOnTheWireWithItsReason) {
  const auto body = close_body_for(4000, "bye");
  EXPECT_EQ(body.code, std::optional<wire::CloseCode>(4000));
  EXPECT_EQ(body.reason, "bye");
}

TEST(CloseRequest, Code1005IsSentAsAnEmptyBody) {
  const auto body = close_body_for(1005, "x");
  EXPECT_FALSE(body.code.has_value());
  EXPECT_TRUE(body.reason.empty());
}

TEST(CloseRequest, CodesThatMayNotBeSentBecomeAnEmptyBody) {
  for (const wire::CloseCode code : {0, 999, 1004, 1006, 1015, 1016, 2999, 5000, 65535}) {
    const auto body = close_body_for(code, "reason");
    EXPECT_FALSE(body.code.has_value()) << code;
    EXPECT_TRUE(body.reason.empty()) << code;
  }
}

TEST(CloseRequest, Send1005BugPuts1005OnTheWire) {
  const auto body = close_body_for(1005, "x", true);
  EXPECT_EQ(body.code, std::optional<wire::CloseCode>(1005));
  // Only 1005: the bug is about that one code.
  EXPECT_FALSE(close_body_for(1006, "x", true).code.has_value());
}

TEST(CloseRequest, LongReasonIsCutTo123Bytes) {
  const std::string reason(200, 'a');
  EXPECT_EQ(fit_close_reason(reason).size(), kMaxCloseReasonBytes);
  EXPECT_EQ(close_body_for(1000, reason).reason.size(), kMaxCloseReasonBytes);
}

TEST(CloseRequest, CutNeverSplitsAUtf8Sequence) {
  // 122 ASCII bytes, then a 3-byte sequence straddling byte 123.
  const std::string reason = std::string(122, 'a') + "\xE2\x82\xAC" + "tail";
  EXPECT_EQ(fit_close_reason(reason), std::string(122, 'a'));
}

TEST(CloseRequest, CloseReasonCutBugSplitsTheSequence) {
  // close-reason-cut: byte 123 exactly, the first byte of the euro sign kept.
  const std::string reason = std::string(122, 'a') + "\xE2\x82\xAC" + "tail";
  EXPECT_EQ(close_body_for(1000, reason, false, true).reason, std::string(122, 'a') + "\xE2");
}

TEST(CloseRequest, ShortReasonIsUntouched) {
  const std::string reason(123, 'b');
  EXPECT_EQ(fit_close_reason(reason), reason);
}

}  // namespace
}  // namespace wsh::subject::faulty
