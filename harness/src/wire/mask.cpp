#include "wire/mask.hpp"

#include <cstring>

namespace wsh::wire {
namespace {

// Sixteen bytes as one value. GCC and clang lower this to SSE2 on x86-64
// and to NEON on ARM, and to pairs of scalar words elsewhere; plain 64-bit
// words would halve the throughput, since each XOR costs a store.
using Block16 = std::uint64_t __attribute__((vector_size(16)));

}  // namespace

void apply_mask(std::span<std::uint8_t> data, MaskKey key, std::size_t key_offset) {
  // Too short for one block: building the block pattern would cost more
  // than the XORs (pieces this small are common when reads are short).
  if (data.size() < 16) {
    for (std::size_t i = 0; i < data.size(); ++i) data[i] ^= key[(key_offset + i) % key.size()];
    return;
  }
  // Sixteen key octets, starting at the right phase. Sixteen is a multiple
  // of four, so the same block masks every 16-byte step of `data`. Loads and
  // stores go through memcpy: `data` need not be aligned, and the compiler
  // turns each memcpy into one unaligned move.
  std::uint8_t pattern_bytes[16];
  for (std::size_t j = 0; j < sizeof pattern_bytes; ++j) {
    pattern_bytes[j] = key[(key_offset + j) % key.size()];
  }
  Block16 pattern;
  std::memcpy(&pattern, pattern_bytes, sizeof pattern);

  std::uint8_t* const bytes = data.data();
  const std::size_t size = data.size();
  const auto mask_block_at = [bytes, pattern](std::size_t at) {
    Block16 block;
    std::memcpy(&block, bytes + at, sizeof block);
    block ^= pattern;
    std::memcpy(bytes + at, &block, sizeof block);
  };
  std::size_t i = 0;
  // Four independent blocks per iteration keep the load and store units busy.
  for (; i + 64 <= size; i += 64) {
    mask_block_at(i);
    mask_block_at(i + 16);
    mask_block_at(i + 32);
    mask_block_at(i + 48);
  }
  for (; i + 16 <= size; i += 16) mask_block_at(i);
  // i is a multiple of 16 here, so pattern_bytes[i % 16] has the right phase.
  for (; i < size; ++i) bytes[i] ^= pattern_bytes[i % sizeof pattern_bytes];
}

}  // namespace wsh::wire
