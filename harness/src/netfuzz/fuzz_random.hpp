#pragma once
// The fuzzer's randomness: one 64-bit generator per generated case, derived
// from the run seed and the case's index only, so case N of seed S is the
// same case whatever --jobs and whatever ran before it. Draws use plain
// modulo rather than <random> distributions, whose results differ between
// standard libraries; a seed must replay on any build.

#include <cstdint>
#include <random>
#include <vector>

namespace wsh::netfuzz {

// SplitMix64: spreads consecutive indices over the whole seed space.
inline std::uint64_t mix_seed(std::uint64_t run_seed, std::uint64_t index) {
  std::uint64_t z = run_seed + 0x9e3779b97f4a7c15ull * (index + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

class FuzzRandom {
 public:
  explicit FuzzRandom(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t next() { return engine_(); }
  // 0 <= result < n (0 when n is 0).
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(engine_() % n); }
  // lo <= result <= hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::size_t>(hi - lo) + 1));
  }
  bool percent(unsigned chance) { return below(100) < chance; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }
  std::uint8_t byte() { return static_cast<std::uint8_t>(engine_()); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace wsh::netfuzz
