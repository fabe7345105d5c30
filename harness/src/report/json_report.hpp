#pragma once
// The machine-readable reports: index.json and one JSON file per result
// (docs/ARCHITECTURE.md, "Contracts", a stable contract: add fields freely, never rename),
// and junit.xml. Everything a subject produced is escaped by the JSON and XML
// writers; nothing here trusts a byte of it.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "report/run_summary.hpp"

namespace wsh::report {

nlohmann::json result_detail_json(const engine::CaseResult& result);
nlohmann::json index_json(const RunSummary& run);  // detail paths: results/<n>.json
std::string junit_xml(const RunSummary& run);

// Writes index.json, results/*.json, junit.xml and the HTML rendered from
// them (html_report.hpp) into a fresh temporary directory next to `dir`,
// then renames it into place, so a crash or Ctrl-C never leaves half a
// report over a good one. Throws std::runtime_error with
// the path on failure.
void write_report(const RunSummary& run, const std::filesystem::path& dir);

// Escapes text for XML content and attributes; bytes that are not valid
// UTF-8 or not allowed in XML 1.0 (NUL, most controls) become U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace wsh::report
