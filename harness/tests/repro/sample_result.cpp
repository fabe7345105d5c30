#include "sample_result.hpp"

#include "wire/frame_encoder.hpp"

namespace wsh::repro::testing {

using nlohmann::json;

nlohmann::json echoed_1005_result(const std::string& close_reason) {
  const wire::Bytes close_payload = {0x03, 0xed};  // 1005
  wire::EncodeOptions masked;
  masked.mask = wire::MaskKey{0x11, 0x22, 0x33, 0x44};
  const auto close_frame = wire::encode_frame(wire::Opcode::Close, close_payload, masked);
  masked.mask = wire::MaskKey{0x55, 0x66, 0x77, 0x00};
  const auto reply = wire::encode_frame(wire::Opcode::Close, wire::Bytes{}, masked);
  json transcript = json::array();
  transcript.push_back({{"at_us", 1000},
                        {"dir", "to_subject"},
                        {"kind", "note"},
                        {"text",
                         "GET / HTTP/1.1\r\nHost: 127.0.0.1:40123\r\nUpgrade: websocket\r\n"
                         "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                         "Sec-WebSocket-Version: 13\r\n\r\n"}});
  transcript.push_back({{"at_us", 1500},
                        {"dir", "from_subject"},
                        {"kind", "note"},
                        {"text", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"}});
  transcript.push_back({{"at_us", 1600},
                        {"dir", "to_subject"},
                        {"kind", "frame"},
                        {"opcode", "close"},
                        {"fin", true},
                        {"rsv", 0},
                        {"masked", true},
                        {"length", 2},
                        {"close_code", 1005},
                        {"close_reason", ""},
                        {"hex", wire::to_hex(close_frame)}});
  transcript.push_back({{"at_us", 2100},
                        {"dir", "from_subject"},
                        {"kind", "frame"},
                        {"opcode", "close"},
                        {"fin", true},
                        {"rsv", 0},
                        {"masked", false},
                        {"length", 2 + close_reason.size()},
                        {"close_code", 1005},
                        {"close_reason", close_reason}});
  transcript.push_back({{"at_us", 2200},
                        {"dir", "to_subject"},
                        {"kind", "frame"},
                        {"opcode", "close"},
                        {"fin", true},
                        {"rsv", 0},
                        {"masked", true},
                        {"length", 0},
                        {"close_reason", ""},
                        {"hex", wire::to_hex(reply)}});
  transcript.push_back(
      {{"at_us", 2600}, {"dir", "from_subject"}, {"kind", "fin"}, {"text", "the subject closed TCP (FIN)"}});
  transcript.push_back(
      {{"at_us", 2700},
       {"dir", "to_subject"},
       {"kind", "note"},
       {"text", "closing handshake complete and the subject (the server) closed TCP: the harness closes its side"}});
  json findings = json::array();
  findings.push_back({{"verdict", "FAIL"},
                      {"oracle", "wire.reserved-code"},
                      {"reason", "the subject put close code 1005 on the wire; §7.4.1: it is reserved"}});
  findings.push_back({{"verdict", "FAIL"},
                      {"oracle", "outcome.close-code"},
                      {"reason", "expected close code 1002; got close frame with code 1005"}});
  findings.push_back({{"verdict", "FAIL"}, {"oracle", "app.cleanup-once"}, {"reason", "cleanup never ran"}});
  return {{"id", "close.peer.code.invalid[code=1005]"},
          {"case", "close.peer.code.invalid"},
          {"subject", "faulty-bug"},
          {"role", "server"},
          {"transport", "ws"},
          {"title", "The peer closes with status code 1005, which must not be sent"},
          {"rfc", "7.4.1"},
          {"requirement", "If an endpoint receives a Close frame with a status code that it considers invalid..."},
          {"verdict", "FAIL"},
          {"reason", "expected close code 1002; got close frame with code 1005"},
          {"findings", findings},
          {"seed", 42},
          {"log", json::array({"subject: /opt/wsh-subject-faulty --bug echo-invalid-code server --port 0"})},
          {"handshake_ok", true},
          {"tcp_end", "subject_fin"},
          {"transcript", transcript},
          {"events", json::array()},
          {"stderr_tail", ""},
          {"subject_command", json::array({"/opt/wsh-subject-faulty", "--bug", "echo-invalid-code"})}};
}

nlohmann::json hostile_result(const std::string& hostile) {
  auto result = echoed_1005_result(hostile);
  result["reason"] = hostile;
  result["title"] = hostile;
  result["requirement"] = hostile;
  result["id"] = "close.peer.code.invalid[code=1005]" + hostile;
  result["findings"][0]["reason"] = hostile;
  result["log"] = json::array({"subject: /opt/subject " + hostile});
  return result;
}

}  // namespace wsh::repro::testing
