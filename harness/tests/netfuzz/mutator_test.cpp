#include "netfuzz/mutator.hpp"

#include <gtest/gtest.h>
#include <set>

#include "engine/engine.hpp"
#include "netfuzz/step_toml.hpp"
#include "peer/step_frames.hpp"

namespace wsh::netfuzz {
namespace {

const std::vector<Seed>& server_seeds() {
  static const auto seeds = [] {
    const auto catalogue = cases::load_catalogue(WSH_TEST_CASES_DIR, engine::fault_validator());
    EXPECT_TRUE(catalogue.ok());
    return collect_seeds(catalogue, cases::Role::Server);
  }();
  return seeds;
}

std::string render_all(const std::vector<cases::Step>& steps) {
  std::string text;
  for (const auto& step : steps) text += render_step(step) + "\n";
  return text;
}

TEST(SeedPool, TakesWhatTheCatalogueSendsAndNoWaits) {
  const auto& seeds = server_seeds();
  ASSERT_GT(seeds.size(), 20u);
  for (const auto& seed : seeds) {
    ASSERT_FALSE(seed.steps.empty()) << seed.source;
    for (const auto& step : seed.steps) {
      EXPECT_TRUE(std::holds_alternative<cases::SendStep>(step) || std::holds_alternative<cases::SendRawStep>(step) ||
                  std::holds_alternative<cases::FaultStep>(step) || std::holds_alternative<cases::SleepStep>(step))
          << seed.source << ": " << render_step(step);
      if (const auto* fault = std::get_if<cases::FaultStep>(&step)) {
        EXPECT_TRUE(is_fuzzable_fault(fault->name));
      }
    }
  }
}

TEST(Mutator, SameSeedGivesTheSameCase) {
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const auto a = generate_steps(server_seeds(), mix_seed(7, seed), true);
    const auto b = generate_steps(server_seeds(), mix_seed(7, seed), true);
    ASSERT_EQ(render_all(a.steps), render_all(b.steps)) << seed;
    ASSERT_EQ(a.mutations, b.mutations);
  }
}

TEST(Mutator, DifferentSeedsGiveDifferentCases) {
  std::set<std::string> distinct;
  for (std::uint64_t seed = 0; seed < 200; ++seed)
    distinct.insert(render_all(generate_steps(server_seeds(), mix_seed(7, seed), true).steps));
  EXPECT_GT(distinct.size(), 150u);
}

TEST(Mutator, StaysWithinItsLimits) {
  MutatorLimits limits;
  limits.max_steps = 10;
  limits.max_frame_payload = 4096;
  limits.max_case_bytes = 16384;
  limits.max_repeat = 4;
  for (std::uint64_t seed = 0; seed < 2000; ++seed) {
    const auto generated = generate_steps(server_seeds(), mix_seed(3, seed), seed % 2 == 0, limits);
    ASSERT_FALSE(generated.steps.empty());
    ASSERT_LE(generated.steps.size(), limits.max_steps) << seed;
    ASSERT_LE(case_bytes(generated.steps), limits.max_case_bytes) << seed;
    for (const auto& step : generated.steps) {
      if (const auto* send = std::get_if<cases::SendStep>(&step)) {
        ASSERT_LE(send->payload.size(), limits.max_frame_payload);
        ASSERT_LE(send->repeat, limits.max_repeat);
        ASSERT_GE(send->repeat, 1);
        if (send->length == cases::LengthMode::Force16) {
          ASSERT_LE(send->declared_length.value_or(send->payload.size()), 0xFFFFu);
        }
      }
      if (const auto* sleep = std::get_if<cases::SleepStep>(&step)) {
        ASSERT_LE(sleep->duration, limits.max_added_delay);
      }
    }
  }
}

// The runner encodes every send step; a frame the encoder refuses would be a
// harness error, not a finding.
TEST(Mutator, EveryGeneratedFrameEncodes) {
  std::mt19937_64 random(1);
  for (std::uint64_t seed = 0; seed < 1500; ++seed) {
    const bool as_client = seed % 2 == 0;
    for (const auto& step : generate_steps(server_seeds(), mix_seed(13, seed), as_client).steps) {
      if (const auto* send = std::get_if<cases::SendStep>(&step)) {
        ASSERT_NO_THROW(peer::encode_send(*send, as_client, random))
            << seed << ": " << render_step(step).substr(0, 200);
      }
    }
  }
}

TEST(Mutator, ReachesEveryKindOfMutation) {
  std::size_t reserved = 0, rsv = 0, lying = 0, continuation = 0, raw = 0, chop = 0, not_fin = 0, wide = 0, masks = 0;
  for (std::uint64_t seed = 0; seed < 2000; ++seed) {
    for (const auto& step : generate_steps(server_seeds(), mix_seed(11, seed), true).steps) {
      if (const auto* send = std::get_if<cases::SendStep>(&step)) {
        reserved += (send->opcode >= 0x3 && send->opcode <= 0x7) || send->opcode >= 0xB;
        rsv += send->rsv != 0;
        lying += send->declared_length.has_value();
        continuation += send->opcode == 0x0;
        not_fin += !send->fin;
        wide += send->length != cases::LengthMode::Minimal;
        masks += send->mask != cases::MaskMode::Auto;
      }
      raw += std::holds_alternative<cases::SendRawStep>(step);
      if (const auto* fault = std::get_if<cases::FaultStep>(&step)) chop += fault->name == "chop";
    }
  }
  EXPECT_GT(reserved, 0u);
  EXPECT_GT(rsv, 0u);
  EXPECT_GT(lying, 0u);
  EXPECT_GT(continuation, 0u);
  EXPECT_GT(raw, 0u);
  EXPECT_GT(chop, 0u);
  EXPECT_GT(not_fin, 0u);
  EXPECT_GT(wide, 0u);
  EXPECT_GT(masks, 0u);
}

TEST(MixSeed, SpreadsIndicesAndDependsOnTheRunSeed) {
  EXPECT_NE(mix_seed(1, 0), mix_seed(1, 1));
  EXPECT_NE(mix_seed(1, 0), mix_seed(2, 0));
  EXPECT_EQ(mix_seed(5, 9), mix_seed(5, 9));
}

}  // namespace
}  // namespace wsh::netfuzz
