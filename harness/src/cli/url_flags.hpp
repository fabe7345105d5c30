#pragma once
// `wsharness run --url`: the flags that name a server the user started, and
// their checks before anything runs (a bad URL, a host off loopback, a server
// that is not there, not WebSocket, or closes at once: exit 2 in under 2 s,
// no report written). docs/ARCHITECTURE.md, "Black-box mode by URL".

#include <string>
#include <vector>

#include "engine/run_options.hpp"

namespace CLI {
class App;
}

namespace wsh::cli {

struct UrlFlags {
  std::string url;        // --url ws[s]://HOST:PORT/PATH
  std::string agent;      // --agent NAME (default: "url")
  std::string tls_ca;     // --tls-ca FILE
  bool insecure = false;  // --insecure
  bool speaks_protocol = false;
  bool allow_remote = false;
  std::string probe_events;  // --probe-events FILE: the server's WSHARNESS_EVENTS
  bool given() const { return !url.empty(); }
};

void add_url_flags(CLI::App& command, UrlFlags& flags);

// Parses and checks the target, probes it with one connection, and sets
// options.url_targets, roles and transports; returns the subject to run.
// Throws std::invalid_argument with a message naming the flag at fault.
std::vector<engine::SubjectSpec> url_subjects(const UrlFlags& flags, engine::RunOptions& options);

}  // namespace wsh::cli
