#include "wire/opcode.hpp"

#include <array>

namespace wsh::wire {

namespace {

constexpr std::array<std::string_view, 16> kNames = {
    "continuation", "text", "binary", "reserved-0x3", "reserved-0x4", "reserved-0x5", "reserved-0x6", "reserved-0x7",
    "close",        "ping", "pong",   "reserved-0xb", "reserved-0xc", "reserved-0xd", "reserved-0xe", "reserved-0xf",
};

}  // namespace

std::string_view opcode_name(std::uint8_t opcode) {
  if (opcode >= kNames.size()) return "not-an-opcode";
  return kNames[opcode];
}

std::optional<std::uint8_t> opcode_from_name(std::string_view name) {
  for (std::uint8_t opcode = 0; opcode < kNames.size(); ++opcode)
    if (kNames[opcode] == name && !is_reserved(opcode)) return opcode;
  return std::nullopt;
}

}  // namespace wsh::wire
