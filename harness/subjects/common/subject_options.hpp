#pragma once
// The command line every subject accepts (DESIGN.md, "Invocation"):
//   <cmd> server --port 0 [--tls-cert FILE --tls-key FILE]
//   <cmd> client --url ws[s]://127.0.0.1:PORT/PATH [--tls-ca FILE]
// plus --close-timeout-ms, --read-timeout-ms, --ping-interval-ms.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace CLI {
class App;
}

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

// Parses argv. `add_extra` lets a subject add its own flags (the faulty
// subject's --bug). On a usage error prints the problem to stderr and exits 2;
// on --help prints usage and exits 0.
SubjectOptions parse_subject_options(int argc, char** argv, const std::string& description,
                                     const std::function<void(CLI::App&)>& add_extra = {});

}  // namespace wsh::subject
