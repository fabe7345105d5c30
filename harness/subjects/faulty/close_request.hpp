#pragma once
// What goes on the wire when the application calls close(code, reason).
//
// The chat protocol passes any integer through ("/close 1006 x"), but an
// endpoint must never put a code on the wire that §7.4 does not allow:
//  - 1005 means "no status code present" (§7.4.1), so close(1005) is sent as
//    what 1005 stands for: a close frame with an empty body;
//  - every other code that is not valid on the wire (1006, 1015, 0-999,
//    1004, 1016-2999, >= 5000) is sent the same way, with an empty body.
//    Substituting a valid code (1000, 1011) would invent a meaning the
//    application did not ask for; "no status" claims nothing, still
//    completes the closing handshake, and keeps the wire legal.
// A reason travels only with a code (§5.5.1), so it is dropped with it.

#include <optional>
#include <string>
#include <string_view>

#include "wire/close_code.hpp"

namespace wsh::subject::faulty {

// §5.5: a control frame body has at most 125 bytes; §5.5.1: 2 go to the code.
inline constexpr std::size_t kMaxCloseReasonBytes = 123;

struct CloseBody {
  std::optional<wire::CloseCode> code;  // absent: empty body
  std::string reason;
};

// The close body for close(requested, reason). `put_1005_on_wire` is the
// send-1005 bug: 1005 is then sent literally; `cut_mid_character` is the
// close-reason-cut bug: a long reason is cut at byte 123 wherever that falls.
CloseBody close_body_for(wire::CloseCode requested, std::string_view reason, bool put_1005_on_wire = false,
                         bool cut_mid_character = false);

// The longest prefix of `reason` of at most kMaxCloseReasonBytes bytes that
// does not cut a UTF-8 sequence in two (the reason must stay valid UTF-8,
// §5.5.1).
std::string_view fit_close_reason(std::string_view reason);

}  // namespace wsh::subject::faulty
