#pragma once
// One connection's life as `wsharness perf` drives it against a server
// subject: connect, (TLS,) opening handshake, then the harness sends a close
// frame with 1000 and timestamps each stage of the ending:
//   close_reply  the subject's close frame arrived (RFC 6455 §5.5.1),
//   tcp_close    the subject closed TCP (FIN; §7.1.1: the server closes first),
//   cleanup      the subject's cleanup event arrived (stamped on arrival by
//                the launcher, the same clock).
// All three are measured from the moment the close frame was written. Every
// stage has its own deadline; a missed one ends the cycle with a failure.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "launch/subject.hpp"
#include "net/tls_material.hpp"

namespace wsh::perf {

using Micros = std::chrono::microseconds;

struct CycleTarget {
  std::uint16_t port = 0;                 // where the subject listens on 127.0.0.1
  const net::TlsMaterial* tls = nullptr;  // set: wss:// (trusting tls->ca_cert)
  Millis stage_timeout{2000};             // the bound on each stage
};

// What stopped a cycle. The names (failure_name) are perf.json's keys.
enum class CycleFailure {
  None,
  Connect,       // TCP connect refused or timed out
  TlsHandshake,  // wss: the TLS handshake failed
  Handshake,     // no valid 101 answer (RFC 6455 §4.1)
  BadFrame,      // the subject sent bytes that do not decode as frames
  NoCloseReply,  // no close frame before the deadline (or TCP ended first)
  NoTcpClose,    // the subject answered but kept TCP open past the deadline
  TcpReset,      // the subject reset TCP instead of closing it
  NoCleanup,     // no cleanup event for this connection before the deadline
};

std::string_view failure_name(CycleFailure failure);

struct CycleOutcome {
  launch::ConnId conn;  // the harness's local port; empty when never connected
  bool opened = false;  // the opening handshake succeeded
  CycleFailure failure = CycleFailure::None;
  std::string detail;  // what happened, for a failure
  std::optional<Micros> close_reply;
  std::optional<Micros> tcp_close;
  std::optional<Micros> cleanup;
  std::optional<int> reply_code;  // the close code the subject answered with
};

// Runs one cycle. `key_seed` chooses the Sec-WebSocket-Key.
CycleOutcome run_close_cycle(const CycleTarget& target, const launch::Subject& subject, std::uint64_t key_seed);

}  // namespace wsh::perf
