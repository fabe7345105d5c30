#pragma once
// When a subject gets the executor's extra workers (engine/executor.cpp):
// once its handler has not returned in kHangsBeforeLanes results, and those
// are at least half of its finished ones. Such a subject's results only
// wait, so many overlap on two cores. A subject that hangs in a few cases
// only (Beast's B3: 8 of 561) never qualifies: its other results are busy,
// and more of them at once would load the machine under every other result.

namespace wsh::engine {

inline constexpr int kHangLanes = 48;
inline constexpr int kHangsBeforeLanes = 16;

class HangTally {
 public:
  // Counts one finished result; true exactly once, when the subject has
  // just qualified for the extra workers.
  bool count(bool handler_never_returned) {
    ++finished_;
    if (handler_never_returned) ++hung_;
    if (laned_ || hung_ < kHangsBeforeLanes || 2 * hung_ < finished_) return false;
    laned_ = true;
    return true;
  }

 private:
  int finished_ = 0;
  int hung_ = 0;
  bool laned_ = false;
};

}  // namespace wsh::engine
