#pragma once
// The decoder configuration a stream input asks for (stream_input.hpp),
// shared by the targets that compare a reader with the harness's decoder.

#include <array>
#include <cstdint>

#include "support/stream_input.hpp"
#include "wire/frame_decoder.hpp"

namespace wsh::fuzz {

// The payload limits an input can choose: the default, none at all, the
// control-frame limit and the largest 16-bit length plus one, so every
// length encoding meets a limit at its edge.
inline constexpr std::array<std::uint64_t, 4> kPayloadLimits = {wire::kDefaultMaxPayload, 0, 125, 0x10000};

inline wire::DecoderConfig decoder_config(const StreamInput& input) {
  wire::DecoderConfig config{input.reader_is_server() ? wire::Role::Server : wire::Role::Client};
  config.max_payload = kPayloadLimits[input.limit_selector()];
  config.allow_rsv = input.allow_rsv();
  config.require_minimal_length = !input.lenient_length();
  config.structure_only = input.structure_only();
  return config;
}

}  // namespace wsh::fuzz
