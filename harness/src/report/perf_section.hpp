#pragma once
// The index page's "Performance" section, rendered from perf.json (written
// by `wsharness perf` into the same report directory): one row per subject
// and transport with the close-handshake stage latencies, churn rate and
// the cleanup count. Read defensively like index.json; every string that
// came from a subject (names, versions, commands, failure details) is
// escaped.

#include <nlohmann/json.hpp>
#include <string>

namespace wsh::report {

// The section's HTML, or "" when `perf` is not an object with subjects.
std::string render_perf_section(const nlohmann::json& perf);

}  // namespace wsh::report
