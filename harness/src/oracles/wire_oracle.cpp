// Wire oracle: is every frame the subject sent valid for its role?

#include <fmt/format.h>

#include "oracles/oracles.hpp"
#include "wire/close_code.hpp"
#include "wire/close_payload.hpp"
#include "wire/opcode.hpp"
#include "wire/utf8.hpp"

namespace wsh::oracles {
namespace {

Finding fail(std::string oracle, std::string reason) { return {Verdict::Fail, std::move(oracle), std::move(reason)}; }

std::optional<Finding> check_close_frame(const wire::Frame& frame) {
  const auto parsed = wire::parse_close_payload(frame.payload);
  if (!parsed.error) return std::nullopt;
  switch (*parsed.error) {
    case wire::ClosePayloadError::OneByte:
      return fail("wire.close-payload",
                  "the subject sent a close frame with a 1-byte payload (§5.5.1: a body starts with a 2-byte code)");
    case wire::ClosePayloadError::InvalidCode: {
      const auto code = parsed.payload.code.value_or(0);
      const auto cls = wire::classify_close_code(code);
      if (cls == wire::CloseCodeClass::ReservedNeverOnWire)
        return fail("wire.reserved-code",
                    fmt::format("the subject put close code {} on the wire; §7.4.1: it is reserved and MUST NOT be "
                                "set as a status code in a Close control frame by an endpoint",
                                code));
      return fail("wire.close-code",
                  fmt::format("the subject sent close code {} ({}), which §7.4 does not allow on the wire", code,
                              wire::close_code_class_name(cls)));
    }
    case wire::ClosePayloadError::InvalidUtf8Reason:
      return fail("wire.close-reason-utf8", "the subject's close reason is not valid UTF-8 (§5.5.1, §8.1)");
    case wire::ClosePayloadError::TooLong:
      return fail("wire.control-length", "the subject's close frame is longer than 125 bytes (§5.5)");
  }
  return std::nullopt;
}

}  // namespace

std::vector<Finding> check_wire(const Observation& observation) {
  std::vector<Finding> findings;
  if (observation.subject_decode_error) {
    const auto& error = *observation.subject_decode_error;
    // An oversize control frame is the same §5.5 rule as an oversize close
    // payload, so it carries the same oracle name, whichever check saw it.
    const bool control_length = error.kind == wire::DecodeErrorKind::ControlFrameTooLong;
    findings.push_back(fail(control_length ? "wire.control-length" : "wire.frame",
                            fmt::format("the subject sent an invalid frame at byte {}: {} (§{})", error.offset,
                                        error.message, error.rfc_section)));
  }
  bool seen_close = false;
  for (const auto& frame : observation.frames_from_subject) {
    if (frame.opcode == static_cast<std::uint8_t>(wire::Opcode::Close)) {
      if (!seen_close) {
        if (auto finding = check_close_frame(frame)) findings.push_back(std::move(*finding));
      } else {
        findings.push_back(
            fail("wire.after-close", "the subject sent a second close frame (§5.5.1: an endpoint sends at most one)"));
        break;
      }
      seen_close = true;
    } else if (seen_close && !wire::is_control(frame.opcode)) {
      findings.push_back(fail("wire.after-close",
                              fmt::format("the subject sent a {} frame after its close frame (§5.5.1: the application "
                                          "MUST NOT send any more data frames after sending a Close frame)",
                                          wire::opcode_name(frame.opcode))));
      break;
    }
  }
  for (const auto& problem : observation.subject_message_errors) findings.push_back(fail("wire.message", problem));
  return findings;
}

}  // namespace wsh::oracles
