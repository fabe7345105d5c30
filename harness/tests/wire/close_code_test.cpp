// Close-code classification (§7.4) checked for every 16-bit value against a
// table written differently from the classifier: the list of ranges in
// close_code_reference.hpp, shared with fuzz/fuzz_close_payload.cpp.

#include "wire/close_code.hpp"

#include <gtest/gtest.h>

#include "close_code_reference.hpp"

namespace wsh::wire {
namespace {

using reference::CodeRange;
const auto& kRanges = reference::kCloseCodeRanges;

TEST(CloseCodeClassifier, MatchesTheRangeTableForEveryCode) {
  int next = 0;  // the ranges must tile 0..65535 with no gap or overlap
  for (const CodeRange& range : kRanges) {
    ASSERT_EQ(range.first, next);
    for (int code = range.first; code <= range.last; ++code) {
      ASSERT_EQ(classify_close_code(static_cast<CloseCode>(code)), range.expected) << "code " << code;
    }
    next = range.last + 1;
  }
  EXPECT_EQ(next, 65536);
}

TEST(CloseCodeClassifier, OnlyDefinedRegisteredAndPrivateCodesGoOnTheWire) {
  for (const CodeRange& range : kRanges) {
    const bool allowed = range.expected == CloseCodeClass::Defined ||
                         range.expected == CloseCodeClass::IanaRegistered ||
                         range.expected == CloseCodeClass::Registered || range.expected == CloseCodeClass::Private;
    for (int code = range.first; code <= range.last; ++code) {
      ASSERT_EQ(valid_on_wire(static_cast<CloseCode>(code)), allowed) << "code " << code;
    }
  }
}

TEST(CloseCodeClassifier, TheCatalogueCodesAreClassifiedAsDesignSays) {
  // The invalid and valid close codes of docs/ARCHITECTURE.md, "What is checked".
  for (const CloseCode code : {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
    EXPECT_FALSE(valid_on_wire(code)) << code;
  }
  for (const CloseCode code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999}) {
    EXPECT_TRUE(valid_on_wire(code)) << code;
  }
}

TEST(CloseCodeNames, NameTheRegisteredCodesAndNothingElse) {
  EXPECT_EQ(close_code_name(1000), "Normal Closure");
  EXPECT_EQ(close_code_name(1001), "Going Away");
  EXPECT_EQ(close_code_name(1002), "Protocol Error");
  EXPECT_EQ(close_code_name(1005), "No Status Received");
  EXPECT_EQ(close_code_name(1006), "Abnormal Closure");
  EXPECT_EQ(close_code_name(1009), "Message Too Big");
  EXPECT_EQ(close_code_name(1015), "TLS Handshake");
  EXPECT_EQ(close_code_name(999), "");
  EXPECT_EQ(close_code_name(1016), "");
  EXPECT_EQ(close_code_name(4000), "");
  for (int code = 1000; code <= 1015; ++code) {
    EXPECT_FALSE(close_code_name(static_cast<CloseCode>(code)).empty()) << code;
  }
}

TEST(CloseCodeNames, NameEveryClass) {
  EXPECT_EQ(close_code_class_name(CloseCodeClass::ReservedNeverOnWire), "reserved-never-on-wire");
  EXPECT_EQ(close_code_class_name(classify_close_code(4242)), "private");
  EXPECT_EQ(close_code_class_name(classify_close_code(5000)), "undefined");
  EXPECT_EQ(close_code_class_name(classify_close_code(1013)), "iana-registered");
}

}  // namespace
}  // namespace wsh::wire
