// UTF-8 validation (every text message and close reason goes through it)
// against memchr, a scan that does about as little per byte as possible.

#include <benchmark/benchmark.h>

#include <cstring>
#include <string>

#include "wire/bytes.hpp"
#include "wire/utf8.hpp"

namespace wsh::bench {
namespace {

std::string ascii_text(std::size_t size) {
  std::string text;
  text.reserve(size);
  while (text.size() < size) text += "The quick brown fox jumps over the lazy dog. ";
  text.resize(size);
  return text;
}

// Latin, Greek, CJK and an emoji: 1-, 2-, 3- and 4-byte sequences, cut on a
// character boundary.
std::string mixed_text(std::size_t size) {
  const std::string piece =
      "caf\xc3\xa9 \xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5 \xe6\x97\xa5\xe6\x9c\xac "
      "\xf0\x9f\x98\x80 ";
  std::string text;
  while (text.size() + piece.size() <= size) text += piece;
  text += ascii_text(size - text.size());
  return text;
}

void validate(benchmark::State& state, const std::string& text) {
  const wire::ByteView bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  for (auto _ : state) {
    const bool valid = wire::is_valid_utf8(bytes);
    if (!valid) state.SkipWithError("the text is valid UTF-8; the validator said otherwise");
    benchmark::DoNotOptimize(valid);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_Utf8ValidateAscii(benchmark::State& state) {
  validate(state, ascii_text(static_cast<std::size_t>(state.range(0))));
}
void BM_Utf8ValidateMixed(benchmark::State& state) {
  validate(state, mixed_text(static_cast<std::size_t>(state.range(0))));
}

void BM_Memchr(benchmark::State& state) {
  const std::string text = ascii_text(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    const void* found = std::memchr(text.data(), '\xff', text.size());  // never there: a full scan
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

BENCHMARK(BM_Memchr)->Arg(125)->Arg(4096)->Arg(65536)->Arg(1 << 20);
BENCHMARK(BM_Utf8ValidateAscii)->Arg(125)->Arg(4096)->Arg(65536)->Arg(1 << 20);
BENCHMARK(BM_Utf8ValidateMixed)->Arg(125)->Arg(4096)->Arg(65536)->Arg(1 << 20);

}  // namespace
}  // namespace wsh::bench
