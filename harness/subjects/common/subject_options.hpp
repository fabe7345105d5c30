#pragma once
// The command line every subject accepts (PROTOCOL.md, "Invocation"):
//   <cmd> server --port 0 [--tls-cert FILE --tls-key FILE]
//   <cmd> client --url ws[s]://127.0.0.1:PORT/PATH [--tls-ca FILE]
// plus --close-timeout-ms, --read-timeout-ms, --ping-interval-ms.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wsh::subject {

enum class Role { Server, Client };

struct WsUrl {
  bool secure = false;  // wss://
  std::string host;
  std::uint16_t port = 0;
  std::string target = "/";  // path and query
};

struct SubjectOptions {
  Role role = Role::Server;
  std::uint16_t port = 0;  // server: 0 picks a free port, reported in "ready"
  WsUrl url;               // client
  int close_timeout_ms = 1000;
  int read_timeout_ms = 5000;
  int ping_interval_ms = 0;  // 0: no heartbeat
  std::string tls_cert, tls_key, tls_ca;

  bool tls() const { return role == Role::Server ? !tls_cert.empty() : url.secure; }
};

// Parses ws://host:port/path and wss://...; nullopt when malformed.
std::optional<WsUrl> parse_ws_url(const std::string& text);

// A subject's own repeatable flag (the faulty subject's --bug and --emulate),
// accepted before or after the role: "--bug x server" and "server --bug x".
struct ExtraListFlag {
  std::string name;  // "--bug"
  std::string help;
  std::vector<std::string>* values = nullptr;
};

// Parses argv, with the subject's own flags `extras`. On a usage error prints
// the problem to stderr and exits 2; on --help prints usage and exits 0.
// CLI11 stays inside this file: it is the slowest header of the build.
SubjectOptions parse_subject_options(int argc, char** argv, const std::string& description,
                                     const std::vector<ExtraListFlag>& extras = {});

}  // namespace wsh::subject
