#include "engine/connection_channel.hpp"

#include <fmt/format.h>

#include "faults/fault_registry.hpp"

namespace wsh::engine {
namespace {

constexpr std::chrono::milliseconds kCloseNotifyBudget{100};

}  // namespace

peer::ChannelRead ConnectionChannel::read(peer::Deadline deadline) {
  if (closed_) return {peer::ChannelStatus::Eof, {}, "closed by the harness"};
  while (true) {
    auto received = connection_.connection().read_some(deadline);
    switch (received.status) {
      case net::ReceivedStatus::Data: return {peer::ChannelStatus::Data, std::move(received.data), {}};
      // TLS close_notify is the end of the byte stream as far as WebSocket is
      // concerned; what TCP does next is read on the next call. A TLS peer
      // answers it with its own (RFC 8446 §6.1, RFC 5246 §7.2.1), and some
      // stacks (Beast's teardown) wait for that answer before closing TCP.
      case net::ReceivedStatus::CloseNotify: send_close_notify(deadline); continue;
      case net::ReceivedStatus::Eof:
        return {peer::ChannelStatus::Eof, {}, received.tls_truncated ? "TLS stream truncated (no close_notify)" : ""};
      case net::ReceivedStatus::Reset: return {peer::ChannelStatus::Reset, {}, {}};
      case net::ReceivedStatus::Timeout: return {peer::ChannelStatus::Timeout, {}, {}};
      case net::ReceivedStatus::Error: return {peer::ChannelStatus::Error, {}, received.error};
    }
  }
}

bool ConnectionChannel::write(std::span<const std::uint8_t> bytes, peer::Deadline deadline) {
  if (closed_) return false;
  return connection_.connection().write(bytes, deadline).ok();
}

peer::AppliedFault ConnectionChannel::apply_fault(const cases::FaultStep& fault) {
  // The case loader validated the fault against the registry already.
  auto made = faults::make_fault(fault.name, fault.params);
  const bool ends_connection = made->effects().ends_connection;
  faults::inject(std::move(made), connection_);
  return {faults::describe_fault(fault.name, fault.params), ends_connection};
}

bool ConnectionChannel::stalled() const { return connection_.connection().reading_stalled(); }

void ConnectionChannel::close() {
  if (closed_) return;
  closed_ = true;
  // An orderly TLS end before TCP's; best effort, the peer may be gone.
  send_close_notify(peer::Clock::now() + kCloseNotifyBudget);
  connection_.connection().close();
}

void ConnectionChannel::send_close_notify(peer::Deadline deadline) {
  if (close_notify_sent_ || !connection_.connection().is_tls()) return;
  close_notify_sent_ = true;
  // It is the last thing the harness writes: release anything a burst fault
  // still holds, or the alert would wait behind a burst that never fills.
  if (connection_.connection().send_close_notify(deadline).ok()) connection_.outgoing().flush(deadline);
}

}  // namespace wsh::engine
