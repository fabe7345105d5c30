#pragma once
// Counts disagreements between a subject's frame reader and the harness's
// decoder, by kind. A disagreement is a finding, not a crash: the target
// keeps fuzzing, prints the first input of each kind to stderr, and at exit
// prints one "mismatch-count" line per kind, which fuzz/nightly.sh collects
// into the summary.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "wire/bytes.hpp"

namespace wsh::fuzz {

class MismatchLog {
 public:
  static MismatchLog& instance() {
    static MismatchLog* log = [] {
      auto* created = new MismatchLog();  // never destroyed: it prints from atexit
      std::atexit([] { instance().print_counts(); });
      return created;
    }();
    return *log;
  }

  std::uint64_t count(const std::string& kind) const {
    const auto it = counts_.find(kind);
    return it == counts_.end() ? 0 : it->second;
  }

  void record(const char* target, const std::string& kind, const std::string& detail, wire::ByteView input) {
    target_ = target;
    if (counts_[kind]++ != 0) return;
    constexpr std::size_t kShownBytes = 64;
    const wire::ByteView shown = input.first(std::min(input.size(), kShownBytes));
    std::fprintf(stderr, "%s: mismatch %s (first of its kind): %s; input (%zu bytes): %s%s\n", target, kind.c_str(),
                 detail.c_str(), input.size(), wire::to_hex(shown).c_str(), input.size() > kShownBytes ? " ..." : "");
  }

 private:
  void print_counts() const {
    for (const auto& [kind, count] : counts_) {
      std::fprintf(stderr, "%s: mismatch-count %s %llu\n", target_.c_str(), kind.c_str(),
                   static_cast<unsigned long long>(count));
    }
  }

  std::string target_;
  std::map<std::string, std::uint64_t> counts_;
};

}  // namespace wsh::fuzz

// Defines the function through which replay_main.cpp's --expect-mismatch
// reads the counts; once in each target that records mismatches.
#define WSH_FUZZ_EXPORT_MISMATCH_COUNT()                               \
  extern "C" std::uint64_t wsh_fuzz_mismatch_count(const char* kind) { \
    return ::wsh::fuzz::MismatchLog::instance().count(kind);           \
  }
