#include "engine/work_queue.hpp"

#include <algorithm>

namespace wsh::engine {

WorkQueue::WorkQueue(const std::vector<std::size_t>& order, std::vector<bool> heavy, int heavy_slots)
    : is_heavy_(std::move(heavy)), free_slots_(std::max(1, heavy_slots)) {
  for (const auto index : order) (is_heavy_.at(index) ? heavy_ : light_).push_back(index);
}

std::optional<std::size_t> WorkQueue::take() {
  std::unique_lock lock(mutex_);
  while (true) {
    if (!heavy_.empty() && free_slots_ > 0) {
      --free_slots_;
      const auto index = heavy_.front();
      heavy_.pop_front();
      // Whoever waits for a slot while no light result is left must now
      // learn that there is nothing more to wait for.
      if (heavy_.empty()) changed_.notify_all();
      return index;
    }
    if (!light_.empty()) {
      const auto index = light_.front();
      light_.pop_front();
      return index;
    }
    if (heavy_.empty()) return std::nullopt;
    // Only heavy results are left and every slot is taken: a running heavy
    // result ends within its case's deadline and frees one, or the last
    // heavy one is taken by another worker.
    changed_.wait(lock);
  }
}

std::optional<std::size_t> WorkQueue::take_light_if(const std::function<bool(std::size_t)>& accept) {
  std::lock_guard lock(mutex_);
  const auto found = std::find_if(light_.begin(), light_.end(), accept);
  if (found == light_.end()) return std::nullopt;
  const auto index = *found;
  light_.erase(found);
  return index;
}

void WorkQueue::done(std::size_t index) {
  if (!is_heavy_.at(index)) return;
  {
    std::lock_guard lock(mutex_);
    ++free_slots_;
  }
  changed_.notify_one();
}

}  // namespace wsh::engine
