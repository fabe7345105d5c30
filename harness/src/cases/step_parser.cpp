#include "cases/step_parser.hpp"

#include <array>
#include <charconv>
#include <fmt/format.h>
#include <sstream>

#include "cases/frame_size.hpp"
#include "cases/max_message.hpp"
#include "cases/step_handlers.hpp"
#include "wire/bytes.hpp"
#include "wire/close_payload.hpp"
#include "wire/opcode.hpp"

namespace wsh::cases {
namespace {

constexpr std::array<std::string_view, 10> kVerbs = {"handshake",      "send",       "send_raw",   "chat",
                                                     "fault",          "wait_frame", "wait_event", "expect_tcp_close",
                                                     "expect_silence", "sleep"};

constexpr std::int64_t kMaxPayload = 64LL * 1024 * 1024;

// An opcode as a name ("close") or a 4-bit number (reserved ones included).
std::optional<std::uint8_t> read_opcode(TableReader& reader, const toml::node& value, std::string_view what) {
  if (reader.resolve(value).is_integer()) {  // a number, or "${p}" bound to one
    const auto number = reader.as_integer(value, what, 0, 15);
    if (!number) return std::nullopt;
    return static_cast<std::uint8_t>(*number);
  }
  const auto name = reader.as_string(value, what);
  if (!name) return std::nullopt;
  const auto opcode = wire::opcode_from_name(*name);
  if (!opcode)
    reader.error(
        value, fmt::format("{} must be continuation, text, binary, close, ping, pong or a number 0-15, not '{}'", what,
                           *name));
  return opcode;
}

std::optional<Bytes> read_hex(TableReader& reader, std::string_view key) {
  const auto* value = reader.node(key);
  if (!value) return std::nullopt;
  const auto text = reader.as_string(*value, fmt::format("'{}'", key));
  if (!text) return std::nullopt;
  auto bytes = wire::from_hex(*text);
  if (!bytes) reader.error(*value, fmt::format("'{}' must be hex bytes such as \"88 02 03 e8\"", key));
  return bytes;
}

// A payload as a case gives it: bytes, or a size relative to the subject's
// limit (made into bytes once the subject's hello is known).
struct ParsedPayload {
  Bytes bytes;
  std::optional<std::int64_t> from_max_message;
};

// "max_message", "max_message+N" or "max_message-N": the offset N (signed).
std::optional<std::int64_t> parse_limit_offset(std::string_view text) {
  constexpr std::string_view kLimit = "max_message";
  if (!text.starts_with(kLimit)) return std::nullopt;
  text.remove_prefix(kLimit.size());
  if (text.empty()) return 0;
  const char sign = text.front();
  text.remove_prefix(1);
  std::int64_t offset = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), offset);
  if ((sign != '+' && sign != '-') || text.empty() || text.front() == '-' || error != std::errc() ||
      end != text.data() + text.size() || offset > kMaxPayload)
    return std::nullopt;
  return sign == '-' ? -offset : offset;
}

// A length key (`payload_size`, `declared_length`): a number of bytes from
// 0 to `max`, or "max_message", "max_message+N", "max_message-N", relative to
// the subject's reported limit (§10.4 cases: at the limit, one past it).
struct LengthValue {
  std::uint64_t bytes = 0;
  std::optional<std::int64_t> from_max_message;
};

std::optional<LengthValue> read_length(TableReader& reader, const toml::node& value, std::string_view key,
                                       std::int64_t max) {
  const auto* text = value.as_string();
  if (text && !text->get().starts_with("${")) {
    const auto offset = parse_limit_offset(text->get());
    if (!offset) {
      reader.error(value, fmt::format("'{}' must be a number of bytes or \"max_message\", \"max_message+N\", "
                                      "\"max_message-N\"; not '{}'",
                                      key, text->get()));
      return std::nullopt;
    }
    return LengthValue{0, offset};
  }
  const auto bytes = reader.as_integer(value, fmt::format("'{}'", key), 0, max);
  if (!bytes) return std::nullopt;
  return LengthValue{static_cast<std::uint64_t>(*bytes), std::nullopt};
}

