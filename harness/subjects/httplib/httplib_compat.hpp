#pragma once
// The one door to cpp-httplib's httplib.h. Every translation unit of this
// subject includes httplib through this header, so all of them see the same
// configuration macros: httplib is header-only, and two translation units
// compiled with different CPPHTTPLIB_* values would break the one-definition
// rule. It also hides the API differences between releases.
//
// What each release lets a program configure for httplib::ws (read from the
// tagged httplib.h of every release 0.33.0 .. 0.53.1 and the newest commit):
//
//  knob                      0.33.0-0.37.2       0.38.0-0.42.0       0.43.0-0.52.0       0.53.0-head
//  ------------------------  ------------------  ------------------  ------------------  ------------------
//  server read timeout       macro READ_TIMEOUT  macro               macro               macro
//  (idle, per frame read)    only (default 300s)
//  client read timeout       set_read_timeout    same                same                same, + chrono
//                            (sec, usec); macro                                          overloads
//                            is the default
//  close-handshake wait      macro CLOSE_TIMEOUT macro               macro               macro
//  (after sending Close)     only (default 5s)
//  heartbeat (ping)          macro PING_INTERVAL set_websocket_ping_ same                same
//                            (default 30s), the  interval(sec) on
//                            ping thread always  Server and
//                            runs; 0 would spin  WebSocketClient;
//                            sending pings       0 = no heartbeat
//  missed-pong limit         none                none                set_websocket_max_  same
//                                                                    missed_pongs(n),
//                                                                    default 0 = never
//  WebSocketClient::connect  bool                bool                bool                ws::Result
//                                                                                        (explicit bool,
//                                                                                        error())
// (macros are CPPHTTPLIB_WEBSOCKET_<name>_SECOND, whole seconds.)
//
// So: close and server-read timeouts are fixed at compile time here (from
// CMake's WSH_HTTPLIB_CLOSE_TIMEOUT_SECOND / WSH_HTTPLIB_READ_TIMEOUT_SECOND);
// the client's read timeout and, from 0.38.0, the ping interval are set at run
// time. The ping macro keeps httplib's default, which is what a 0.33-0.37
// program runs with. CPPHTTPLIB_VERSION_NUM is a string literal ("0x002100")
// in every release, so #if cannot compare it: API differences are detected
// with concepts on the classes themselves, which also copes with forks.
//
// Behaviour differences worth knowing when reading results (not API):
//  - before 0.50.1, ~WebSocketClient frees the TLS session and then sends the
//    Close frame through the stream that still points at it (use-after-free on
//    wss:// when a client is destroyed while open, the /leave path).

#ifdef CPPHTTPLIB_VERSION
#error "include httplib.h only through httplib_compat.hpp, so every file sees the same CPPHTTPLIB_* macros"
#endif

#ifndef WSH_HTTPLIB_CLOSE_TIMEOUT_SECOND
#define WSH_HTTPLIB_CLOSE_TIMEOUT_SECOND 1
#endif
#ifndef WSH_HTTPLIB_READ_TIMEOUT_SECOND
#define WSH_HTTPLIB_READ_TIMEOUT_SECOND 5
#endif
// httplib's defaults (5 s, 300 s) would make a case wait minutes for a peer
// that never answers a Close or never sends again.
#define CPPHTTPLIB_WEBSOCKET_CLOSE_TIMEOUT_SECOND WSH_HTTPLIB_CLOSE_TIMEOUT_SECOND
#define CPPHTTPLIB_WEBSOCKET_READ_TIMEOUT_SECOND WSH_HTTPLIB_READ_TIMEOUT_SECOND
// httplib::Server gives every open WebSocket a worker of its thread pool for
// as long as it is open (upstream's README says so); the default pool holds
// at most 4 x max(8, cores - 1) workers, 32 on two cores, and a handshake
// past that waits for a worker. A server meant to hold many connections
// sizes its pool, as this one does for the catalogue's 50-client graceful
// shutdown (lifecycle.shutdown.clients): a configuration, not a defect.
#define CPPHTTPLIB_THREAD_POOL_COUNT 8
#define CPPHTTPLIB_THREAD_POOL_MAX_COUNT 128

#include <httplib.h>

#include <chrono>
#include <ctime>
#include <string>
#include <string_view>

#ifdef WSH_HTTPLIB_VERSION
// CMake read the version from the header it found; a different httplib.h
// earlier on the include path would make every result lie about its subject.
static_assert(std::string_view(CPPHTTPLIB_VERSION) == std::string_view(WSH_HTTPLIB_VERSION),
              "httplib.h on the include path is not the one CMake found (HTTPLIB_INCLUDE_DIR)");
#endif

namespace wsh::subject::httplib_subject {

#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
inline constexpr bool kTlsBuilt = true;
#else
inline constexpr bool kTlsBuilt = false;
#endif

// 0.38.0+: Server and WebSocketClient take the ping interval at run time.
template <typename Endpoint>
concept HasRuntimePingInterval = requires(Endpoint& endpoint) {
  endpoint.set_websocket_ping_interval(std::time_t{});
};

inline constexpr bool kRuntimePingInterval =
    HasRuntimePingInterval<httplib::Server> && HasRuntimePingInterval<httplib::ws::WebSocketClient>;

// Sets the heartbeat interval where the release allows it (0: no heartbeat);
// a no-op before 0.38.0, where the macro's interval is in force regardless.
template <typename Endpoint>
void set_ping_interval(Endpoint& endpoint, std::chrono::seconds interval) {
  if constexpr (HasRuntimePingInterval<Endpoint>) {
    endpoint.set_websocket_ping_interval(static_cast<std::time_t>(interval.count()));
  }
}

// Why WebSocketClient::connect() failed, for stderr: a bool says nothing,
// 0.53.0's ws::Result carries the failing layer.
inline std::string describe_connect_failure(bool) {
  return "connect() returned false (TCP connect, TLS handshake or WebSocket upgrade failed)";
}
template <typename ConnectResult>
requires requires(const ConnectResult& result) { httplib::to_string(result.error()); }
std::string describe_connect_failure(const ConnectResult& result) {
  return "connect() failed: " + httplib::to_string(result.error());
}

}  // namespace wsh::subject::httplib_subject
