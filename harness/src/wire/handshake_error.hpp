#pragma once
// Why an opening handshake (RFC 6455 §4) was rejected.

#include <string>
#include <string_view>

namespace wsh::wire {

enum class HandshakeErrorKind {
  // The HTTP message itself.
  Incomplete,          // no blank line ending the header block
  TooLarge,            // header block over kMaxHeaderBlockSize (§10.4 limits)
  MalformedStartLine,  // request line or status line
  MalformedHeader,     // a header line (no colon, bad name, obsolete folding)
  // The client's request, §4.2.1 (and §11.3 for repeated fields).
  BadMethod,
  BadHttpVersion,
  MissingHost,
  BadUpgrade,
  BadConnection,
  BadKey,
  DuplicateKey,
  BadVersion,
  DuplicateVersion,
  // The server's response, §4.1 (and §11.3).
  BadStatus,
  BadAccept,
  DuplicateAccept,
  UnrequestedExtension,
  UnrequestedSubprotocol,
  DuplicateSubprotocol,
};

struct HandshakeError {
  HandshakeErrorKind kind{};
  std::string reason{};            // a sentence naming the rule and what was found
  std::string_view rfc_section{};  // e.g. "4.2.1"

  bool operator==(const HandshakeError&) const = default;
};

// "incomplete", "too-large", "malformed-start-line", ..., "bad-accept", ...
std::string_view handshake_error_name(HandshakeErrorKind kind);

}  // namespace wsh::wire
