#pragma once
// The report's HTML skeletons, CSS and JavaScript from reports/, compiled
// into the binary (see embed_assets.cmake), so a report is written with no
// files beside the executable and viewed with no network.

#include <string_view>

namespace wsh::report {

// The contents of reports/<name>; throws std::out_of_range for an unknown
// name (a typo must fail the tests, not write an empty page).
std::string_view report_asset(std::string_view name);

}  // namespace wsh::report
