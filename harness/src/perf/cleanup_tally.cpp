#include "perf/cleanup_tally.hpp"

#include <map>

namespace wsh::perf {

CleanupTally tally_cleanups(const std::vector<launch::ConnId>& opened,
                            const std::vector<launch::SubjectEvent>& events) {
  std::map<launch::ConnId, long> balance;  // expected minus seen, per conn id
  for (const auto& conn : opened) ++balance[conn];
  CleanupTally tally;
  tally.connections = opened.size();
  for (const auto& event : events) {
    if (event.kind != launch::EventKind::Cleanup) continue;
    ++tally.cleanups;
    --balance[event.conn];
  }
  for (const auto& [conn, left] : balance) {
    if (left > 0) tally.missing += static_cast<std::size_t>(left);
    if (left < 0) tally.extra += static_cast<std::size_t>(-left);
  }
  return tally;
}

}  // namespace wsh::perf
