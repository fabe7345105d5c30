#pragma once
// One TCP connection: an owned, close-on-exec, non-blocking file descriptor
// whose every wait is a poll(2) bounded by a Deadline. Reads tell a clean FIN
// (Eof) from an RST (Reset), because how the subject ended the connection is
// what the close-handling oracles judge (RFC 6455 §7.1.1: the server should
// close TCP first, cleanly).
//
// Threads: read_some and write_all may run at the same time on two threads
// (the proxy's two directions); close() and reset() must not race with them.

#include <cstdint>
#include <span>

#include "net/bytes.hpp"
#include "net/deadline.hpp"
#include "net/endpoint.hpp"
#include "net/io_outcome.hpp"
#include "net/loopback_guard.hpp"

namespace wsh::net {

class TcpSocket {
 public:
  TcpSocket() = default;
  // Adopts a connected socket (made non-blocking here if it is not already).
  explicit TcpSocket(int fd);
  ~TcpSocket();
  TcpSocket(TcpSocket&& other) noexcept;
  TcpSocket& operator=(TcpSocket&& other) noexcept;
  TcpSocket(const TcpSocket&) = delete;
  TcpSocket& operator=(const TcpSocket&) = delete;

  // Connects to the first address of `endpoint` that accepts. Each address
  // passes the loopback guard before its socket exists. Throws NetError:
  // NotLoopback, Resolve, Refused, Timeout or System.
  static TcpSocket connect(const Endpoint& endpoint, Deadline deadline, const AddressPolicy& policy = {});
  static TcpSocket connect(const SocketAddress& address, Deadline deadline, const AddressPolicy& policy = {});

  // Waits until at least one byte, EOF, RST or the deadline. An empty `buffer`
  // returns Data with n == 0 at once.
  ReadOutcome read_some(std::span<std::uint8_t> buffer, Deadline deadline);
  // Writes every byte or says why not. MSG_NOSIGNAL: a write to a reset
  // connection is an outcome (Broken/Reset), never a SIGPIPE.
  WriteOutcome write_all(ByteView bytes, Deadline deadline);

  // TCP_NODELAY: small writes leave as their own segments (chop relies on it).
  void set_nodelay(bool enabled);
  // SO_RCVBUF / SO_SNDBUF, for stall cases that want buffers to fill quickly.
  // The kernel doubles and clamps the value (socket(7)).
  void set_recv_buffer(int bytes);
  void set_send_buffer(int bytes);

  // Half-close: sends FIN; reading stays possible. Errors (e.g. the peer
  // already reset) are ignored: the write side is gone either way.
  void shutdown_write();
  // Abortive close: SO_LINGER {on, 0} then close(2), so the kernel sends RST
  // instead of FIN and discards unsent data; the peer's next read fails with
  // ECONNRESET.
  void reset();
  // Orderly close(2) (FIN, or RST if unread data was pending, as the kernel decides).
  void close();

  bool is_open() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  std::uint16_t local_port() const;
  std::uint16_t peer_port() const;

 private:
  int fd_ = -1;
};

}  // namespace wsh::net
