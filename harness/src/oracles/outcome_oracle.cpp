// Outcome oracle: did the connection end the way the case says the RFC
// demands? Autobahn's closing grades, in the harness's vocabulary.

#include <algorithm>
#include <fmt/format.h>

#include "oracles/oracles.hpp"
#include "wire/close_payload.hpp"

namespace wsh::oracles {
namespace {

std::string describe_codes(const std::vector<cases::CloseCode>& codes) {
  std::string text;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (i) text += i + 1 == codes.size() ? " or " : ", ";
    text += std::to_string(codes[i]);
  }
  return text;
}

std::string describe_end(TcpEnd end) {
  switch (end) {
    case TcpEnd::StillOpen: return "the connection stayed open";
    case TcpEnd::SubjectFin: return "the subject closed TCP";
    case TcpEnd::SubjectReset: return "the subject reset TCP";
    case TcpEnd::PeerClosed: return "the harness closed TCP";
    case TcpEnd::PeerReset: return "the harness reset TCP";
  }
  return "?";
}

bool subject_dropped(TcpEnd end) { return end == TcpEnd::SubjectFin || end == TcpEnd::SubjectReset; }

// Autobahn: a close frame without a code always passes the code check.
std::optional<Finding> check_code(const cases::Expectation& expect, const wire::Frame& close) {
  if (expect.codes.empty()) return std::nullopt;
  const auto parsed = wire::parse_close_payload(close.payload);
  if (!parsed.payload.code) return std::nullopt;
  const auto code = *parsed.payload.code;
  if (std::find(expect.codes.begin(), expect.codes.end(), code) != expect.codes.end()) return std::nullopt;
  return Finding{
      Verdict::Fail, "outcome.close-code",
      fmt::format("expected close code {}; got close frame with code {}", describe_codes(expect.codes), code)};
}

}  // namespace

std::vector<Finding> check_outcome(const cases::Expectation& expect, const Observation& observation) {
  std::vector<Finding> findings;
  const auto& got = observation.data_messages;
  if (expect.messages && got != *expect.messages) {
    const auto& wanted = *expect.messages;
    const auto first_difference = static_cast<std::size_t>(
        std::mismatch(wanted.begin(), wanted.end(), got.begin(), got.end()).first - wanted.begin());
    findings.push_back(
        {Verdict::Fail, "outcome.messages",
         wanted.size() == got.size()
             ? fmt::format("expected {} data message(s) from the subject; message {} differs", wanted.size(),
                           first_difference + 1)
             : fmt::format("expected {} data message(s) from the subject; got {}", wanted.size(), got.size())});
  }
  if (expect.message_count && got.size() != *expect.message_count) {
    findings.push_back(
        {Verdict::Fail, "outcome.messages",
         fmt::format("expected {} data message(s) from the subject; got {}", *expect.message_count, got.size())});
  }
  for (auto& finding : check_spam(expect, observation)) findings.push_back(std::move(finding));
  if (expect.close == cases::CloseExpectation::Any || !observation.handshake_ok) return findings;

  const auto& close = observation.subject_close;
  if (expect.close == cases::CloseExpectation::Fail) {
    if (close) {
      if (auto finding = check_code(expect, *close)) findings.push_back(std::move(*finding));
    } else if (subject_dropped(observation.tcp_end)) {
      findings.push_back(
          {Verdict::NonStrict, "outcome.drop",
           fmt::format("expected close {}; {} without a close frame (allowed by §7.1.7, not the best behaviour)",
                       expect.codes.empty() ? std::string("frame") : describe_codes(expect.codes),
                       describe_end(observation.tcp_end))});
    } else {
      findings.push_back(
          {Verdict::Fail, "outcome.not-failed",
           fmt::format(
               "expected the subject to fail the connection (close {} or a TCP drop); {} and no close frame came",
               describe_codes(expect.codes), describe_end(observation.tcp_end))});
    }
    return findings;
  }

  // A clean close: close frames both ways, then TCP closed, the server first.
  if (!close) {
    findings.push_back({Verdict::Fail, "outcome.no-close-frame",
                        fmt::format("expected a close frame from the subject (§5.5.1); {} without one",
                                    describe_end(observation.tcp_end))});
    return findings;
  }
  if (auto finding = check_code(expect, *close)) findings.push_back(std::move(*finding));
  if (observation.subject_is_server && observation.tcp_end == TcpEnd::StillOpen) {
    findings.push_back({Verdict::NonStrict, "outcome.server-tcp-close",
                        "the closing handshake completed but the subject (the server) did not close TCP; "
                        "§7.1.1: the server SHOULD close the underlying TCP connection first"});
  }
  return findings;
}

}  // namespace wsh::oracles
