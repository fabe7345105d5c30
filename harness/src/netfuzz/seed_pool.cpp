#include "netfuzz/seed_pool.hpp"

#include <algorithm>
#include <set>

#include "netfuzz/step_toml.hpp"

namespace wsh::netfuzz {
namespace {

constexpr cases::Millis kMaxSeedSleep{100};

}  // namespace

bool is_fuzzable_fault(const std::string& name) {
  static const std::set<std::string> kFuzzable = {"rst", "fin", "chop", "delay", "truncate", "corrupt", "burst"};
  return kFuzzable.contains(name);
}

std::vector<Seed> collect_seeds(const cases::Catalogue& catalogue, cases::Role role) {
  std::vector<Seed> seeds;
  std::set<std::string> seen;
  for (const auto& instance : catalogue.cases) {
    if (std::find(instance.roles.begin(), instance.roles.end(), role) == instance.roles.end()) continue;
    if (!instance.requires_features.empty()) continue;
    Seed seed;
    seed.source = instance.result_id;
    for (const auto& located : instance.steps) {
      const auto& step = located.step;
      if (std::holds_alternative<cases::SendStep>(step) || std::holds_alternative<cases::SendRawStep>(step)) {
        seed.steps.push_back(step);
      } else if (const auto* fault = std::get_if<cases::FaultStep>(&step)) {
        if (is_fuzzable_fault(fault->name)) seed.steps.push_back(step);
      } else if (const auto* sleep = std::get_if<cases::SleepStep>(&step)) {
        seed.steps.push_back(cases::SleepStep{std::min(sleep->duration, kMaxSeedSleep)});
      }
    }
    if (seed.steps.empty()) continue;
    std::string key;
    for (const auto& step : seed.steps) key += render_step(step) + "\n";
    if (!seen.insert(key).second) continue;
    seeds.push_back(std::move(seed));
  }
  return seeds;
}

}  // namespace wsh::netfuzz
