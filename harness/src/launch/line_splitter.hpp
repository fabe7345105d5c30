#pragma once
// Splits a byte stream into '\n'-terminated lines while holding at most
// `max_line_bytes` of any one line: a subject that writes a 1 GB line costs
// the harness max_line_bytes, not 1 GB.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace wsh::launch {

class LineSplitter {
 public:
  // A complete line, without its '\n'.
  using LineHandler = std::function<void(std::string_view line)>;
  // A line longer than the bound: its first max_line_bytes bytes and its full
  // length, delivered once its '\n' (or the end of the stream) arrives.
  using OverlongHandler = std::function<void(std::string_view head, std::size_t total_bytes)>;

  LineSplitter(std::size_t max_line_bytes, LineHandler on_line, OverlongHandler on_overlong);

  void feed(std::string_view bytes);
  // End of stream: an unterminated last line is delivered as a line.
  void finish();

 private:
  void end_line();

  std::size_t max_line_bytes_;
  LineHandler on_line_;
  OverlongHandler on_overlong_;
  std::string pending_;            // the current line so far, at most max_line_bytes_
  std::size_t pending_total_ = 0;  // its full length, including bytes not kept
};

}  // namespace wsh::launch
