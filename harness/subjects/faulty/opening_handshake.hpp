#pragma once
// The opening handshake (RFC 6455 §4) of the faulty subject, both roles, on
// top of the codec's parsers and builders (wire/handshake.hpp).

#include <string>

#include "net/bytes.hpp"
#include "net/deadline.hpp"
#include "subject_options.hpp"
#include "transport.hpp"

namespace wsh::subject::faulty {

struct HandshakeOutcome {
  bool ok = false;
  std::string error;       // why not, for stderr
  net::Bytes early_bytes;  // what followed the header block: the first frames
};

// Server: reads the client's request and answers 101, or refuses it (§4.2.2:
// 426 with the supported Sec-WebSocket-Version for a version mismatch, 400
// for anything else) and reports why. `wrong_accept`: the 101 carries a
// Sec-WebSocket-Accept computed from another key (bug wrong-accept).
HandshakeOutcome accept_websocket(Transport& transport, net::Deadline deadline, bool wrong_accept = false);

// Client: sends the request for `url` and checks the server's answer (§4.1).
HandshakeOutcome request_websocket(Transport& transport, const WsUrl& url, net::Deadline deadline);

}  // namespace wsh::subject::faulty
