#include "launch/stderr_tail.hpp"

#include <algorithm>

namespace wsh::launch {

StderrTail::StderrTail(std::size_t capacity) : buffer_(capacity) {}

void StderrTail::append(std::string_view bytes) {
  total_bytes_ += bytes.size();
  const std::size_t capacity = buffer_.size();
  if (capacity == 0) return;
  if (bytes.size() >= capacity) {
    // Only the last `capacity` bytes can survive.
    bytes.remove_prefix(bytes.size() - capacity);
    std::copy(bytes.begin(), bytes.end(), buffer_.begin());
    next_ = 0;
    size_ = capacity;
    return;
  }
  const std::size_t first = std::min(bytes.size(), capacity - next_);
  std::copy_n(bytes.begin(), first, buffer_.begin() + static_cast<std::ptrdiff_t>(next_));
  std::copy(bytes.begin() + static_cast<std::ptrdiff_t>(first), bytes.end(), buffer_.begin());
  next_ = (next_ + bytes.size()) % capacity;
  size_ = std::min(capacity, size_ + bytes.size());
}

std::string StderrTail::contents() const {
  if (size_ == 0) return {};
  const std::size_t capacity = buffer_.size();
  const std::size_t start = (next_ + capacity - size_) % capacity;
  const std::size_t first = std::min(size_, capacity - start);
  std::string out(buffer_.data() + start, first);
  out.append(buffer_.data(), size_ - first);
  return out;
}

}  // namespace wsh::launch
