#include "wire/handshake_error.hpp"

namespace wsh::wire {

std::string_view handshake_error_name(HandshakeErrorKind kind) {
  switch (kind) {
    case HandshakeErrorKind::Incomplete: return "incomplete";
    case HandshakeErrorKind::TooLarge: return "too-large";
    case HandshakeErrorKind::MalformedStartLine: return "malformed-start-line";
    case HandshakeErrorKind::MalformedHeader: return "malformed-header";
    case HandshakeErrorKind::BadMethod: return "bad-method";
    case HandshakeErrorKind::BadHttpVersion: return "bad-http-version";
    case HandshakeErrorKind::MissingHost: return "missing-host";
    case HandshakeErrorKind::BadUpgrade: return "bad-upgrade";
    case HandshakeErrorKind::BadConnection: return "bad-connection";
    case HandshakeErrorKind::BadKey: return "bad-key";
    case HandshakeErrorKind::DuplicateKey: return "duplicate-key";
    case HandshakeErrorKind::BadVersion: return "bad-version";
    case HandshakeErrorKind::DuplicateVersion: return "duplicate-version";
    case HandshakeErrorKind::BadStatus: return "bad-status";
    case HandshakeErrorKind::BadAccept: return "bad-accept";
    case HandshakeErrorKind::DuplicateAccept: return "duplicate-accept";
    case HandshakeErrorKind::UnrequestedExtension: return "unrequested-extension";
    case HandshakeErrorKind::UnrequestedSubprotocol: return "unrequested-subprotocol";
    case HandshakeErrorKind::DuplicateSubprotocol: return "duplicate-subprotocol";
  }
  return "unknown";
}

}  // namespace wsh::wire
