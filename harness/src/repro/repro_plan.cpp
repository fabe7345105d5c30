#include "repro/repro_plan.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "cases/max_message.hpp"
#include "wire/frame_encoder.hpp"
#include "wire/opcode.hpp"

namespace wsh::repro {
namespace {

using nlohmann::json;
using Kind = ReplayAction::Kind;

// The masking key for frames the report kept without their bytes: the
// example key of RFC 6455 §5.7. Any key unmasks to the same payload.
constexpr wire::MaskKey kStandInKey = {0x37, 0xfa, 0x21, 0x3d};

std::string text_of(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::int64_t at_of(const json& record) { return record.value("at_us", std::int64_t{0}); }

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

std::optional<std::uint8_t> opcode_by_name(std::string_view name) {
  for (unsigned code = 0; code < 16; ++code)
    if (wire::opcode_name(static_cast<std::uint8_t>(code)) == name) return static_cast<std::uint8_t>(code);
  return std::nullopt;
}

// The wire size of a frame's header, read from its first bytes; nullopt when
// fewer bytes than the header are known.
std::optional<std::size_t> header_size(wire::ByteView bytes) {
  if (bytes.size() < 2) return std::nullopt;
  std::size_t size = 2;
  const unsigned length = bytes[1] & 0x7F;
  if (length == 126) size += 2;
  if (length == 127) size += 8;
  if (bytes[1] & 0x80) size += 4;
  if (bytes.size() < size) return std::nullopt;
  return size;
}

// A frame whose report hex stops at a cap (a large message): its payload is
// rebuilt as the case file's filler pattern (`payload_size`), masked with the
// recorded key, and kept only when it agrees with every recorded byte.
std::optional<wire::Bytes> rebuild_capped_frame(const wire::Bytes& head, std::size_t total) {
  const auto header = header_size(head);
  if (!header || total < *header) return std::nullopt;
  wire::Bytes bytes(head.begin(), head.begin() + static_cast<std::ptrdiff_t>(*header));
  const auto filler = cases::filler_payload(total - *header);
  const bool masked = (head[1] & 0x80) != 0;
  for (std::size_t i = 0; i < filler.size(); ++i)
    bytes.push_back(masked ? static_cast<std::uint8_t>(filler[i] ^ head[*header - 4 + i % 4]) : filler[i]);
  if (!std::equal(head.begin(), head.end(), bytes.begin())) return std::nullopt;
  return bytes;
}

// A frame the report kept as decoded fields only (the frames of a
// pipelined `one_write`), encoded again. Exact for the header and for the
// payloads the report holds whole; the mask key is a stand-in.
wire::Bytes rebuild_from_fields(const json& record, std::vector<std::string>& inexact) {
  const auto opcode = opcode_by_name(text_of(record, "opcode")).value_or(1);
  const auto length = record.value("length", std::size_t{0});
  wire::Bytes payload;
  if (opcode == static_cast<std::uint8_t>(wire::Opcode::Close) && record.contains("close_code")) {
    const int code = record.value("close_code", 0);
    payload = {static_cast<std::uint8_t>(code >> 8), static_cast<std::uint8_t>(code & 0xFF)};
    const auto reason = text_of(record, "close_reason");
    payload.insert(payload.end(), reason.begin(), reason.end());
  } else if (record.contains("payload_text")) {
    const auto text = text_of(record, "payload_text");
    payload.assign(text.begin(), text.end());
  }
  if (payload.size() != length) {
    inexact.push_back(
        fmt::format("a {}-byte {} frame of a pipelined write: the report keeps neither its bytes nor "
                    "its whole payload, so it is sent with the case files' filler pattern",
                    length, wire::opcode_name(opcode)));
    payload = cases::filler_payload(length);
  }
  wire::EncodeOptions options;
  options.fin = record.value("fin", true);
  options.rsv = static_cast<std::uint8_t>(record.value("rsv", 0));
  if (record.value("masked", false)) options.mask = kStandInKey;
  wire::Bytes bytes;
  wire::append_frame(bytes, opcode, payload, options);
  return bytes;
}

std::string describe_sent(const json& record) {
  std::string text = text_of(record, "kind") == "raw" ? "raw bytes" : text_of(record, "opcode");
  if (record.contains("fin")) text += fmt::format(" fin={}", record.value("fin", true) ? 1 : 0);
  if (record.value("rsv", 0) != 0) text += fmt::format(" rsv={}", record.value("rsv", 0));
  if (record.value("masked", false)) text += " masked";
  if (record.contains("length")) text += fmt::format(" len={}", record.value("length", std::size_t{0}));
  if (record.contains("close_code")) text += fmt::format(" code={}", record.value("close_code", 0));
  return text;
}

// "chop{delay_ms=5, size=1}" (engine/connection_channel.cpp) -> name, params.
std::pair<std::string, std::vector<std::pair<std::string, std::string>>> parse_fault(std::string_view text) {
  const auto brace = text.find('{');
  std::pair<std::string, std::vector<std::pair<std::string, std::string>>> out{std::string(text.substr(0, brace)), {}};
  if (brace == std::string_view::npos) return out;
  auto rest = text.substr(brace + 1);
  if (!rest.empty() && rest.back() == '}') rest.remove_suffix(1);
  while (!rest.empty()) {
    const auto comma = rest.find(", ");
    const auto item = rest.substr(0, comma);
    const auto equals = item.find('=');
    if (equals != std::string_view::npos)
      out.second.emplace_back(std::string(item.substr(0, equals)), std::string(item.substr(equals + 1)));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 2);
  }
  return out;
}

int int_param(const std::vector<std::pair<std::string, std::string>>& params, std::string_view name, int fallback) {
  for (const auto& [key, value] : params)
    if (key == name) return std::atoi(value.c_str());
  return fallback;
}

// The harness's TCP closes are notes of the scripted peer
// (peer/scripted_peer.cpp), matched by their opening words.
std::optional<ReplayAction> close_from_note(std::string_view text) {
  ReplayAction action;
  action.kind = Kind::Close;
  if (starts_with(text, "closing handshake complete: the harness (the server) closes TCP")) {
    action.what = "the closing handshake is complete and this program is the server: it closes TCP first (7.1.1)";
    action.marks_peer_close = true;
  } else if (starts_with(text, "closing handshake complete and the subject (the server) closed TCP")) {
    action.what = "the subject (the server) closed TCP after the closing handshake: this program closes its side";
  } else if (starts_with(text, "end of case: the harness closes TCP")) {
    action.what = "end of the recorded case: the harness closed TCP here";
  } else {
    return std::nullopt;
  }
  return action;
}

class TranscriptReader {
 public:
  TranscriptReader(ReproPlan& plan, bool subject_is_server) : plan_(plan), subject_is_server_(subject_is_server) {}

