#include "cases/max_message.hpp"

#include <gtest/gtest.h>

#include "cases/case_loader.hpp"

namespace wsh::cases {
namespace {

constexpr std::string_view kSizedCase = R"(
[[case]]
id = "frames.size-limit.demo"
title = "t"
rfc = "10.4"
requirement = "r"
roles = ["server"]
steps = [
  { send = "text", payload_size = "max_message+1" },
  { send = "text", payload_size = "max_message-3", fin = false },
  { wait_frame = "text", payload_size = "max_message" },
  { send = "text", payload_size = 5 },
]
)";

CaseInstance sized_case() {
  const auto catalogue = load_case_text(kSizedCase, "cases/test.toml", {});
  EXPECT_TRUE(catalogue.ok());
  return catalogue.cases.at(0);
}

TEST(MaxMessage, SizesRelativeToTheLimitWaitForTheSubject) {
  const auto instance = sized_case();
  EXPECT_TRUE(sized_by_max_message(instance));
  EXPECT_TRUE(std::get<SendStep>(instance.steps[0].step).payload.empty());
  EXPECT_EQ(std::get<SendStep>(instance.steps[0].step).size_from_max_message, std::optional<std::int64_t>(1));
  EXPECT_EQ(std::get<SendStep>(instance.steps[1].step).size_from_max_message, std::optional<std::int64_t>(-3));
  EXPECT_EQ(std::get<SendStep>(instance.steps[3].step).payload.size(), 5u);
}

TEST(MaxMessage, BindingMakesEveryRelativePayloadConcrete) {
  const auto bound = bind_max_message(sized_case(), 100);
  EXPECT_FALSE(sized_by_max_message(bound));
  EXPECT_EQ(std::get<SendStep>(bound.steps[0].step).payload, filler_payload(101));
  EXPECT_EQ(std::get<SendStep>(bound.steps[1].step).payload.size(), 97u);
  EXPECT_EQ(std::get<WaitFrameStep>(bound.steps[2].step).payload, std::optional<Bytes>(filler_payload(100)));
  EXPECT_EQ(std::get<SendStep>(bound.steps[3].step).payload, filler_payload(5));
}

TEST(MaxMessage, ASizeBelowZeroIsEmpty) {
  const auto bound = bind_max_message(sized_case(), 2);
  EXPECT_TRUE(std::get<SendStep>(bound.steps[1].step).payload.empty());
}

TEST(MaxMessage, ASubjectWithoutALimitOrWithAHugeOneIsAReasonToSkip) {
  const auto instance = sized_case();
  EXPECT_EQ(max_message_problem(instance, 16 * 1024 * 1024), std::nullopt);
  EXPECT_NE(max_message_problem(instance, std::nullopt), std::nullopt);
  EXPECT_NE(max_message_problem(instance, 1ULL << 40), std::nullopt);
}

TEST(MaxMessage, ADeclaredLengthIsBoundWithoutAPayload) {
  const auto catalogue = load_case_text(R"(
[[case]]
id = "frames.size-limit.declared"
title = "t"
rfc = "10.4"
requirement = "r"
roles = ["server"]
steps = [{ send = "binary", payload = "", declared_length = "max_message+1" }]
)",
                                        "cases/test.toml", {});
  ASSERT_TRUE(catalogue.ok());
  const auto& instance = catalogue.cases.at(0);
  EXPECT_TRUE(sized_by_max_message(instance));
  EXPECT_TRUE(max_message_problem(instance, std::nullopt).has_value()) << "no limit: SKIP";
  EXPECT_EQ(max_message_problem(instance, 1ULL << 40), std::nullopt) << "a header costs nothing to send";
  const auto bound = bind_max_message(instance, 100);
  const auto& send = std::get<SendStep>(bound.steps[0].step);
  EXPECT_EQ(send.declared_length, std::optional<std::uint64_t>(101));
  EXPECT_TRUE(send.payload.empty());
  EXPECT_FALSE(sized_by_max_message(bound));
}

TEST(MaxMessage, FillerIsAutobahnsPattern) {
  const auto filler = filler_payload(12);
  EXPECT_EQ(std::string(filler.begin(), filler.end()), "BAsd7&jh23BA");
}

}  // namespace
}  // namespace wsh::cases
