#pragma once
// junit.xml for CI dashboards: one testcase per result, failed when its
// outcome fails the run. Everything a subject produced goes through xml_escape.

#include <string>

#include "report/run_summary.hpp"

namespace wsh::report {

std::string junit_xml(const RunSummary& run);

}  // namespace wsh::report
