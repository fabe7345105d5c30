#pragma once
// One page per result (results/N.html), rendered from results/N.json: what
// the case checks (RFC section, requirement), the verdict against its
// expectation, the findings, how to replay it, the ladder diagram, the wire
// transcript (decoded, hex on demand), the subject's events and stderr.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace wsh::report {

struct ResultPageLimits {
  std::size_t text_bytes = 64 * 1024;  // per shown text (stderr, a reason, a payload)
  // Beyond these, the first and the last half are shown: a 2,000-frame burst
  // keeps its start and its close handshake, and the page stays small.
  std::size_t transcript_rows = 300;
  std::size_t ladder_items = 120;
  std::size_t log_lines = 1000;
};

// `detail` is the parsed results/N.json; `index` is N (for the replay
// command and the page's links). Everything from the JSON is escaped.
std::string render_result_page(const nlohmann::json& detail, std::size_t index, const ResultPageLimits& limits = {});

// A page for a result whose JSON could not be read: says so, with the path.
std::string render_unreadable_result_page(std::size_t index, const std::string& problem);

// "0000  81 85 37 fa  …  |.e7.|" lines from the "hex" field's "81 85 37 fa"
// text (non-hex characters are ignored), unescaped.
std::string hex_view(std::string_view hex);

}  // namespace wsh::report
