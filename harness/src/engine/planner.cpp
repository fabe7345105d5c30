// Which results a run produces: every case instance that passes the filter,
// for every subject, in every requested role the case applies to, over every
// requested transport.

#include <algorithm>

#include "cases/baseline.hpp"
#include "engine/engine.hpp"

namespace wsh::engine {
namespace {

// FNV-1a: a stable hash, so a result's seed depends on the run seed and the
// result's identity only, never on job scheduling; `replay` reproduces it.
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 0xcbf29ce484222325ull) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

bool selected(const std::vector<std::string>& filters, std::string_view id) {
  if (filters.empty()) return true;
  return std::any_of(filters.begin(), filters.end(),
                     [&](const std::string& glob) { return cases::glob_match(glob, id); });
}

}  // namespace

std::uint64_t result_seed(std::uint64_t run_seed, std::string_view result_id, std::string_view subject,
                          cases::Role role, Transport transport) {
  std::uint64_t hash = fnv1a(std::to_string(run_seed));
  hash = fnv1a(result_id, hash);
  hash = fnv1a(subject, hash);
  hash = fnv1a(cases::role_name(role), hash);
  return fnv1a(transport_name(transport), hash);
}

std::uint64_t run_seed(std::uint64_t result_seed, int run) {
  if (run <= 1) return result_seed;
  // splitmix64's finaliser: neighbouring run numbers give unrelated seeds.
  std::uint64_t z = result_seed + 0x9e3779b97f4a7c15ull * static_cast<std::uint64_t>(run);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::vector<PlannedResult> plan_results(const RunOptions& options, const cases::Catalogue& catalogue) {
  std::vector<PlannedResult> plan;
  for (const auto& instance : catalogue.cases) {
    if (!selected(options.filters, instance.result_id)) continue;
    for (const auto& subject : options.subjects) {
      for (const auto role : options.roles) {
        if (std::find(instance.roles.begin(), instance.roles.end(), role) == instance.roles.end()) continue;
        for (const auto transport : options.transports) {
          const auto& applies = instance.transports;
          if (std::find(applies.begin(), applies.end(), transport_name(transport)) == applies.end()) continue;
          // A server by URL speaks the transport its scheme names, no other.
          if (subject.url && subject_url_transport(subject) != transport) continue;
          plan.push_back({&instance, &subject, role, transport,
                          result_seed(options.seed, instance.result_id, subject.name, role, transport)});
        }
      }
    }
  }
  return plan;
}

std::filesystem::path baseline_path(const RunOptions& options, const SubjectSpec& subject) {
  return options.baselines_dir / (cases::subject_base_name(subject.name) + ".toml");
}

}  // namespace wsh::engine