  void read(const json& transcript) {
    for (const auto& record : transcript) {
      if (!record.is_object()) continue;
      if (text_of(record, "dir") == "to_subject") to_subject(record);
      else from_subject(record);
      plan_.end_us = std::max(plan_.end_us, at_of(record));
    }
    flush_batch();
  }

 private:
  void from_subject(const json& record) {
    const auto kind = text_of(record, "kind");
    const auto text = text_of(record, "text");
    if (kind == "frame") {
      RecordedFrame frame{text_of(record, "opcode"), std::nullopt, at_of(record)};
      if (record.contains("close_code") && record["close_code"].is_number_integer())
        frame.close_code = record["close_code"].get<int>();
      plan_.subject_frames.push_back(std::move(frame));
    } else if (kind == "fin" || kind == "rst") {
      subject_ended_ = true;
    } else if (kind == "note" && subject_is_server_ && starts_with(text, "HTTP/") && plan_.handshake_at_us == 0) {
      plan_.handshake_at_us = at_of(record);
    }
  }

  void to_subject(const json& record) {
    const auto kind = text_of(record, "kind");
    const auto text = text_of(record, "text");
    if (kind == "note") {
      if (subject_is_server_ && starts_with(text, "GET ") && plan_.request.empty()) {
        plan_.request.assign(text.begin(), text.end());
      } else if (!subject_is_server_ && starts_with(text, "HTTP/") && plan_.response.empty()) {
        plan_.response.assign(text.begin(), text.end());
        plan_.handshake_at_us = at_of(record);
      } else if (starts_with(text, "the ") && text.find("frames above went out in one write") != std::string::npos) {
        flush_batch();
      } else if (auto close = close_from_note(text)) {
        flush_batch();
        add(record, std::move(*close));
      }
      return;
    }
    if (kind == "frame" || kind == "raw") {
      if (!record.contains("hex")) {
        // One of a pipelined write's frames: the write itself follows its note.
        if (batch_.empty()) batch_at_ = at_of(record);
        const auto bytes = rebuild_from_fields(record, plan_.inexact);
        batch_.insert(batch_.end(), bytes.begin(), bytes.end());
        batch_what_ += (batch_what_.empty() ? "" : " + ") + describe_sent(record);
        batch_masked_ = batch_masked_ || record.value("masked", false);
        return;
      }
      flush_batch();
      auto bytes = wire::from_hex(text_of(record, "hex")).value_or(wire::Bytes{});
      if (record.contains("hex_truncated_from")) {
        const auto total = record.value("hex_truncated_from", std::size_t{0});
        auto rebuilt = kind == "frame" ? rebuild_capped_frame(bytes, total) : std::nullopt;
        if (rebuilt) {
          bytes = std::move(*rebuilt);
        } else {
          plan_.inexact.push_back(fmt::format(
              "{} of {} bytes at {} us: the report keeps the first {}; the rest is the case files' filler pattern",
              describe_sent(record), total, at_of(record), bytes.size()));
          const auto filler = cases::filler_payload(total - std::min(total, bytes.size()));
          bytes.insert(bytes.end(), filler.begin(), filler.end());
        }
      }
      ReplayAction action;
      action.kind = Kind::Send;
      action.data = std::move(bytes);
      action.what = describe_sent(record);
      add(record, std::move(action));
      return;
    }
    if (kind == "fault") {
      flush_batch();
      add_fault(record, text);
    }
  }

