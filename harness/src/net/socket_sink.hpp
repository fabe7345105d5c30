#pragma once
// The end of every outgoing path: a ByteSink that writes to a TcpSocket.

#include "net/byte_sink.hpp"
#include "net/net_error.hpp"
#include "net/tcp_socket.hpp"

namespace wsh::net {

class SocketSink final : public ByteSink {
 public:
  // `socket` must outlive the sink.
  explicit SocketSink(TcpSocket& socket) : socket_(&socket) {}

  WriteOutcome write(ByteView bytes, Deadline deadline) override { return socket_->write_all(bytes, deadline); }
  WriteOutcome flush(Deadline /*deadline*/) override { return {WriteStatus::Ok, 0, {}}; }
  void shutdown_write() override { socket_->shutdown_write(); }
  void reset() override { socket_->reset(); }
  // Best effort: a fault asking for separate segments must not turn a
  // socket the peer already reset into an exception mid-write.
  void set_nodelay(bool enabled) override {
    if (!socket_->is_open()) return;
    try {
      socket_->set_nodelay(enabled);
    } catch (const NetError&) {
    }
  }

 private:
  TcpSocket* socket_;
};

}  // namespace wsh::net
