#pragma once
// index.html, rendered from index.json: the run's metadata and subjects as
// static HTML (a skipped subject is shown loudly, without needing scripts),
// and the results as a JSON array embedded in the page, from which
// reports/index.js draws the verdict counts, the filters and the matrix of
// cases × (subject, role, transport), one page of rows at a time.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace wsh::report {

// `index` is the parsed index.json; `pages[i]` is the relative path of the
// i-th result's page ("results/7.html"), or empty when none was written, so
// a cell links only to a page that exists. `perf` is the parsed perf.json
// of the same directory (`wsharness perf`), or null when there is none.
std::string render_index_page(const nlohmann::json& index, const std::vector<std::string>& pages,
                              const nlohmann::json& perf = nullptr);

// The array the page embeds (one compact object per result), exposed for
// the tests.
nlohmann::json index_page_data(const nlohmann::json& index, const std::vector<std::string>& pages);

}  // namespace wsh::report
