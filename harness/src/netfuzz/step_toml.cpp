#include "netfuzz/step_toml.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "cases/max_message.hpp"
#include "cases/step_handlers.hpp"
#include "cases/step_parser.hpp"
#include "wire/bytes.hpp"
#include "wire/close_payload.hpp"
#include "wire/opcode.hpp"

namespace wsh::netfuzz {
namespace {

constexpr cases::Millis kDefaultWithin{1000};  // the parser's default for within_ms

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

// Defined opcodes by name, reserved ones as numbers (the parser reads both).
void put_opcode(toml::table& table, std::string_view key, std::uint8_t opcode) {
  if (!wire::is_reserved(opcode)) table.insert_or_assign(key, std::string(wire::opcode_name(opcode)));
  else table.insert_or_assign(key, static_cast<std::int64_t>(opcode));
}

std::string max_message_offset(std::int64_t offset) {
  if (offset == 0) return "max_message";
  return fmt::format("max_message{}{}", offset > 0 ? "+" : "-", offset > 0 ? offset : -offset);
}

// Exactly one of payload / payload_hex / payload_size, as the parser wants it.
void put_payload(toml::table& table, const cases::Bytes& payload, std::optional<std::int64_t> from_max_message) {
  if (from_max_message) table.insert("payload_size", max_message_offset(*from_max_message));
  else if (payload.empty()) return;
  else if (is_pattern(payload)) table.insert("payload_size", static_cast<std::int64_t>(payload.size()));
  else if (is_plain_text(payload)) table.insert("payload", std::string(payload.begin(), payload.end()));
  else table.insert("payload_hex", wire::to_hex(payload));
}

void put_side(toml::table& table, std::string_view key, std::optional<cases::PairSide> side) {
  if (side) table.insert(key, std::string(cases::pair_side_name(*side)));
}

void put_within(toml::table& table, cases::Millis within) {
  if (within != kDefaultWithin) table.insert("within_ms", static_cast<std::int64_t>(within.count()));
}

toml::table send_table(const cases::SendStep& send) {
  toml::table table;
  put_opcode(table, "send", send.opcode);
  const auto& payload = send.payload;
  // A close payload with a code reads as code + reason; the parser rebuilds
  // exactly these bytes from them.
  if (send.opcode == 0x8 && payload.size() >= 2 && !send.size_from_max_message) {
    table.insert("code", static_cast<std::int64_t>((static_cast<unsigned>(payload[0]) << 8) | payload[1]));
    const cases::Bytes reason(payload.begin() + 2, payload.end());
    if (is_plain_text(reason)) {
      if (!reason.empty()) table.insert("reason", std::string(reason.begin(), reason.end()));
    } else {
      table.insert("reason_hex", wire::to_hex(reason));
    }
  } else if (!send.frame_size) {
    put_payload(table, payload, send.size_from_max_message);
  }
  if (!send.fin) table.insert("fin", false);
  if (send.rsv) table.insert("rsv", static_cast<std::int64_t>(send.rsv));
  switch (send.mask) {
    case cases::MaskMode::Auto: break;
    case cases::MaskMode::None: table.insert("mask", "none"); break;
    case cases::MaskMode::Random: table.insert("mask", "random"); break;
    case cases::MaskMode::Wrong: table.insert("mask", "wrong"); break;
    case cases::MaskMode::Fixed: table.insert("mask", wire::to_hex(send.mask_key)); break;
  }
  if (send.length == cases::LengthMode::Force16) table.insert("length", "16");
  if (send.length == cases::LengthMode::Force64) table.insert("length", "64");
  // Relative to the subject's limit wins: bind_max_message sets the length from it.
  if (send.declared_from_max_message)
    table.insert("declared_length", max_message_offset(*send.declared_from_max_message));
  else if (send.declared_length) table.insert("declared_length", static_cast<std::int64_t>(*send.declared_length));
  if (send.frame_size) table.insert("frame_size", static_cast<std::int64_t>(*send.frame_size));
  if (send.repeat != 1) table.insert("repeat", static_cast<std::int64_t>(send.repeat));
  if (send.one_write) table.insert("one_write", true);
  put_side(table, "to", send.to);
  return table;
}

toml::table fault_table(const cases::FaultStep& fault) {
  toml::table table;
  table.insert("fault", fault.name);
  for (const auto& [name, value] : fault.params)
    std::visit([&, &name = name](const auto& v) { table.insert(name, v); }, value);
  if (fault.direction) {
    switch (*fault.direction) {
      case cases::PairDirection::ToServer: table.insert("direction", "to_server"); break;
      case cases::PairDirection::ToClient: table.insert("direction", "to_client"); break;
      case cases::PairDirection::Both: table.insert("direction", "both"); break;
    }
  }
  return table;
}

toml::table handshake_table(const cases::HandshakeStep& handshake) {
  toml::table table;
  table.insert("handshake", true);
  if (!handshake.headers.empty()) {
    toml::table headers;
    for (const auto& [name, value] : handshake.headers) headers.insert_or_assign(name, value);
    headers.is_inline(true);
    table.insert("headers", std::move(headers));
  }
  if (!handshake.omit.empty()) {
    toml::array omit;
    for (const auto& field : handshake.omit) omit.push_back(field);
    table.insert("omit", std::move(omit));
  }
  if (handshake.version) table.insert("version", static_cast<std::int64_t>(*handshake.version));
  return table;
}

toml::table wait_frame_table(const cases::WaitFrameStep& wait) {
  // The parser always sets the opcode: a wait_frame without one was not read
  // from a case file and has no form there.
  if (!wait.opcode) throw std::invalid_argument("a wait_frame step without an opcode cannot be written as TOML");
  toml::table table;
  put_opcode(table, "wait_frame", *wait.opcode);
  if (!wait.codes.empty()) {
    toml::array codes;
    for (const auto code : wait.codes) codes.push_back(static_cast<std::int64_t>(code));
    table.insert("codes", std::move(codes));
  }
  if (wait.size_from_max_message) put_payload(table, {}, wait.size_from_max_message);
  else if (wait.payload && wait.payload->empty()) table.insert("payload", "");
  else if (wait.payload) put_payload(table, *wait.payload, std::nullopt);
  put_within(table, wait.within);
  put_side(table, "from", wait.from);
  return table;
}

toml::table wait_event_table(const cases::WaitEventStep& wait) {
  toml::table table;
  table.insert("wait_event", wait.event);
  if (wait.result) table.insert("result", *wait.result);
  put_within(table, wait.within);
  put_side(table, "subject", wait.subject);
  return table;
}

toml::table tcp_close_table(const cases::ExpectTcpCloseStep& expect) {
  toml::table table;
  switch (expect.kind) {
    case cases::TcpCloseKind::Any: table.insert("expect_tcp_close", "any"); break;
    case cases::TcpCloseKind::Fin: table.insert("expect_tcp_close", "fin"); break;
    case cases::TcpCloseKind::Rst: table.insert("expect_tcp_close", "rst"); break;
  }
  put_within(table, expect.within);
  put_side(table, "from", expect.from);
  return table;
}

toml::table millis_table(std::string_view verb, cases::Millis duration) {
  toml::table table;
  table.insert(verb, static_cast<std::int64_t>(duration.count()));
  return table;
}

}  // namespace

toml::table step_table(const cases::Step& step) {
  auto written = std::visit(
      cases::StepHandlers{
          [](const cases::HandshakeStep& handshake) { return handshake_table(handshake); },
          [](const cases::SendStep& send) { return send_table(send); },
          [](const cases::SendRawStep& raw) {
            toml::table table;
            table.insert("send_raw", wire::to_hex(raw.bytes));
            put_side(table, "to", raw.to);
            return table;
          },
          [](const cases::FaultStep& fault) { return fault_table(fault); },
          [](const cases::WaitFrameStep& wait) { return wait_frame_table(wait); },
          [](const cases::WaitEventStep& wait) { return wait_event_table(wait); },
          [](const cases::ExpectTcpCloseStep& expect) { return tcp_close_table(expect); },
          [](const cases::ExpectSilenceStep& silence) { return millis_table("expect_silence", silence.duration); },
          [](const cases::SleepStep& sleep) { return millis_table("sleep", sleep.duration); },
      },
      step);
  written.is_inline(true);
  return written;
}

std::string render_step(const cases::Step& step) { return cases::inline_table_text(step_table(step)); }

}  // namespace wsh::netfuzz
