#include "faults/fault_registry.hpp"

#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "faults/fault_spec_error.hpp"

namespace wsh::faults {
namespace {

using ::testing::HasSubstr;

std::string error_for(std::string_view name, const FaultParams& params) {
  try {
    make_fault(name, params);
  } catch (const FaultSpecError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(FaultRegistry, BuildsEveryFaultByName) {
  const std::vector<std::pair<std::string, FaultParams>> specs{
      {"chop", {{"size", std::int64_t{1}}}},
      {"delay", {{"ms", std::int64_t{10}}}},
      {"corrupt", {{"offset", std::int64_t{3}}}},
      {"truncate", {{"after", std::int64_t{5}}, {"then", std::string("rst")}}},
      {"blackhole", {}},
      {"burst", {{"frames", std::int64_t{4}}}},
      {"rst", {}},
      {"fin", {}},
      {"stall", {}},
      {"unstall", {}},
  };
  for (const auto& [name, params] : specs) {
    const std::unique_ptr<Fault> fault = make_fault(name, params);
    ASSERT_NE(fault, nullptr) << name;
    EXPECT_EQ(fault->name(), name);
  }
}

// Only rst ends the connection and only blackhole swallows its sender's end
// of stream: the peer and the proxy act on these, never on a name.
TEST(FaultRegistry, EachFaultDeclaresItsEffects) {
  for (const FaultInfo& info : list_faults()) {
    EXPECT_EQ(info.effects.ends_connection, info.name == "rst") << info.name;
    EXPECT_EQ(info.effects.swallows_bytes, info.name == "blackhole") << info.name;
  }
  EXPECT_TRUE(make_fault("rst", {})->effects().ends_connection);
  EXPECT_TRUE(make_fault("blackhole", {})->effects().swallows_bytes);
}

TEST(FaultRegistry, DescribesAnAppliedFaultAsNameAndParameters) {
  EXPECT_EQ(describe_fault("rst", {}), "rst");
  EXPECT_EQ(describe_fault("truncate", {{"then", std::string("fin")}, {"after", std::int64_t{2}}}),
            "truncate{after=2, then=fin}");
}

TEST(FaultRegistry, StreamAndActionFaultsHaveTheirKinds) {
  EXPECT_NE(dynamic_cast<StreamFault*>(make_fault("chop", {}).get()), nullptr);
  EXPECT_NE(dynamic_cast<ActionFault*>(make_fault("rst", {}).get()), nullptr);
}

TEST(FaultRegistry, UnknownFaultListsTheKnownOnes) {
  EXPECT_EQ(error_for("chomp", {}),
            "unknown fault 'chomp'; known: blackhole, burst, chop, corrupt, delay, fin, rst, stall, truncate, unstall");
}

TEST(FaultRegistry, UnknownParameterIsNamed) {
  EXPECT_EQ(error_for("chop", {{"sise", std::int64_t{1}}}),
            "unknown parameter 'sise' for fault 'chop'; known: size, delay_ms, variation");
}

TEST(FaultRegistry, ParameterlessFaultRejectsAnyParameter) {
  EXPECT_THAT(error_for("rst", {{"now", true}}), HasSubstr("fault 'rst' takes no parameters"));
}

TEST(FaultRegistry, NonPositiveSizeIsRejected) {
  EXPECT_EQ(error_for("chop", {{"size", std::int64_t{0}}}),
            "fault 'chop': parameter 'size' must be a positive integer, got 0");
}

TEST(FaultRegistry, WrongTypeIsRejectedShowingTheValue) {
  EXPECT_EQ(error_for("chop", {{"size", std::string("big")}}),
            "fault 'chop': parameter 'size' must be a positive integer, got \"big\"");
  EXPECT_THAT(error_for("delay", {{"ms", true}}), HasSubstr("parameter 'ms' must be a non-negative integer, got true"));
}

TEST(FaultRegistry, OutOfRangeXorIsRejected) {
  EXPECT_THAT(error_for("corrupt", {{"offset", std::int64_t{0}}, {"xor", std::int64_t{256}}}),
              HasSubstr("parameter 'xor' must be an integer from 1 to 255, got 256"));
}

TEST(FaultRegistry, UnknownChoiceListsTheChoices) {
  EXPECT_THAT(error_for("truncate", {{"after", std::int64_t{1}}, {"then", std::string("close")}}),
              HasSubstr("parameter 'then' must be one of \"fin\", \"rst\", \"none\", got \"close\""));
}

TEST(FaultRegistry, MissingRequiredParameterIsNamed) {
  EXPECT_THAT(error_for("corrupt", {}), HasSubstr("fault 'corrupt': missing parameter 'offset'"));
}

TEST(FaultRegistry, ValidateReportsWithoutThrowing) {
  EXPECT_EQ(validate_fault("burst", {{"frames", std::int64_t{2}}}), std::nullopt);
  EXPECT_THAT(validate_fault("burst", {}).value_or(""), HasSubstr("missing parameter 'frames'"));
  EXPECT_THAT(validate_fault("nope", {}).value_or(""), HasSubstr("unknown fault 'nope'"));
}

TEST(FaultRegistry, ListsEveryFaultWithWhatHappensOnTheWire) {
  const std::vector<FaultInfo>& faults = list_faults();
  ASSERT_EQ(faults.size(), 10u);
  for (const FaultInfo& info : faults) EXPECT_FALSE(info.on_the_wire.empty()) << info.name;
  const auto rst = std::find_if(faults.begin(), faults.end(), [](const FaultInfo& info) { return info.name == "rst"; });
  ASSERT_NE(rst, faults.end());
  EXPECT_THAT(rst->on_the_wire, HasSubstr("ECONNRESET"));
}

TEST(FaultRegistry, HelpLineShowsParametersWithDefaults) {
  const std::vector<FaultInfo>& faults = list_faults();
  const auto truncate =
      std::find_if(faults.begin(), faults.end(), [](const FaultInfo& info) { return info.name == "truncate"; });
  ASSERT_NE(truncate, faults.end());
  EXPECT_THAT(format_help_line(*truncate), HasSubstr("truncate{after, then=\"fin\"}: "));
}

TEST(FaultRegistry, ParameterHelpSaysWhatValuesACaseMayGive) {
  const std::vector<FaultInfo>& faults = list_faults();
  const auto truncate =
      std::find_if(faults.begin(), faults.end(), [](const FaultInfo& info) { return info.name == "truncate"; });
  ASSERT_NE(truncate, faults.end());
  ASSERT_EQ(truncate->params.size(), 2u);
  EXPECT_THAT(format_param_help(truncate->params[0]), HasSubstr("after (integer >= 0, required): "));
  EXPECT_THAT(format_param_help(truncate->params[1]), HasSubstr("then (one of fin, rst, none, default \"fin\"): "));
  EXPECT_EQ(format_param_help(integer_param("code", 1000, "close code", 0, 65535)),
            "code (integer 0..65535, default 1000): close code");
}

}  // namespace
}  // namespace wsh::faults
