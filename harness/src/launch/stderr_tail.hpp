#pragma once
// The last bytes a subject wrote to stderr (a ring buffer) and how many it
// wrote in all. Stderr is where a crash, an assertion or a sanitizer explains
// itself, and it is usually the end that matters; a subject that floods
// stderr costs a fixed amount of memory.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::launch {

class StderrTail {
 public:
  explicit StderrTail(std::size_t capacity);

  void append(std::string_view bytes);

  // The last min(capacity, total_bytes()) bytes, oldest first. May start in
  // the middle of a line or of a UTF-8 sequence.
  std::string contents() const;
  std::uint64_t total_bytes() const { return total_bytes_; }
  std::size_t capacity() const { return buffer_.size(); }

 private:
  std::vector<char> buffer_;
  std::size_t next_ = 0;  // where the next byte goes
  std::size_t size_ = 0;  // bytes held, at most capacity
  std::uint64_t total_bytes_ = 0;
};

}  // namespace wsh::launch
