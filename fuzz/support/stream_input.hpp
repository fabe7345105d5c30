#pragma once
// The input layout shared by the targets that feed a byte stream to a frame
// reader in pieces (fuzz_frame_decoder, fuzz_beast_frame, fuzz_httplib_frame),
// so one seed file serves all three and the seed exporter writes one format:
//
//   byte 0        options (see the accessors below)
//   byte 1        n: how many piece-size bytes follow (taken modulo 17)
//   n bytes       piece sizes, each value + 1 (1..256), used in a cycle;
//                 n = 0 delivers the whole stream as one piece
//   the rest      the byte stream itself
//
// A piece is what one read can return at most: a TCP segment, as it were.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace wsh::fuzz {

using InputBytes = std::span<const std::uint8_t>;

inline constexpr std::size_t kMaxPieceSizeBytes = 16;

struct StreamInput {
  std::uint8_t options = 0;
  InputBytes piece_sizes{};
  InputBytes stream{};

  // bit 0: the reading endpoint is a server (expects masked frames).
  bool reader_is_server() const { return (options & 0x01) != 0; }
  // bit 1: RSV bits allowed (an extension was negotiated).
  bool allow_rsv() const { return (options & 0x02) != 0; }
  // bit 2: tolerate non-minimal length encodings.
  bool lenient_length() const { return (options & 0x04) != 0; }
  // bit 3: check frame boundaries only.
  bool structure_only() const { return (options & 0x08) != 0; }
  // bits 4-5: which payload limit the reader applies.
  unsigned limit_selector() const { return (options >> 4) & 0x03; }
};

inline std::optional<StreamInput> parse_stream_input(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return std::nullopt;
  const InputBytes all(data, size);
  const std::size_t count = std::min<std::size_t>(all[1] % (kMaxPieceSizeBytes + 1), size - 2);
  return StreamInput{all[0], all.subspan(2, count), all.subspan(2 + count)};
}

// Walks the stream piece by piece, in the sizes the input chose.
class PieceCursor {
 public:
  PieceCursor(InputBytes stream, InputBytes piece_sizes) : stream_(stream), sizes_(piece_sizes) {}

  bool done() const { return offset_ == stream_.size(); }
  std::size_t offset() const { return offset_; }

  // The next piece, at most `limit` bytes of it (a reader asking for less
  // than a piece gets the rest of that piece on its next call).
  InputBytes next(std::size_t limit = SIZE_MAX) {
    if (left_in_piece_ == 0) left_in_piece_ = next_piece_size();
    const std::size_t n = std::min(std::min(limit, left_in_piece_), stream_.size() - offset_);
    const InputBytes piece = stream_.subspan(offset_, n);
    offset_ += n;
    left_in_piece_ -= n;
    return piece;
  }

 private:
  std::size_t next_piece_size() {
    if (sizes_.empty()) return stream_.size() - offset_;
    const std::size_t size = std::size_t{sizes_[index_]} + 1;
    if (++index_ == sizes_.size()) index_ = 0;  // no division per piece
    return size;
  }

  InputBytes stream_;
  InputBytes sizes_;
  std::size_t offset_ = 0;
  std::size_t index_ = 0;
  std::size_t left_in_piece_ = 0;
};

}  // namespace wsh::fuzz