bool read_payload_size(TableReader& reader, ParsedPayload& payload) {
  const auto size = read_length(reader, *reader.node("payload_size"), "payload_size", kMaxPayload);
  if (!size) return false;
  payload.from_max_message = size->from_max_message;
  if (!size->from_max_message) payload.bytes = filler_payload(static_cast<std::size_t>(size->bytes));
  return true;
}

// `declared_length`: the payload length the header announces, whatever
// follows. False on an error.
bool read_declared_length(TableReader& reader, SendStep& step) {
  const auto* value = reader.node("declared_length");
  if (!value) return true;
  const auto declared = read_length(reader, *value, "declared_length", INT64_MAX);
  if (!declared) return false;
  if (declared->from_max_message) step.declared_from_max_message = declared->from_max_message;
  else step.declared_length = declared->bytes;
  return true;
}

// "A", "A-B", "A+B-C", ...: a sum of non-negative integers, so a case can
// say `frame_size = "${read_buffer}-${k}"`. nullopt when not of that form.
std::optional<std::int64_t> parse_integer_sum(std::string_view text) {
  std::int64_t total = 0;
  int sign = 1;
  while (true) {
    std::int64_t term = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), term);
    if (error != std::errc() || term < 0 || term > kMaxPayload) return std::nullopt;
    total += sign * term;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    if (text.empty()) return total;
    if (text.front() != '+' && text.front() != '-') return std::nullopt;
    sign = text.front() == '-' ? -1 : 1;
    text.remove_prefix(1);
  }
}

// `frame_size`: an integer, "${p}", or a sum such as "${read_buffer}-${k}".
// The smallest frame is 2 bytes (§5.2); the payload must also fit the masked
// (client) and the unmasked (server) header, since the role is known only
// when the case runs. False on an error.
bool read_frame_size(TableReader& reader, SendStep& step) {
  const auto* value = reader.node("frame_size");
  if (!value) return true;
  std::optional<std::int64_t> size;
  if (reader.resolve(*value).is_integer()) {
    size = reader.as_integer(*value, "'frame_size'", 0, kMaxPayload);
    if (!size) return false;
  } else {
    const auto text = reader.as_string(*value, "'frame_size'");
    if (!text) return false;
    size = parse_integer_sum(*text);
    if (!size) {
      reader.error(*value, fmt::format("'frame_size' must be a number of bytes or a sum such as "
                                       "\"${{read_buffer}}-${{k}}\"; not '{}'",
                                       *text));
      return false;
    }
  }
  for (const bool masked : {false, true}) {
    if (!filler_for_frame_size(static_cast<std::uint64_t>(*size), masked, step.length)) {
      reader.error(*value, fmt::format("no {} frame with {} length is exactly {} bytes on the wire",
                                       masked ? "masked" : "unmasked",
                                       step.length == LengthMode::Minimal ? "a minimal" : "a forced", *size));
      return false;
    }
  }
  step.frame_size = static_cast<std::uint64_t>(*size);
  return true;
}

// The payload of a frame, from exactly one of payload / payload_hex / payload_size.
std::optional<ParsedPayload> read_payload(TableReader& reader) {
  int given = 0;
  ParsedPayload parsed;
  Bytes& payload = parsed.bytes;
  if (reader.has("payload")) {
    ++given;
    if (auto text = reader.string("payload")) payload = wire::to_bytes(*text);
  }
  if (reader.has("payload_hex")) {
    ++given;
    if (auto bytes = read_hex(reader, "payload_hex")) payload = std::move(*bytes);
  }
  if (reader.has("payload_size")) {
    ++given;
    read_payload_size(reader, parsed);
  }
  reader.allow({"payload", "payload_hex", "payload_size"});
  if (given > 1) {
    reader.error_here("give only one of 'payload', 'payload_hex' and 'payload_size'");
    return std::nullopt;
  }
  return parsed;
}

Millis read_within(TableReader& reader, Millis fallback) {
  if (auto ms = reader.integer("within_ms", 0, kMaxMillis)) return Millis{*ms};
  return fallback;
}

