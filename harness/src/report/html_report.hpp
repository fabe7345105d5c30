#pragma once
// The HTML report, rendered from the JSON report (index.json and
// results/N.json) so that `wsharness run` and `wsharness report DIR` share
// one code path: run writes the JSON into its staging directory, renders
// the HTML there and renames the whole directory into place; report renders
// into a staging directory beside DIR and renames the HTML files in.

#include <filesystem>

namespace wsh::report {

// Reads `json_dir`/index.json and the results/N.json it names, and writes
// index.html, report.css and results/N.html under `out_dir` (which may be
// `json_dir`). A result whose JSON is missing or malformed gets a page that
// says so. Throws std::runtime_error, with the path, when index.json cannot
// be read or a file cannot be written.
void render_html(const std::filesystem::path& json_dir, const std::filesystem::path& out_dir);

// `wsharness report DIR`: renders DIR's JSON into a fresh directory beside
// DIR, then renames each HTML file into DIR (each file is replaced whole, so
// a crash leaves every page either old or new, never half written).
void rebuild_html(const std::filesystem::path& dir);

}  // namespace wsh::report
