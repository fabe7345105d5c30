#include "close_reason_fit.hpp"

#include <gtest/gtest.h>

#include <string>

namespace wsh::subject::beast_subject {
namespace {

TEST(CloseReasonFit, KeepsAReasonOfAtMost123Bytes) {
  const std::string reason(123, 'r');
  EXPECT_EQ(fit_close_reason(reason), reason);
  EXPECT_EQ(fit_close_reason("bye"), "bye");
  EXPECT_EQ(fit_close_reason(""), "");
}

TEST(CloseReasonFit, CutsALongerReasonTo123Bytes) {
  const std::string reason = std::string(123, 'r') + "tail";
  EXPECT_EQ(fit_close_reason(reason), std::string(123, 'r'));
}

TEST(CloseReasonFit, NeverCutsInsideAUtf8Character) {
  // 62 x "é" (C3 A9) is 124 bytes: byte 123 is the second half of the 62nd.
  std::string reason;
  for (int i = 0; i < 62; ++i) reason += "\xC3\xA9";
  EXPECT_EQ(fit_close_reason(reason), reason.substr(0, 122));
  // A 4-byte character straddling byte 123 goes whole.
  const std::string emoji = std::string(121, 'r') + "\xF0\x9F\x98\x80";
  EXPECT_EQ(fit_close_reason(emoji), std::string(121, 'r'));
}

}  // namespace
}  // namespace wsh::subject::beast_subject