// A pair key (`to`, `from`, `subject`): in a pair case it names the server
// or the client subject and is required unless `optional`; in any other
// case it is an error, since there is one subject. `ok` turns false on error.
std::optional<PairSide> read_side(TableReader& reader, std::string_view key, bool pair, bool optional, bool& ok) {
  const auto* value = reader.node(key);
  if (!pair) {
    if (value) {
      reader.error(*value,
                   fmt::format("'{}' is only for pair cases (roles = [\"pair\"]), where two subjects run", key));
      ok = false;
    }
    return std::nullopt;
  }
  if (!value) {
    if (!optional) {
      reader.error_here(fmt::format("a pair case names the subject: add {} = \"server\" or \"client\"", key));
      ok = false;
    }
    return std::nullopt;
  }
  const auto text = reader.as_string(*value, fmt::format("'{}'", key));
  if (text == "server") return PairSide::Server;
  if (text == "client") return PairSide::Client;
  if (text) reader.error(*value, fmt::format("'{}' must be \"server\" or \"client\", not '{}'", key, *text));
  ok = false;
  return std::nullopt;
}

std::optional<Step> parse_send(TableReader& reader, const toml::node& verb_value) {
  SendStep step;
  const auto opcode = read_opcode(reader, verb_value, "'send'");
  if (!opcode) return std::nullopt;
  step.opcode = *opcode;

  // A close frame may be described by its code and reason instead of raw bytes.
  const bool close_fields = reader.has("code") || reader.has("reason") || reader.has("reason_hex");
  reader.allow({"code", "reason", "reason_hex"});
  if (close_fields) {
    if (step.opcode != 0x8) {
      reader.error_here("'code', 'reason' and 'reason_hex' are for close frames (send = \"close\")");
      return std::nullopt;
    }
    if (reader.has("payload") || reader.has("payload_hex") || reader.has("payload_size")) {
      reader.error_here("a close frame takes either code/reason or payload*, not both");
      return std::nullopt;
    }
    std::optional<CloseCode> code;
    if (auto number = reader.integer("code", 0, 65535)) code = static_cast<CloseCode>(*number);
    std::string reason;
    if (auto text = reader.string("reason")) reason = *text;
    if (auto bytes = read_hex(reader, "reason_hex")) reason.assign(bytes->begin(), bytes->end());
    step.payload = wire::build_close_payload(code, reason);
  } else {
    auto payload = read_payload(reader);
    if (!payload) return std::nullopt;
    step.payload = std::move(payload->bytes);
    step.size_from_max_message = payload->from_max_message;
  }

  if (auto fin = reader.boolean("fin")) step.fin = *fin;
  if (auto rsv = reader.integer("rsv", 0, 7)) step.rsv = static_cast<std::uint8_t>(*rsv);
  if (const auto* mask = reader.node("mask")) {
    const auto text = reader.as_string(*mask, "'mask'");
    if (text == "auto") step.mask = MaskMode::Auto;
    else if (text == "none") step.mask = MaskMode::None;
    else if (text == "random") step.mask = MaskMode::Random;
    else if (text == "wrong") step.mask = MaskMode::Wrong;
    else if (text) {
      const auto key = wire::from_hex(*text);
      if (!key || key->size() != 4) {
        reader.error(
            *mask,
            "'mask' must be \"auto\", \"none\", \"random\", \"wrong\" or a 4-byte hex key such as \"37 fa 21 3d\"");
        return std::nullopt;
      }
      step.mask = MaskMode::Fixed;
      std::copy(key->begin(), key->end(), step.mask_key.begin());
    }
  }
  if (const auto* length = reader.node("length")) {
    const auto text = reader.as_string(*length, "'length'");
    if (text == "minimal") step.length = LengthMode::Minimal;
    else if (text == "16") step.length = LengthMode::Force16;
    else if (text == "64") step.length = LengthMode::Force64;
    else if (text) reader.error(*length, "'length' must be \"minimal\", \"16\" or \"64\"");
  }
  if (!read_declared_length(reader, step)) return std::nullopt;
  if (reader.has("frame_size") && (reader.has("payload") || reader.has("payload_hex") || reader.has("payload_size") ||
                                   close_fields || reader.has("declared_length"))) {
    reader.error_here("'frame_size' sizes the payload itself: give no payload*, code, reason or declared_length");
    return std::nullopt;
  }
  if (!read_frame_size(reader, step)) return std::nullopt;
  if (auto repeat = reader.integer("repeat", 1, 100000)) step.repeat = static_cast<int>(*repeat);
  if (auto one_write = reader.boolean("one_write")) step.one_write = *one_write;
  return step;
}

