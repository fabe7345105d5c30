#pragma once
// "Cleanup runs exactly once per connection", counted over a whole phase of
// many connections. Ports are reused over thousands of connections, so the
// count is per connection id: a port the harness used k times must see k
// cleanup events, no fewer (a missing cleanup) and no more (a double one).

#include <cstddef>
#include <vector>

#include "launch/subject_event.hpp"

namespace wsh::perf {

struct CleanupTally {
  std::size_t connections = 0;  // opened connections (the expected cleanups)
  std::size_t cleanups = 0;     // cleanup events seen
  std::size_t missing = 0;      // connections without their cleanup
  std::size_t extra = 0;        // cleanups beyond one per connection (or for no connection of the harness)

  bool exact() const { return missing == 0 && extra == 0; }
};

// `opened`: the conn id of every connection whose handshake succeeded, in
// any order, repeats included. `events`: the subject's events over the same
// phase; only cleanup events count.
CleanupTally tally_cleanups(const std::vector<launch::ConnId>& opened, const std::vector<launch::SubjectEvent>& events);

}  // namespace wsh::perf
