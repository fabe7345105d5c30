#include "sample_run.hpp"

#include <fmt/format.h>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <sstream>

#include "wire/opcode.hpp"

namespace wsh::report::testing {
namespace {

oracles::WireRecord frame_record(std::int64_t at_us, oracles::Direction direction, wire::Opcode opcode,
                                 const std::string& payload) {
  oracles::WireRecord record;
  record.at = oracles::Micros{at_us};
  record.direction = direction;
  record.kind = oracles::WireRecord::Kind::Frame;
  wire::Frame frame;
  frame.opcode = static_cast<std::uint8_t>(opcode);
  frame.masked = direction == oracles::Direction::ToSubject;
  frame.payload.assign(payload.begin(), payload.end());
  record.frame = frame;
  record.bytes.push_back(static_cast<std::uint8_t>(0x80 | frame.opcode));
  record.bytes.insert(record.bytes.end(), payload.begin(), payload.end());
  return record;
}

std::string close_payload(std::uint16_t code, const std::string& reason) {
  std::string payload;
  payload += static_cast<char>(code >> 8);
  payload += static_cast<char>(code & 0xFF);
  return payload + reason;
}

}  // namespace

results::CaseResult sample_result(std::string close_reason, std::string payload_text) {
  using oracles::Direction;
  results::CaseResult result;
  result.id = "close.clean.peer[code=1000]";
  result.case_id = "close.clean.peer";
  result.params = {{"code", "1000"}};
  result.subject = "beast";
  result.role = cases::Role::Server;
  result.transport = results::Transport::Ws;
  result.title = "Clean close started by the peer";
  result.rfc = "5.5.1";
  result.requirement =
      "If an endpoint receives a Close frame and did not previously send a Close frame, the endpoint MUST send a Close "
      "frame in response.";
  result.area = "close";
  result.autobahn = {"7.1.1"};
  result.steps = {"send text \"hello\"", "send close 1000", "expect close"};
  result.where = {"cases/close/clean.toml", 3, 1};
  result.verdict = oracles::Verdict::Pass;
  result.outcome = oracles::Outcome::AsExpected;
  result.reason = "answered close with close 1000 and closed TCP";
  result.findings = {{oracles::Verdict::Pass, "wire.close-answer", "expected a close frame; got close 1000"}};
  result.seed = 42;
  result.duration = std::chrono::milliseconds{12};
  result.log = {"sent text", "sent close 1000"};
  auto& observation = result.observation;
  observation.handshake_ok = true;
  observation.transcript = {
      frame_record(100, Direction::ToSubject, wire::Opcode::Text, payload_text),
      frame_record(350, Direction::FromSubject, wire::Opcode::Text, payload_text),
      frame_record(400, Direction::ToSubject, wire::Opcode::Close, close_payload(1000, close_reason)),
      frame_record(900, Direction::FromSubject, wire::Opcode::Close, close_payload(1000, close_reason)),
  };
  oracles::WireRecord fin;
  fin.at = oracles::Micros{1200};
  fin.direction = Direction::FromSubject;
  fin.kind = oracles::WireRecord::Kind::TcpFin;
  observation.transcript.push_back(fin);
  observation.tcp_end = oracles::TcpEnd::SubjectFin;
  observation.events = {{"open", "", 0, oracles::Micros{50}},
                        {"read", "text", 0, oracles::Micros{300}},
                        {"read", "fail", 0, oracles::Micros{950}},
                        {"cleanup", "", 0, oracles::Micros{960}}};
  result.stderr_tail = "beast: connection closed\n";
  result.subject_command = {"wsh-subject-beast", "server", "--port", "0"};
  return result;
}

RunSummary sample_run(std::size_t results) {
  RunSummary run;
  run.harness_version = "0.1.0";
  run.seed = 42;
  run.started = "2026-11-26T09:00:00Z";
  run.duration = std::chrono::milliseconds{1234};
  run.command_line = {"wsharness", "run", "--subject", "beast"};
  run.subjects = {{"beast",
                   "beast",
                   "1.81",
                   {"server", "client"},
                   {"tls", "threads"},
                   "wsh-subject-beast",
                   "",
                   "{\"close_ms\":1000}"},
                  {"httplib", "", "", {}, {}, "", "cpp-httplib >= 0.33 was not found", ""}};
  for (std::size_t i = 0; i < results; ++i) {
    auto result = sample_result();
    result.id = fmt::format("close.clean.peer[code={}]", 1000 + i);
    run.results.push_back(std::move(result));
  }
  return run;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TempDir::TempDir() {
  std::mt19937_64 random{std::random_device{}()};
  path_ = std::filesystem::temp_directory_path() / fmt::format("wsh-report-test-{:x}", random());
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string embedded_data(const std::string& index_html) {
  constexpr std::string_view open = "<script type=\"application/json\" id=\"wsh-data\">";
  const auto start = index_html.find(open);
  if (start == std::string::npos) return {};
  const auto end = index_html.find("</script>", start);
  if (end == std::string::npos) return {};
  return index_html.substr(start + open.size(), end - start - open.size());
}

std::size_t count(const std::string& text, std::string_view needle) {
  std::size_t found = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++found;
  return found;
}

}  // namespace wsh::report::testing
