#pragma once
// One client-role case played against a client that connected to `serve`
// on its own: no subject process, no subject protocol. The scripted peer
// answers the client's opening handshake and plays the case's steps; the
// wire oracles judge what it saw. The application oracles are not observed
// (the client is seen on the wire only), and a case that cannot be played
// without the subject protocol is SKIP with the reason.

#include <optional>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "peer/peer_channel.hpp"
#include <random>

namespace wsh::serve {

// Why `instance` cannot be played against a client that only echoes what
// it receives (Autobahn's client drivers): "needs the subject protocol: ...".
std::optional<std::string> needs_subject_protocol(const cases::CaseInstance& instance);

// The SKIP result for a case serve cannot play (needs_subject_protocol).
engine::CaseResult served_skip(const engine::PlannedResult& planned, std::string reason);

// Plays `planned` over `channel` (whose first bytes are the client's
// request, already read by serve; TLS, if any, below it), and judges it. Never throws; every failure is a verdict.
engine::CaseResult play_served_case(const engine::PlannedResult& planned, peer::PeerChannel& channel,
                                    std::mt19937_64& random, std::chrono::steady_clock::time_point start);

}  // namespace wsh::serve
