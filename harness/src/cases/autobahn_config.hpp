#pragma once
// Autobahn|Testsuite's fuzzingclient spec (the JSON file `wstest -m
// fuzzingclient -s FILE` reads), for `wsharness run --autobahn-config FILE`:
// `servers` (agent, url, options), `cases` and `exclude-cases` (patterns over
// Autobahn case numbers, '*' standing for any run of characters), `outdir`.
// The patterns select catalogue cases through their `autobahn` key
// (autobahn_map.hpp); a case without one is wsharness's own and is added
// only on request.

#include <filesystem>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cases/case_model.hpp"

namespace wsh::cases {

struct AutobahnServerSpec {
  std::string agent = "UnknownServer";  // Autobahn's default when the key is absent
  std::string url;                      // ws://HOST:PORT/PATH or wss://...
  std::string options_json;             // the server's `options`, as JSON text ("{}" when absent)
};

struct AutobahnConfig {
  std::vector<AutobahnServerSpec> servers;
  std::vector<std::string> cases;          // patterns: "*", "7.*", "7.1.1"
  std::vector<std::string> exclude_cases;  // patterns
  std::string outdir;                      // empty: not given
};

// Parses the spec; on error, a message naming `file_name` and the key:
// "fuzzingclient.json: key 'servers[0].url': expected a string, found a number".
std::variant<AutobahnConfig, std::string> parse_autobahn_config(std::string_view text, const std::string& file_name);
// Reads and parses `file`; a file that cannot be read is an error too.
std::variant<AutobahnConfig, std::string> load_autobahn_config(const std::filesystem::path& file);

// Autobahn's pattern over a case number, matched against the whole number:
// '*' is any run of characters (dots included) and '?' one character, as in
// the fnmatch wstest uses; the baselines' glob_match does exactly that.
bool autobahn_pattern_match(std::string_view pattern, std::string_view number);

struct AutobahnSelection {
  std::vector<std::string> result_ids;  // in catalogue order
  std::string error;                    // set: nothing is selected
};

// The result ids the spec selects among `instances`: an instance is in when
// one of its Autobahn numbers matches a `cases` pattern and none matches an
// `exclude-cases` pattern; with `include_wsharness_cases`, instances with no
// Autobahn number are in as well. A literal number in `cases` that no
// instance carries is an error (a typo, or a case the catalogue does not
// cover), as is an `exclude-cases` entry that is not a case number pattern.
AutobahnSelection select_autobahn_cases(const std::vector<CaseInstance>& instances, const AutobahnConfig& config,
                                        bool include_wsharness_cases, const std::string& file_name);

}  // namespace wsh::cases