std::optional<Step> parse_fault(TableReader& reader, const toml::node& verb_value, const toml::table& table,
                                const FaultValidator& validate) {
  FaultStep step;
  const auto name = reader.as_string(verb_value, "'fault'");
  if (!name) return std::nullopt;
  step.name = *name;
  // Every other key is a parameter of the fault; the registry judges them.
  for (const auto& [key, value] : table) {
    if (key.str() == "fault" || key.str() == "direction") continue;
    reader.allow({key.str()});
    const auto what = fmt::format("parameter '{}' of fault '{}'", key.str(), step.name);
    // A "${p}" parameter takes the type of the matrix value bound to p.
    const toml::node& resolved = reader.resolve(value);
    if (resolved.is_integer()) {
      if (auto number = reader.as_integer(value, what, INT64_MIN, INT64_MAX))
        step.params[std::string(key.str())] = *number;
    } else if (resolved.is_boolean()) {
      if (auto flag = reader.as_boolean(value, what)) step.params[std::string(key.str())] = *flag;
    } else if (resolved.is_string()) {
      if (auto text = reader.as_string(value, what)) step.params[std::string(key.str())] = *text;
    } else {
      reader.error(value, fmt::format("{} must be an integer, a string or a boolean", what));
    }
  }
  if (validate) {
    if (auto problem = validate(step)) {
      reader.error(verb_value, *problem);
      return std::nullopt;
    }
  }
  return step;
}

std::optional<Step> parse_wait_frame(TableReader& reader, const toml::node& verb_value) {
  WaitFrameStep step;
  const auto opcode = read_opcode(reader, verb_value, "'wait_frame'");
  if (!opcode) return std::nullopt;
  step.opcode = *opcode;
  if (auto codes = reader.integers("codes", 0, 65535))
    for (auto code : *codes) step.codes.push_back(static_cast<CloseCode>(code));
  if (reader.has("payload") || reader.has("payload_hex") || reader.has("payload_size")) {
    if (auto payload = read_payload(reader)) {
      step.payload = std::move(payload->bytes);
      step.size_from_max_message = payload->from_max_message;
    }
  }
  reader.allow({"payload", "payload_hex", "payload_size"});
  step.within = read_within(reader, step.within);
  return step;
}

std::optional<Step> parse_wait_event(TableReader& reader, const toml::node& verb_value) {
  static constexpr std::array<std::string_view, 6> kEvents = {"open",    "read",      "close_called",
                                                              "cleanup", "spam_done", "exit"};
  WaitEventStep step;
  const auto event = reader.as_string(verb_value, "'wait_event'");
  if (!event) return std::nullopt;
  if (std::find(kEvents.begin(), kEvents.end(), *event) == kEvents.end()) {
    reader.error(verb_value,
                 fmt::format("'wait_event' must be one of open, read, close_called, cleanup, spam_done, exit; not '{}'",
                             *event));
    return std::nullopt;
  }
  step.event = *event;
  if (const auto* result = reader.node("result")) {
    const auto text = reader.as_string(*result, "'result'");
    if (text != "text" && text != "binary" && text != "fail" && text != "timeout") {
      reader.error(*result, "'result' must be text, binary, fail or timeout");
      return std::nullopt;
    }
    step.result = *text;
  }
  step.within = read_within(reader, step.within);
  return step;
}