  void add_fault(const json& record, const std::string& text) {
    const auto [name, params] = parse_fault(text);
    ReplayAction action;
    action.what = "fault " + text;
    if (name == "rst") action.kind = Kind::Rst;
    else if (name == "fin") action.kind = Kind::Fin;
    else if (name == "stall") action.kind = Kind::Stall;
    else if (name == "unstall") action.kind = Kind::Unstall;
    else if (name == "chop") {
      action.kind = Kind::Chop;
      action.size = std::max(1, int_param(params, "size", 1));
      action.delay_ms = int_param(params, "delay_ms", 0);
      if (int_param(params, "variation", 0) != 0)
        plan_.inexact.push_back("fault " + text +
                                ": the slice sizes came from the harness's seeded random stream; "
                                "the program cuts every slice at the given size");
    } else if (name == "truncate") {
      action.kind = Kind::Truncate;
      action.size = std::max(0, int_param(params, "after", 0));
      action.then = "fin";
      for (const auto& [key, value] : params)
        if (key == "then" && (value == "rst" || value == "none")) action.then = value;
    } else if (name == "delay") {
      action.kind = Kind::Delay;
      action.delay_ms = int_param(params, "ms", 0);
    } else {
      action.kind = Kind::Note;
      action.what = "fault " + text + " is not replayed by this program";
      plan_.inexact.push_back(
          fmt::format("fault {} ({} us): the program sends the bytes as the harness handed them to the fault, without "
                      "the fault's effect (only rst, fin, stall, unstall, chop, delay and truncate are replayed)",
                      text, at_of(record)));
    }
    add(record, std::move(action));
  }

  void flush_batch() {
    if (batch_.empty()) return;
    ReplayAction action;
    action.kind = Kind::Send;
    action.at_us = batch_at_;
    action.data = std::move(batch_);
    action.what = "one write: " + batch_what_;
    if (batch_masked_)
      plan_.inexact.push_back(
          fmt::format("the pipelined write at {} us: the report does not keep its frames' masking "
                      "keys; they are masked with 37 fa 21 3d instead (the payloads are the same)",
                      batch_at_));
    stamp(action);
    plan_.actions.push_back(std::move(action));
    batch_.clear();
    batch_what_.clear();
    batch_masked_ = false;
  }

  void add(const json& record, ReplayAction action) {
    action.at_us = at_of(record);
    stamp(action);
    plan_.actions.push_back(std::move(action));
  }

  void stamp(ReplayAction& action) const {
    action.after_frames = plan_.subject_frames.size();
    action.after_subject_end = subject_ended_;
  }

