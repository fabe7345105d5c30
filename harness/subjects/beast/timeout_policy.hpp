#pragma once
// How the subject protocol's timeout flags map onto Beast's one timeout knob,
// websocket::stream_base::timeout{handshake_timeout, idle_timeout,
// keep_alive_pings}, and what hello therefore reports as "in force".
//
//   --close-timeout-ms N  -> handshake_timeout = N. Beast uses the handshake
//                            timeout for the closing handshake too (and for the
//                            opening one: it has no separate knob), so N bounds
//                            both. The subject also applies N to the TCP
//                            connect and the TLS handshake, which Beast's
//                            websocket timer does not cover.
//   --read-timeout-ms N   -> idle_timeout = N, keep_alive_pings = false.
//   --ping-interval-ms P  -> keep_alive_pings = true, idle_timeout = 2 * P: Beast
//   (P > 0)                  sends a ping after idle_timeout / 2 of silence and
//                            fails the connection after a further idle_timeout / 2,
//                            so the ping interval is P and --read-timeout-ms is
//                            overridden (hello reports read_ms = 2 * P).
// A value of 0 for the close or read timeout means "none" (Beast's none()).

#include <chrono>
#include <optional>

#include "event_sink.hpp"
#include "subject_options.hpp"

namespace wsh::subject::beast_subject {

using Millis = std::chrono::milliseconds;

struct TimeoutPolicy {
  std::optional<Millis> handshake;  // opening and closing handshake; nullopt: none
  std::optional<Millis> idle;       // no data from the peer for this long fails the read
  bool keep_alive_pings = false;    // ping at idle / 2, fail at idle

  // The interval Beast pings at when keep_alive_pings is on, else nullopt.
  std::optional<Millis> ping_interval() const;
};

TimeoutPolicy timeout_policy_from(const SubjectOptions& options);

// Fills hello's timeouts with what Beast is actually configured with (0: none).
void report_timeouts(const TimeoutPolicy& policy, Hello& hello);

// How long a graceful shutdown waits for the close handshakes it started
// before it drops the remaining connections: the close timeout plus a margin
// for the handlers to run, or a fixed bound when the close timeout is none, so
// that a shutdown never hangs.
Millis shutdown_grace(const TimeoutPolicy& policy);

}  // namespace wsh::subject::beast_subject