std::optional<Step> parse_verb(std::string_view verb, TableReader& reader, const toml::node& value,
                               const toml::table& table, const FaultValidator& validate_fault) {
  if (verb == "handshake") {
    HandshakeStep step;
    if (!reader.as_boolean(value, "'handshake'")) return std::nullopt;
    if (const auto* headers = reader.table("headers")) {
      for (const auto& [name, header_value] : *headers) {
        if (auto text = reader.as_string(header_value, fmt::format("header '{}'", name.str())))
          step.headers.emplace_back(std::string(name.str()), *text);
      }
    }
    if (auto omit = reader.strings("omit")) {
      for (const auto& field : *omit) {
        if (field != "upgrade" && field != "connection" && field != "key" && field != "version") {
          reader.error_here(fmt::format("'omit' takes upgrade, connection, key or version, not '{}'", field));
          return std::nullopt;
        }
      }
      step.omit = *omit;
    }
    if (auto version = reader.integer("version", 0, 255)) step.version = static_cast<int>(*version);
    return step;
  }
  if (verb == "send") return parse_send(reader, value);
  if (verb == "chat") {
    SendStep step;
    if (auto text = reader.as_string(value, "'chat'")) step.payload = wire::to_bytes(*text);
    else return std::nullopt;
    return step;
  }
  if (verb == "send_raw") {
    const auto text = reader.as_string(value, "'send_raw'");
    if (!text) return std::nullopt;
    auto bytes = wire::from_hex(*text);
    if (!bytes) {
      reader.error(value, "'send_raw' must be hex bytes such as \"88 02 03 e8\"");
      return std::nullopt;
    }
    return SendRawStep{std::move(*bytes), std::nullopt};
  }
  if (verb == "fault") return parse_fault(reader, value, table, validate_fault);
  if (verb == "wait_frame") return parse_wait_frame(reader, value);
  if (verb == "wait_event") return parse_wait_event(reader, value);
  if (verb == "expect_tcp_close") {
    ExpectTcpCloseStep step;
    const auto kind = reader.as_string(value, "'expect_tcp_close'");
    if (kind == "any") step.kind = TcpCloseKind::Any;
    else if (kind == "fin") step.kind = TcpCloseKind::Fin;
    else if (kind == "rst") step.kind = TcpCloseKind::Rst;
    else {
      if (kind) reader.error(value, "'expect_tcp_close' must be \"fin\", \"rst\" or \"any\"");
      return std::nullopt;
    }
    step.within = read_within(reader, step.within);
    return step;
  }
  if (verb == "expect_silence") {
    const auto ms = reader.as_integer(value, "'expect_silence' (milliseconds)", 1, kMaxMillis);
    if (!ms) return std::nullopt;
    return ExpectSilenceStep{Millis{*ms}};
  }
  if (verb == "sleep") {
    const auto ms = reader.as_integer(value, "'sleep' (milliseconds)", 0, kMaxMillis);
    if (!ms) return std::nullopt;
    return SleepStep{Millis{*ms}};
  }
  return std::nullopt;
}

// A fault's `direction`: required in a pair case, refused elsewhere.
bool read_direction(FaultStep& fault, TableReader& reader, bool pair) {
  const auto* value = reader.node("direction");
  if (!pair && value) {
    reader.error(*value,
                 "'direction' is only for pair cases (roles = [\"pair\"]): the proxy applies a fault to_server, "
                 "to_client or both; a scripted peer applies it to what it sends");
    return false;
  }
  if (pair && !value) {
    reader.error_here("a fault in a pair case needs direction = \"to_server\", \"to_client\" or \"both\"");
    return false;
  }
  if (!value) return true;
  const auto text = reader.as_string(*value, "'direction'");
  if (text == "to_server") fault.direction = PairDirection::ToServer;
  else if (text == "to_client") fault.direction = PairDirection::ToClient;
  else if (text == "both") fault.direction = PairDirection::Both;
  else {
    if (text)
      reader.error(*value,
                   fmt::format("'direction' must be \"to_server\", \"to_client\" or \"both\", not '{}'", *text));
    return false;
  }
  return true;
}

