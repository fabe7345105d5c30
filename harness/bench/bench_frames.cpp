#include "bench_frames.hpp"

#include "wire/frame_encoder.hpp"

namespace wsh::bench {

wire::Bytes pattern_payload(std::size_t size) {
  wire::Bytes payload(size);
  for (std::size_t i = 0; i < size; ++i) payload[i] = static_cast<std::uint8_t>((i * 131 + 7) % 251);
  return payload;
}

wire::Bytes masked_binary_frame(wire::ByteView payload) {
  wire::EncodeOptions options;
  options.mask = wire::MaskKey{0x37, 0xfa, 0x21, 0x3d};
  return wire::encode_frame(wire::Opcode::Binary, payload, options);
}

void frame_sizes(benchmark::internal::Benchmark* benchmark) {
  benchmark->Arg(125)->Arg(4096)->Arg(65536)->Arg(1 << 20);
}

}  // namespace wsh::bench
