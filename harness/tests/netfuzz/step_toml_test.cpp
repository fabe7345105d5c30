// Every step of the catalogue, written back as TOML by step_table, parses into
// the same step: step_toml is the inverse of the step parser for every kind,
// not only for the ones the fuzzer generates.

#include <gtest/gtest.h>

#include <algorithm>

#include "cases/case_loader.hpp"
#include "cases/step_parser.hpp"
#include "engine/engine.hpp"
#include "netfuzz/step_toml.hpp"

namespace wsh::netfuzz {
namespace {

std::optional<cases::LocatedStep> parse_back(const std::string& text, cases::StepContext context,
                                             cases::LoadErrors& errors) {
  const auto document = toml::parse("step = " + text);
  return cases::parse_step(*document.get("step"), "(written)", {}, engine::fault_validator(), errors, context);
}

TEST(StepToml, EveryCatalogueStepReadsBackTheSame) {
  const auto catalogue = cases::load_catalogue(WSH_TEST_CASES_DIR, engine::fault_validator());
  ASSERT_TRUE(catalogue.ok());
  std::size_t kinds_seen[std::variant_size_v<cases::Step>] = {};
  for (const auto& instance : catalogue.cases) {
    cases::StepContext context;
    context.pair = std::find(instance.roles.begin(), instance.roles.end(), cases::Role::Pair) != instance.roles.end();
    for (const auto& located : instance.steps) {
      ++kinds_seen[located.step.index()];
      const auto text = render_step(located.step);
      cases::LoadErrors errors;
      const auto back = parse_back(text, context, errors);
      ASSERT_TRUE(back) << instance.result_id << ": " << text << ": "
                        << (errors.empty() ? "" : errors.front().to_string());
      EXPECT_TRUE(back->step == located.step) << instance.result_id << ": " << located.text << " written as " << text;
      EXPECT_EQ(back->text, text) << instance.result_id;
    }
  }
  // The catalogue holds every kind, so this covers them all.
  for (std::size_t kind = 0; kind < std::variant_size_v<cases::Step>; ++kind) EXPECT_GT(kinds_seen[kind], 0u) << kind;
}

TEST(StepToml, WritesReservedOpcodesAsNumbersAndDefaultsNotAtAll) {
  cases::SendStep send;
  send.opcode = 0x3;
  EXPECT_EQ(render_step(send), "{ send = 3 }");
  cases::WaitFrameStep wait;
  wait.opcode = 0x8;
  wait.codes = {1000, 1001};
  EXPECT_EQ(render_step(wait), "{ codes = [ 1000, 1001 ], wait_frame = \"close\" }");
  EXPECT_EQ(render_step(cases::SleepStep{cases::Millis{5}}), "{ sleep = 5 }");
}

}  // namespace
}  // namespace wsh::netfuzz
