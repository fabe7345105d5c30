// A target that does nothing: the yardstick for exec/s. libFuzzer's own
// cost per input (mutation, coverage bookkeeping, sanitizer hooks) is all
// it measures, so fuzz_frame_decoder's exec/s over this one is the share
// left to the decoder (fuzz/README.md asks for >= 70 %).

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static_cast<void>(data);
  static_cast<void>(size);
  return 0;
}
