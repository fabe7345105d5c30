#pragma once
// A listening TCP socket for the harness's scripted servers and the proxy.
// Binds 127.0.0.1 port 0 by default, so parallel runs never collide on a port.

#include <cstdint>

#include "net/deadline.hpp"
#include "net/endpoint.hpp"
#include "net/loopback_guard.hpp"
#include "net/tcp_socket.hpp"

namespace wsh::net {

class TcpListener {
 public:
  TcpListener() = default;
  ~TcpListener();
  TcpListener(TcpListener&& other) noexcept;
  TcpListener& operator=(TcpListener&& other) noexcept;
  TcpListener(const TcpListener&) = delete;
  TcpListener& operator=(const TcpListener&) = delete;

  // Binds the first address of `endpoint` (guarded like connect) with
  // SO_REUSEADDR and listens. Port 0 lets the kernel pick; see port().
  // Throws NetError (NotLoopback, Resolve, System).
  static TcpListener listen(const Endpoint& endpoint = {}, const AddressPolicy& policy = {}, int backlog = 128);

  std::uint16_t port() const;
  // The address actually bound (with the kernel-picked port).
  SocketAddress local_address() const;

  // Waits for one connection until the deadline. Throws NetError(Timeout)
  // when none came, NetError(System) on failure.
  TcpSocket accept(Deadline deadline);

  // Refuses connections from now on and wakes a thread waiting in accept(),
  // which then throws NetError(System): how another thread stops an accept
  // loop at once rather than at its next deadline. close() still frees the fd.
  void stop_accepting();

  int fd() const { return fd_; }
  bool is_open() const { return fd_ >= 0; }
  void close();

 private:
  explicit TcpListener(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace wsh::net