// Reads the pair keys of `step` (see read_side); false on error. Each kind
// names the keys it takes, so a new kind must say which (StepHandlers).
bool read_pair_keys(Step& step, TableReader& reader, bool pair) {
  bool ok = true;
  std::visit(StepHandlers{
                 [&](SendStep& send) { send.to = read_side(reader, "to", pair, false, ok); },
                 [&](SendRawStep& raw) { raw.to = read_side(reader, "to", pair, false, ok); },
                 [&](WaitFrameStep& wait) { wait.from = read_side(reader, "from", pair, false, ok); },
                 [&](WaitEventStep& event) { event.subject = read_side(reader, "subject", pair, false, ok); },
                 [&](ExpectTcpCloseStep& tcp) { tcp.from = read_side(reader, "from", pair, true, ok); },
                 [&](FaultStep& fault) { ok = read_direction(fault, reader, pair); },
                 [&](HandshakeStep&) {
                   if (!pair) return;
                   reader.error_here(
                       "a pair case has no handshake step: the two subjects shake hands with each "
                       "other through the proxy");
                   ok = false;
                 },
                 // Neither names a subject or a direction: the same in every topology.
                 [](ExpectSilenceStep&) {},
                 [](SleepStep&) {},
             },
             step);
  return ok;
}

// `on`: which connections of a multi-connection case run the step.
std::optional<StepScope> read_scope(TableReader& reader, bool fleet_all) {
  const auto* value = reader.node("on");
  if (!value) return StepScope::Every;
  if (!fleet_all) {
    reader.error(*value,
                 "'on' is only for cases that run many connections at once (connections = N, "
                 "concurrency = \"all\")");
    return std::nullopt;
  }
  const auto text = reader.as_string(*value, "'on'");
  if (text == "every") return StepScope::Every;
  if (text == "first") return StepScope::First;
  if (text) reader.error(*value, fmt::format("'on' must be \"every\" or \"first\", not '{}'", *text));
  return std::nullopt;
}

}  // namespace

std::string inline_table_text(const toml::table& table) {
  std::ostringstream out;
  out << toml::default_formatter{table, toml::format_flags::none};
  std::string text = out.str();
  for (auto& c : text)
    if (c == '\n') c = ' ';
  return text;
}

std::string_view pair_side_name(PairSide side) { return side == PairSide::Server ? "server" : "client"; }

std::optional<LocatedStep> parse_step(const toml::node& entry, const std::string& file, const Bindings& bindings,
                                      const FaultValidator& validate_fault, LoadErrors& errors, StepContext context) {
  const bool pair = context.pair;
  const auto* table = entry.as_table();
  if (!table) {
    errors.push_back({location_of(entry, file),
                      "each step must be an inline table such as { send = \"text\", payload = \"Hello\" }"});
    return std::nullopt;
  }
  std::vector<std::string_view> verbs;
  for (const auto& [key, value] : *table)
    if (std::find(kVerbs.begin(), kVerbs.end(), key.str()) != kVerbs.end()) verbs.push_back(key.str());
  if (verbs.size() != 1) {
    std::string list;
    for (auto verb : kVerbs) list += (list.empty() ? "" : ", ") + std::string(verb);
    errors.push_back(
        {location_of(entry, file), verbs.empty() ? fmt::format("a step needs one verb: {}", list)
                                                 : fmt::format("a step has one verb, this one has {}", verbs.size())});
    return std::nullopt;
  }
  const std::string verb(verbs.front());
  const auto before = errors.size();
  TableReader reader(*table, file, bindings, errors, fmt::format("step '{}'", verb));
  const auto* value = reader.node(verb);
  auto step = parse_verb(verb, reader, *value, *table, validate_fault);
  if (step && !read_pair_keys(*step, reader, pair)) step.reset();
  const auto scope = read_scope(reader, context.fleet_all);
  if (step && (context.pair || context.fleet) && sized_by_max_message(*step))
    reader.error_here(
        "a payload sized by the subject's max_message is for single-connection cases, "
        "not pair or 'connections' cases");
  reader.reject_unknown_keys();
  if (!step || !scope || errors.size() != before) return std::nullopt;
  return LocatedStep{std::move(*step), location_of(entry, file), inline_table_text(*table), *scope};
}

}  // namespace wsh::cases
