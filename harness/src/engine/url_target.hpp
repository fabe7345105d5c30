#pragma once
// A server the user started, tested by URL (`wsharness run --url`): no
// subject process is launched, one connection is opened per case, and only
// what the wire shows is judged, unless the server's own handler writes the
// probe's events (include/wsharness/probe.hpp) to a file the harness reads.
// docs/ARCHITECTURE.md, "Black-box mode by URL".

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>

namespace wsh::engine {

struct UrlTarget {
  std::string agent;  // the subject's name in reports (Autobahn's "agent")
  std::string url;    // as given
  bool tls = false;   // wss://
  std::string host;   // numeric address or localhost, without brackets
  std::uint16_t port = 0;
  std::string target = "/";                     // path and query, as sent in the request line
  std::optional<std::filesystem::path> tls_ca;  // trust this CA (wss)
  bool insecure = false;                        // wss without certificate verification
  bool speaks_protocol = false;                 // the server runs the chat commands (/close, /quit, ...)
  bool allow_remote = false;                    // a host outside loopback was allowed
  // The file the server's probe appends its events to (WSHARNESS_EVENTS):
  // set, the application oracles are judged from it (observed: probe).
  std::optional<std::filesystem::path> probe_events;

  // "host:port" as the Host header and messages write it ([::1]:9001).
  std::string authority() const;
};

// What a report says about how the application was seen.
inline constexpr const char* kObservedProtocol = "protocol";
inline constexpr const char* kObservedWireOnly = "wire-only";
inline constexpr const char* kObservedProbe = "probe";

// Parses ws[s]://HOST[:PORT][/PATH]. HOST is an IPv4 or IPv6 literal
// ([::1]) or localhost: the harness never asks a resolver (net/endpoint.hpp).
// The string is the problem, worded for the --url flag.
std::variant<UrlTarget, std::string> parse_url_target(const std::string& url);

}  // namespace wsh::engine
