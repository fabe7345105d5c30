#pragma once
// One subject's Observation from the proxy's transcript of a pair run. The
// oracles judge an Observation from the subject's side: "from the subject"
// is what that subject sent, "to the subject" what reached it (the other
// subject's frames and what the harness injected). How TCP ended is the
// first end of that subject's own connection: its FIN or RST (SubjectFin,
// SubjectReset), or one that reached it (PeerClosed, PeerReset: forwarded
// from the other subject, or a fault).

#include <vector>

#include "cases/case_model.hpp"
#include "oracles/observation.hpp"
#include "proxy/relay_record.hpp"

namespace wsh::engine {

// Fills the wire fields of `observation` (events and health are the
// launcher's). `decoded`: the proxy read frames (ws://); over wss:// only
// TCP ends are known, and the handshake counts as done when the subject
// reported "open".
void observe_pair_side(const std::vector<proxy::RelayRecord>& records, cases::PairSide side, bool decoded,
                       oracles::Observation& observation);

}  // namespace wsh::engine
