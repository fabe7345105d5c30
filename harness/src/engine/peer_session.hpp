#pragma once
// One connection between the harness and a subject, in either role: the
// one connection of a server or client case (engine/case_runner.cpp), or one
// of the many of a fleet (engine/fleet_runner.cpp). TCP (connected or
// accepted), TLS, the opening handshake, then the case's steps through its
// own scripted peer, drain, close. Each session owns everything its
// connection needs (socket, faults, peer, random stream, event cursor,
// observation), so sessions can run on different threads against the one
// shared Subject (whose waits are thread-safe).

#include <memory>
#include <optional>
#include <random>

#include "cases/case_model.hpp"
#include "engine/connection_channel.hpp"
#include "launch/subject.hpp"
#include "net/tcp_socket.hpp"
#include "net/tls_material.hpp"
#include "oracles/observation.hpp"
#include "peer/scripted_peer.hpp"

namespace wsh::engine {

struct PeerSessionSetup {
  const cases::CaseInstance* instance = nullptr;
  launch::Subject* subject = nullptr;
  const net::TlsMaterial* tls = nullptr;  // set for wss://
  bool subject_is_server = true;          // false: the subject is the client and the harness accepted it
  std::uint16_t port = 0;                 // where a server subject listens (0 for a client subject)
  bool allow_non_loopback = false;
  std::chrono::steady_clock::time_point start;  // the result's start: transcript times count from it
};

class PeerSession {
 public:
  // `index`: 0 for the first connection; steps with on = "first" run only there.
  // `observation`: where it records; null: into its own.
  PeerSession(const PeerSessionSetup& setup, std::size_t index, std::uint64_t seed,
              oracles::Observation* observation = nullptr);
  ~PeerSession();
  PeerSession(const PeerSession&) = delete;
  PeerSession& operator=(const PeerSession&) = delete;

  // TCP connect: conn() is known after it, before the subject has seen
  // anything but a TCP connection. False when it failed; the observation
  // says why.
  bool connect(peer::Deadline deadline);
  // Takes a TCP connection the caller made (a client subject accepted, or a
  // server subject connected to) as the one it plays on. Throws NetError when
  // its TLS endpoint cannot be made.
  void attach(net::TcpSocket socket, launch::ConnId conn);
  // TLS and the opening handshake (the case's handshake step, if it has
  // one), after a connect() that succeeded. False when they failed; the
  // observation says why.
  bool handshake(peer::Deadline deadline);
  // The case's steps (from the first after the handshake), then the drain,
  // then the harness closes its side. Stops at the first failed step.
  void play(peer::Deadline case_deadline);

  const launch::ConnId& conn() const { return conn_; }
  std::size_t index() const { return index_; }
  oracles::Observation& observation() { return observation_; }
  const oracles::Observation& observation() const { return observation_; }
  std::chrono::milliseconds waited() const { return peer_ ? peer_->waited() : std::chrono::milliseconds{0}; }
  // A step failed or the connection never opened: later connections of a
  // churn would only repeat it.
  bool broke() const { return !observation_.handshake_ok || observation_.step_failure.has_value(); }

 private:
  peer::EventWait wait_event(const cases::WaitEventStep& wanted, peer::Deadline slice_end,
                             peer::Clock::time_point since);

  PeerSessionSetup setup_;
  std::size_t index_;
  std::mt19937_64 random_;
  oracles::Observation own_observation_;
  oracles::Observation& observation_;
  launch::ConnId conn_;
  std::size_t event_cursor_ = 0;
  std::unique_ptr<faults::FaultedConnection> faulted_;
  std::unique_ptr<ConnectionChannel> channel_;
  std::unique_ptr<peer::ScriptedPeer> peer_;
  bool finished_ = false;
};

}  // namespace wsh::engine
