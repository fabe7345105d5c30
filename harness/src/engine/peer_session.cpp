#include "engine/peer_session.hpp"

#include <fmt/format.h>

#include "engine/step_event.hpp"
#include "net/net_error.hpp"
#include "net/tcp_socket.hpp"
#include "net/tls_endpoint.hpp"

namespace wsh::engine {

PeerSession::PeerSession(const PeerSessionSetup& setup, std::size_t index, std::uint64_t seed,
                         oracles::Observation* observation)
    : setup_(setup), index_(index), random_(seed), observation_(observation ? *observation : own_observation_) {}

PeerSession::~PeerSession() {
  // A session dropped before play() (the run stopped) still closes its socket.
  if (peer_ && !finished_) peer_->finish();
}

bool PeerSession::connect(peer::Deadline deadline) {
  observation_.subject_is_server = true;
  // Events before this connection cannot be about it: its waits start here.
  event_cursor_ = setup_.subject->event_count();
  try {
    net::AddressPolicy policy;
    policy.allow_non_loopback = setup_.allow_non_loopback;
    auto socket = net::TcpSocket::connect(net::Endpoint{"127.0.0.1", setup_.port}, deadline, policy);
    const auto conn = std::to_string(socket.local_port());
    attach(std::move(socket), conn);
  } catch (const net::NetError& error) {
    observation_.handshake_error = fmt::format("could not connect: {}", error.what());
    return false;
  }
  return true;
}

void PeerSession::attach(net::TcpSocket socket, launch::ConnId conn) {
  conn_ = std::move(conn);
  // The harness plays the other end: a TLS client toward a server subject,
  // a TLS server toward a client subject.
  std::optional<net::TlsEndpoint> tls;
  if (setup_.tls)
    tls = setup_.subject_is_server ? net::TlsEndpoint::client(setup_.tls->ca_cert, "127.0.0.1")
                                   : net::TlsEndpoint::server(setup_.tls->server_cert, setup_.tls->server_key);
  faulted_ = std::make_unique<faults::FaultedConnection>(net::Connection(std::move(socket), std::move(tls)), random_);
}

bool PeerSession::handshake(peer::Deadline deadline) {
  const auto& instance = *setup_.instance;
  channel_ = std::make_unique<ConnectionChannel>(*faulted_);
  peer::PeerConfig config;
  config.subject_is_server = setup_.subject_is_server;
  config.port = setup_.port;
  config.reply_close = instance.reply_close;
  config.auto_pong = instance.auto_pong;
  peer_ = std::make_unique<peer::ScriptedPeer>(
      *channel_, config, observation_, setup_.start, random_,
      [this](const cases::WaitEventStep& wanted, peer::Deadline slice_end, peer::Clock::time_point since) {
        return wait_event(wanted, slice_end, since);
      });

  const auto tls_handshake = faulted_->connection().handshake(deadline);
  if (!tls_handshake.ok()) {
    observation_.handshake_error = "TLS handshake failed: " + tls_handshake.detail;
    return false;
  }
  return peer_->handshake(instance, deadline);
}

void PeerSession::play(peer::Deadline case_deadline) {
  if (!peer_) return;
  if (observation_.handshake_ok) peer_->play(*setup_.instance, index_, case_deadline);
  peer_->finish();
  finished_ = true;
}

peer::EventWait PeerSession::wait_event(const cases::WaitEventStep& wanted, peer::Deadline slice_end,
                                        peer::Clock::time_point since) {
  return wait_for_step_event(*setup_.subject, wanted, conn_, slice_end, since, event_cursor_);
}

}  // namespace wsh::engine
