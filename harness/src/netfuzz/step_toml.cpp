#include "netfuzz/step_toml.hpp"

#include <fmt/format.h>

#include "cases/max_message.hpp"
#include "wire/bytes.hpp"
#include "wire/utf8.hpp"

namespace wsh::netfuzz {
namespace {

// The filler case files get from `payload_size`, long enough that writing
// the size is shorter than writing the bytes.
bool is_pattern(const cases::Bytes& payload) {
  return payload.size() >= 20 && payload == cases::filler_payload(payload.size());
}

bool is_plain_text(const cases::Bytes& bytes) {
  for (const auto byte : bytes)
    if (byte < 0x20 || byte > 0x7e || byte == '"' || byte == '\\') return false;
  return true;
}

std::string opcode_value(std::uint8_t opcode) {
  switch (opcode) {
    case 0x0: return "\"continuation\"";
    case 0x1: return "\"text\"";
    case 0x2: return "\"binary\"";
    case 0x8: return "\"close\"";
    case 0x9: return "\"ping\"";
    case 0xA: return "\"pong\"";
    default: return std::to_string(opcode);  // reserved opcodes as numbers
  }
}

std::string render_payload(const cases::SendStep& send) {
  const auto& payload = send.payload;
  // A close payload with a code reads as code + reason; the parser rebuilds
  // exactly these bytes from them.
  if (send.opcode == 0x8 && payload.size() >= 2) {
    const unsigned code = (static_cast<unsigned>(payload[0]) << 8) | payload[1];
    const cases::Bytes reason(payload.begin() + 2, payload.end());
    if (reason.empty()) return fmt::format(", code = {}", code);
    if (is_plain_text(reason))
      return fmt::format(", code = {}, reason = \"{}\"", code, std::string(reason.begin(), reason.end()));
    return fmt::format(", code = {}, reason_hex = \"{}\"", code, wire::to_hex(reason));
  }
  if (payload.empty()) return "";
  if (is_pattern(payload)) return fmt::format(", payload_size = {}", payload.size());
  if (is_plain_text(payload)) return fmt::format(", payload = \"{}\"", std::string(payload.begin(), payload.end()));
  return fmt::format(", payload_hex = \"{}\"", wire::to_hex(payload));
}

std::string render_send(const cases::SendStep& send) {
  std::string text = "{ send = " + opcode_value(send.opcode) + render_payload(send);
  if (!send.fin) text += ", fin = false";
  if (send.rsv) text += fmt::format(", rsv = {}", send.rsv);
  switch (send.mask) {
    case cases::MaskMode::Auto: break;
    case cases::MaskMode::None: text += ", mask = \"none\""; break;
    case cases::MaskMode::Random: text += ", mask = \"random\""; break;
    case cases::MaskMode::Wrong: text += ", mask = \"wrong\""; break;
    case cases::MaskMode::Fixed: text += fmt::format(", mask = \"{}\"", wire::to_hex(send.mask_key)); break;
  }
  if (send.length == cases::LengthMode::Force16) text += ", length = \"16\"";
  if (send.length == cases::LengthMode::Force64) text += ", length = \"64\"";
  if (send.declared_length) text += fmt::format(", declared_length = {}", *send.declared_length);
  if (send.repeat != 1) text += fmt::format(", repeat = {}", send.repeat);
  if (send.one_write) text += ", one_write = true";
  return text + " }";
}

std::string render_fault(const cases::FaultStep& fault) {
  std::string text = "{ fault = " + toml_string(fault.name);
  for (const auto& [name, value] : fault.params) {
    text += ", " + name + " = ";
    if (const auto* integer = std::get_if<std::int64_t>(&value)) text += std::to_string(*integer);
    else if (const auto* flag = std::get_if<bool>(&value)) text += *flag ? "true" : "false";
    else text += toml_string(std::get<std::string>(value));
  }
  return text + " }";
}

}  // namespace

std::string toml_string(std::string_view text) {
  // TOML text is UTF-8: valid UTF-8 stays as it is; otherwise every byte
  // above ASCII is escaped as the code point of the same number (lossy, but
  // the file loads and a reader sees which bytes they were).
  const bool utf8 = wire::is_valid_utf8(wire::to_bytes(text));
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') out += fmt::format("\\{}", c);
    else if (byte < 0x20 || byte == 0x7f || (byte >= 0x80 && !utf8)) out += fmt::format("\\u{:04X}", byte);
    else out += c;
  }
  return out + "\"";
}

std::string render_step(const cases::Step& step) {
  if (const auto* send = std::get_if<cases::SendStep>(&step)) return render_send(*send);
  if (const auto* raw = std::get_if<cases::SendRawStep>(&step))
    return fmt::format("{{ send_raw = \"{}\" }}", wire::to_hex(raw->bytes));
  if (const auto* fault = std::get_if<cases::FaultStep>(&step)) return render_fault(*fault);
  if (const auto* sleep = std::get_if<cases::SleepStep>(&step))
    return fmt::format("{{ sleep = {} }}", sleep->duration.count());
  return "{ sleep = 0 }";  // the fuzzer generates no other verb
}

}  // namespace wsh::netfuzz