  ReproPlan& plan_;
  bool subject_is_server_;
  bool subject_ended_ = false;
  wire::Bytes batch_;
  std::int64_t batch_at_ = 0;
  std::string batch_what_;
  bool batch_masked_ = false;
};

std::string describe_recorded_close(const ReproPlan& plan, const json& result) {
  for (const auto& record : result["transcript"]) {
    if (text_of(record, "dir") != "from_subject" || text_of(record, "opcode") != "close") continue;
    std::string text = "close frame";
    if (record.contains("close_code")) text += fmt::format(" code={}", record.value("close_code", 0));
    else text += " (no code)";
    text += fmt::format(" len={}", record.value("length", std::size_t{0}));
    return text + "; tcp_end=" + plan.tcp_end;
  }
  return "no close frame; tcp_end=" + plan.tcp_end;
}

std::string describe_recorded_frames(const ReproPlan& plan) {
  std::string text = "frames [";
  for (std::size_t i = 0; i < plan.subject_frames.size(); ++i) {
    const auto& frame = plan.subject_frames[i];
    text += fmt::format("{}('{}', {})", i ? ", " : "", frame.opcode,
                        frame.close_code ? std::to_string(*frame.close_code) : "None");
  }
  return text + "]; tcp_end=" + plan.tcp_end;
}

// What the RFC or the case asked for, in the words of the finding when it
// says so ("expected close code 1002; got ...").
std::string expectation_of(std::string_view oracle, std::string_view reason) {
  if (starts_with(reason, "expected")) return std::string(reason.substr(0, reason.find(';')));
  if (oracle == "wire.reserved-code") return "no close frame with a code reserved by 7.4.1 (1005, 1006, 1015)";
  if (oracle == "wire.close-code") return "a close code that 7.4 allows on the wire";
  if (oracle == "wire.close-payload") return "a close body of 0 bytes, or 2 or more (5.5.1)";
  if (oracle == "wire.close-reason-utf8") return "a close reason in UTF-8 (5.5.1, 8.1)";
  if (oracle == "wire.control-length") return "control frames of at most 125 bytes (5.5)";
  if (oracle == "wire.after-close") return "nothing but TCP's end after the subject's close frame (5.5.1)";
  if (oracle == "wire.frame") return "every frame valid for the subject's role (5.1-5.5)";
  if (oracle == "wire.message") return "well-formed messages, text in UTF-8 (5.4, 8.1)";
  if (oracle == "handshake") return "a 101 response that completes the opening handshake (4.2.2)";
  return "what the case file expects (see the requirement above)";
}

void add_checks(ReproPlan& plan, const json& result) {
  std::optional<int> recorded_code;
  std::size_t recorded_length = 0;
  for (const auto& record : result["transcript"])
    if (text_of(record, "dir") == "from_subject" && text_of(record, "opcode") == "close") {
      if (record.contains("close_code") && record["close_code"].is_number_integer())
        recorded_code = record["close_code"].get<int>();
      recorded_length = record.value("length", std::size_t{0});
      break;
    }

  const auto findings = result.find("findings");
  if (findings == result.end() || !findings->is_array()) return;
  for (const auto& finding : *findings) {
    const auto verdict = text_of(finding, "verdict");
    if (verdict == "PASS" || verdict == "INFORMATIONAL") continue;
    CauseCheck check;
    check.oracle = text_of(finding, "oracle");
    check.verdict = verdict;
    check.reason = text_of(finding, "reason");
    check.expected = expectation_of(check.oracle, check.reason);
    check.recorded = describe_recorded_close(plan, result);
    const auto& oracle = check.oracle;
    if ((oracle == "wire.reserved-code" || oracle == "wire.close-code" || oracle == "outcome.close-code") &&
        recorded_code) {
      check.kind = "close_code";
      check.code = recorded_code;
    } else if (oracle == "wire.close-payload") {
      check.kind = "close_length";
      check.length = recorded_length;
    } else if (oracle == "wire.close-reason-utf8") {
      check.kind = "close_reason_not_utf8";
    } else if (oracle == "wire.control-length") {
      check.kind = "control_too_long";
    } else if (oracle == "wire.after-close") {
      check.kind = "frame_after_close";
    } else if (oracle == "wire.frame") {
      check.kind = "decode_error";
    } else if (oracle == "wire.message") {
      check.kind = "bad_message";
    } else if (oracle == "outcome.not-failed") {
      check.kind = "no_close_open";
    } else if (oracle == "outcome.drop") {
      check.kind = "drop";
    } else if (oracle == "outcome.no-close-frame") {
      check.kind = "no_close";
    } else if (oracle == "outcome.server-tcp-close") {
      check.kind = "server_kept_tcp";
    } else if (oracle == "handshake") {
      check.kind = "handshake_failed";
    } else if (oracle == "step" || starts_with(oracle, "outcome.")) {
      // A step that failed, or messages that differ: the subject's side of
      // the wire is the evidence, so it must recur frame for frame.
      check.kind = "same_frames";
      check.expected = expectation_of(oracle, check.reason.substr(check.reason.find(": ") + 2));
      check.recorded = describe_recorded_frames(plan);
    } else {
      // app.*, health.*, harness: the subject's events and process, which a
      // peer on the wire cannot see.
      plan.unchecked.push_back(fmt::format("{} ({}): {}", oracle, verdict, check.reason));
      continue;
    }
    plan.checks.push_back(std::move(check));
  }
}

// "subject: /path/wsh-subject-faulty --bug x server --port 0 ..." from the
// result's log: the command line the harness ran, role flags included.
std::vector<std::string> logged_subject_command(const json& result) {
  const auto log = result.find("log");
  if (log != result.end() && log->is_array())
    for (const auto& line : *log)
      if (line.is_string() && starts_with(line.get<std::string>(), "subject: ")) {
        std::vector<std::string> argv;
        const auto text = line.get<std::string>().substr(9);
        std::size_t start = 0;
        while (start < text.size()) {
          const auto space = text.find(' ', start);
          argv.push_back(text.substr(start, space - start));
          if (space == std::string::npos) break;
          start = space + 1;
        }
        return argv;
      }
  const auto command = result.find("subject_command");
  if (command != result.end() && command->is_array()) return command->get<std::vector<std::string>>();
  return {};
}

// ws://127.0.0.1:PORT/PATH from the request the harness sent.
std::string url_from_request(const wire::Bytes& request, std::string_view transport) {
  const std::string text(request.begin(), request.end());
  std::string target = "/";
  if (starts_with(text, "GET ")) {
    const auto end = text.find(' ', 4);
    if (end != std::string::npos) target = text.substr(4, end - 4);
  }
  std::string host = "127.0.0.1:9001";
  const auto at = text.find("\r\nHost: ");
  if (at != std::string::npos) host = text.substr(at + 8, text.find("\r\n", at + 8) - at - 8);
  return fmt::format("{}://{}{}", transport, host, target);
}

}  // namespace

ReproPlan plan_repro(const json& result) {
  if (!result.is_object() || !result.contains("id") || !result.contains("transcript") ||
      !result["transcript"].is_array() || !result.contains("role"))
    throw ReproError("not a per-result JSON file of a wsharness report (no id, role or transcript)");
  ReproPlan plan;
  plan.id = text_of(result, "id");
  plan.subject = text_of(result, "subject");
  plan.subject_role = text_of(result, "role");
  if (plan.subject_role != "server" && plan.subject_role != "client")
    throw ReproError(
        fmt::format("result {} ran in the {} role; only the server and client roles have one harness "
                    "side to replay (a pair result has two subjects and no scripted peer)",
                    plan.id, plan.subject_role));
  if (result.contains("connections"))
    throw ReproError(fmt::format("result {} ran over many connections; a reproducer replays one connection", plan.id));
  plan.transport = text_of(result, "transport") == "wss" ? "wss" : "ws";
  plan.title = text_of(result, "title");
  plan.rfc = text_of(result, "rfc");
  plan.requirement = text_of(result, "requirement");
  plan.verdict = text_of(result, "verdict");
  plan.reason = text_of(result, "reason");
  plan.seed = result.value("seed", std::uint64_t{0});
  plan.subject_command = logged_subject_command(result);
  plan.handshake_ok = result.value("handshake_ok", false);
  plan.tcp_end = text_of(result, "tcp_end");

  TranscriptReader(plan, plan.subject_role == "server").read(result["transcript"]);
  plan.default_url = url_from_request(plan.request, plan.transport);
  if (plan.subject_role == "server" && plan.request.empty())
    throw ReproError(fmt::format("result {} holds no opening handshake request to replay", plan.id));
  if (plan.subject_role == "client" && plan.response.empty() && plan.handshake_ok)
    throw ReproError(fmt::format("result {} holds no opening handshake response to replay", plan.id));
  add_checks(plan, result);
  return plan;
}

}  // namespace wsh::repro
