#pragma once
// The scripted peer's PeerChannel over a real connection (TCP, or TLS over
// TCP): plaintext above, faults on the TCP bytes below (FaultedConnection).

#include "faults/faulted_connection.hpp"
#include "peer/peer_channel.hpp"

namespace wsh::engine {

class ConnectionChannel final : public peer::PeerChannel {
 public:
  explicit ConnectionChannel(faults::FaultedConnection& connection) : connection_(connection) {}

  peer::ChannelRead read(peer::Deadline deadline) override;
  bool write(std::span<const std::uint8_t> bytes, peer::Deadline deadline) override;
  peer::AppliedFault apply_fault(const cases::FaultStep& fault) override;
  bool stalled() const override;
  void close() override;

 private:
  void send_close_notify(peer::Deadline deadline);

  faults::FaultedConnection& connection_;
  bool closed_ = false;
  bool close_notify_sent_ = false;
};

}  // namespace wsh::engine
