#include "launch/line_splitter.hpp"

#include <algorithm>

namespace wsh::launch {

LineSplitter::LineSplitter(std::size_t max_line_bytes, LineHandler on_line, OverlongHandler on_overlong)
    : max_line_bytes_(max_line_bytes), on_line_(std::move(on_line)), on_overlong_(std::move(on_overlong)) {}

void LineSplitter::feed(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto newline = bytes.find('\n');
    const auto piece = bytes.substr(0, newline);
    const auto room = max_line_bytes_ - std::min(max_line_bytes_, pending_.size());
    pending_.append(piece.substr(0, room));
    pending_total_ += piece.size();
    if (newline == std::string_view::npos) return;
    end_line();
    bytes.remove_prefix(newline + 1);
  }
}

void LineSplitter::finish() {
  if (pending_total_ > 0) end_line();
}

void LineSplitter::end_line() {
  if (pending_total_ > max_line_bytes_) {
    on_overlong_(pending_, pending_total_);
  } else {
    on_line_(pending_);
  }
  pending_.clear();
  pending_total_ = 0;
}

}  // namespace wsh::launch
