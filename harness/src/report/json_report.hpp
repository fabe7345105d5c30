#pragma once
// The machine-readable report: index.json and one JSON file per result
// (docs/ARCHITECTURE.md, "Contracts", a stable contract: add fields freely,
// never rename). Everything a subject produced is escaped by the JSON
// writer; nothing here trusts a byte of it. junit_report.hpp writes
// junit.xml, report_directory.hpp puts them all on disk.

#include <nlohmann/json.hpp>
#include <string>

#include "report/run_summary.hpp"

namespace wsh::report {

nlohmann::json result_detail_json(const results::CaseResult& result);
nlohmann::json index_json(const RunSummary& run);  // detail paths: results/<n>.json

}  // namespace wsh::report
