#pragma once
// The executor's queue of results, in start order, that lets at most a few
// CPU-heavy results run at once.
//
// Most results wait on sockets, so many run side by side on two cores. A few
// move megabytes (a 16 MiB message masked, sent, validated and echoed): eight
// of those at once share the cores eight ways, each takes four times as long,
// and a subject's idle timeout or a case's own bound starts deciding the
// verdict (frames.size-limit.at closed with 1001 at a load of 14). Capping the
// heavy ones at one per core keeps their timing what the case assumes, while
// the other workers go on with light results.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace wsh::engine {

class WorkQueue {
 public:
  // `order`: plan indices in the order to start them; `heavy[i]`: whether
  // plan index i is CPU-heavy; `heavy_slots`: how many heavy ones may run at
  // once (at least 1).
  WorkQueue(const std::vector<std::size_t>& order, std::vector<bool> heavy, int heavy_slots);

  // The next plan index to run, or nullopt when none is left. A heavy result
  // is taken when a slot is free, else the next light one; with only heavy
  // results left, waits until a running one is done().
  std::optional<std::size_t> take();

  // The first light result `accept` takes, or nullopt when none is left
  // (heavy ones are left to take()). For the executor's extra workers.
  std::optional<std::size_t> take_light_if(const std::function<bool(std::size_t)>& accept);

  // Every index take() gave is handed back here when its result is finished.
  void done(std::size_t index);

 private:
  std::mutex mutex_;
  std::condition_variable changed_;  // a slot freed, or no heavy result left
  std::deque<std::size_t> heavy_;
  std::deque<std::size_t> light_;
  std::vector<bool> is_heavy_;
  int free_slots_;
};

}  // namespace wsh::engine
