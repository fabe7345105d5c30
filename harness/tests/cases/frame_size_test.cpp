#include "cases/frame_size.hpp"

#include <gtest/gtest.h>

#include "cases/case_loader.hpp"

namespace wsh::cases {
namespace {

TEST(FrameSize, PayloadIsWhatTheHeaderLeaves) {
  // 16-bit length: 2 + 2 header bytes, + 4 for the mask key (RFC 6455 §5.2).
  EXPECT_EQ(filler_for_frame_size(4095, false, LengthMode::Minimal), std::optional<std::uint64_t>(4091));
  EXPECT_EQ(filler_for_frame_size(4095, true, LengthMode::Minimal), std::optional<std::uint64_t>(4087));
  // 7-bit length: 2 header bytes, + 4 masked.
  EXPECT_EQ(filler_for_frame_size(10, false, LengthMode::Minimal), std::optional<std::uint64_t>(8));
  EXPECT_EQ(filler_for_frame_size(10, true, LengthMode::Minimal), std::optional<std::uint64_t>(4));
  EXPECT_EQ(filler_for_frame_size(2, false, LengthMode::Minimal), std::optional<std::uint64_t>(0));
  // 64-bit length past 65535 bytes of payload.
  EXPECT_EQ(filler_for_frame_size(70010, false, LengthMode::Minimal), std::optional<std::uint64_t>(70000));
  EXPECT_EQ(filler_for_frame_size(20, true, LengthMode::Force64), std::optional<std::uint64_t>(6));
  EXPECT_EQ(filler_for_frame_size(20, false, LengthMode::Force16), std::optional<std::uint64_t>(16));
}

TEST(FrameSize, SizesNoMinimalFrameHasAreRefused) {
  // 126 payload bytes need the 16-bit length: 130 on the wire, so 128 and 129 fit no frame.
  EXPECT_EQ(filler_for_frame_size(128, false, LengthMode::Minimal), std::nullopt);
  EXPECT_EQ(filler_for_frame_size(129, false, LengthMode::Minimal), std::nullopt);
  EXPECT_EQ(filler_for_frame_size(1, false, LengthMode::Minimal), std::nullopt);
  EXPECT_EQ(filler_for_frame_size(5, true, LengthMode::Minimal), std::nullopt);
  EXPECT_EQ(filler_for_frame_size(9, true, LengthMode::Force64), std::nullopt);
}

TEST(FrameSize, ACaseMayGiveItAsASumOfParameters) {
  const auto catalogue = load_case_text(R"(
[[case]]
id = "faults.demo"
title = "t"
rfc = "5.2"
requirement = "r"
roles = ["server", "client"]
matrix = { read_buffer = [4096], k = [3] }
steps = [
  { send = "binary", frame_size = "${read_buffer}-${k}", repeat = 2, one_write = true },
  { send = "binary", frame_size = 10 },
]
)",
                                        "cases/test.toml", {});
  ASSERT_TRUE(catalogue.ok()) << catalogue.errors.at(0).to_string();
  const auto& instance = catalogue.cases.at(0);
  EXPECT_EQ(std::get<SendStep>(instance.steps[0].step).frame_size, std::optional<std::uint64_t>(4093));
  EXPECT_EQ(std::get<SendStep>(instance.steps[1].step).frame_size, std::optional<std::uint64_t>(10));
}

std::string first_error(std::string_view step) {
  const std::string text = std::string(R"(
[[case]]
id = "faults.demo"
title = "t"
rfc = "5.2"
requirement = "r"
roles = ["server"]
matrix = { k = [3] }
steps = [ )") + std::string(step) +
                           " ]\n";
  const auto catalogue = load_case_text(text, "broken.toml", {});
  return catalogue.errors.empty() ? std::string() : catalogue.errors.front().message;
}

TEST(FrameSize, MalformedOrImpossibleSizesAreRejected) {
  EXPECT_NE(first_error(R"({ send = "binary", frame_size = "4096-k" })").find("must be a number of bytes or a sum"),
            std::string::npos);
  EXPECT_NE(first_error(R"({ send = "binary", frame_size = "${k}--1" })").find("must be a number of bytes or a sum"),
            std::string::npos);
  EXPECT_NE(first_error(R"({ send = "binary", frame_size = 128 })").find("no unmasked frame"), std::string::npos);
  EXPECT_NE(first_error(R"({ send = "binary", frame_size = 5 })").find("no masked frame"), std::string::npos);
  EXPECT_NE(first_error(R"({ send = "binary", frame_size = 100, payload = "x" })").find("sizes the payload itself"),
            std::string::npos);
}

}  // namespace
}  // namespace wsh::cases
