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

}  // namespace
}  // namespace wsh::subject::beast_subject
