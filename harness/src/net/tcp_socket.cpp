#include "net/tcp_socket.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "net/fd_wait.hpp"
#include "net/net_error.hpp"

namespace wsh::net {
namespace {

void set_int_option(int fd, int level, int name, int value, const char* what) {
  if (::setsockopt(fd, level, name, &value, sizeof value) != 0) {
    throw NetError(NetErrorKind::System, describe_errno(what, errno));
  }
}

// Acknowledges what was just read now rather than up to 40 ms later. A
// subject that writes two small segments back to back without TCP_NODELAY
// (a TLS close_notify after a close frame, a frame header before its payload)
// holds the second until the first is acknowledged, so Linux's delayed ACK
// on the harness's side would add 40 ms to every such exchange: most of the
// catalogue's wss wall time. The flag is not sticky (tcp(7)), hence after
// every read; it only flushes a pending ACK, so it is best effort.
void acknowledge_now(int fd) {
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
}

std::uint16_t port_of(int fd, int (*query)(int, sockaddr*, socklen_t*)) {
  if (fd < 0) return 0;
  sockaddr_storage storage{};
  socklen_t length = sizeof storage;
  if (query(fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0) return 0;
  return SocketAddress(reinterpret_cast<const sockaddr*>(&storage), length).port();
}

// Finishes a non-blocking connect: waits for writability, then reads SO_ERROR.
void await_connect(int fd, const SocketAddress& address, Deadline deadline) {
  switch (wait_for_fd(fd, POLLOUT, deadline)) {
    case FdWait::Ready: break;
    case FdWait::Timeout:
      throw NetError(NetErrorKind::Timeout, fmt::format("connect to {}: timed out", address.to_string()));
    case FdWait::Error:
      throw NetError(NetErrorKind::System,
                     describe_errno(fmt::format("connect to {}: poll", address.to_string()), errno));
  }
  int error = 0;
  socklen_t length = sizeof error;
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) error = errno;
  if (error == 0) return;
  throw NetError(error == ECONNREFUSED ? NetErrorKind::Refused : NetErrorKind::System,
                 describe_errno(fmt::format("connect to {}", address.to_string()), error));
}

}  // namespace

TcpSocket::TcpSocket(int fd) : fd_(fd) {
  if (fd_ < 0) return;
  const int flags = ::fcntl(fd_, F_GETFL);
  if (flags >= 0 && (flags & O_NONBLOCK) == 0) ::fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
}

TcpSocket::~TcpSocket() { close(); }

TcpSocket::TcpSocket(TcpSocket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

TcpSocket& TcpSocket::operator=(TcpSocket&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

TcpSocket TcpSocket::connect(const Endpoint& endpoint, Deadline deadline, const AddressPolicy& policy) {
  const std::vector<SocketAddress> addresses = resolve(endpoint);
  // Guard every candidate first: a refused address must not be tried even
  // when an allowed one precedes it and fails.
  for (const SocketAddress& address : addresses) require_allowed(address, policy);
  // "localhost" names two addresses; a subject may listen on only one of them.
  std::string refusals;
  for (const SocketAddress& address : addresses) {
    try {
      return connect(address, deadline, policy);
    } catch (const NetError& error) {
      if (error.kind() != NetErrorKind::Refused) throw;
      refusals += refusals.empty() ? error.what() : std::string("; ") + error.what();
    }
  }
  throw NetError(NetErrorKind::Refused, refusals);
}

TcpSocket TcpSocket::connect(const SocketAddress& address, Deadline deadline, const AddressPolicy& policy) {
  require_allowed(address, policy);
  TcpSocket socket(::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!socket.is_open()) throw NetError(NetErrorKind::System, describe_errno("socket", errno));
  if (::connect(socket.fd_, address.get(), address.length()) == 0) return socket;
  const int error = errno;
  if (error == EINPROGRESS || error == EINTR) {
    await_connect(socket.fd_, address, deadline);
    return socket;
  }
  throw NetError(error == ECONNREFUSED ? NetErrorKind::Refused : NetErrorKind::System,
                 describe_errno(fmt::format("connect to {}", address.to_string()), error));
}

ReadOutcome TcpSocket::read_some(std::span<std::uint8_t> buffer, Deadline deadline) {
  if (fd_ < 0) return {ReadStatus::Error, 0, "read on a closed socket"};
  if (buffer.empty()) return {ReadStatus::Data, 0, {}};
  for (;;) {
    const ssize_t got = ::recv(fd_, buffer.data(), buffer.size(), 0);
    if (got > 0) {
      acknowledge_now(fd_);
      return {ReadStatus::Data, static_cast<std::size_t>(got), {}};
    }
    if (got == 0) return {ReadStatus::Eof, 0, {}};
    const int error = errno;
    if (error == EINTR) continue;
    if (error == ECONNRESET) return {ReadStatus::Reset, 0, {}};
    if (error != EAGAIN && error != EWOULDBLOCK) return {ReadStatus::Error, 0, describe_errno("recv", error)};
    switch (wait_for_fd(fd_, POLLIN, deadline)) {
      case FdWait::Ready: continue;
      case FdWait::Timeout: return {ReadStatus::Timeout, 0, {}};
      case FdWait::Error: return {ReadStatus::Error, 0, describe_errno("poll", errno)};
    }
  }
}

WriteOutcome TcpSocket::write_all(ByteView bytes, Deadline deadline) {
  if (fd_ < 0) return {WriteStatus::Error, 0, "write on a closed socket"};
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t sent = ::send(fd_, bytes.data() + written, bytes.size() - written, MSG_NOSIGNAL);
    if (sent >= 0) {
      written += static_cast<std::size_t>(sent);
      continue;
    }
    const int error = errno;
    if (error == EINTR) continue;
    if (error == ECONNRESET) return {WriteStatus::Reset, written, {}};
    if (error == EPIPE) return {WriteStatus::Broken, written, {}};
    if (error != EAGAIN && error != EWOULDBLOCK) return {WriteStatus::Error, written, describe_errno("send", error)};
    switch (wait_for_fd(fd_, POLLOUT, deadline)) {
      case FdWait::Ready: continue;
      case FdWait::Timeout: return {WriteStatus::Timeout, written, {}};
      case FdWait::Error: return {WriteStatus::Error, written, describe_errno("poll", errno)};
    }
  }
  return {WriteStatus::Ok, written, {}};
}

void TcpSocket::set_nodelay(bool enabled) {
  set_int_option(fd_, IPPROTO_TCP, TCP_NODELAY, enabled ? 1 : 0, "TCP_NODELAY");
}

void TcpSocket::set_recv_buffer(int bytes) { set_int_option(fd_, SOL_SOCKET, SO_RCVBUF, bytes, "SO_RCVBUF"); }

void TcpSocket::set_send_buffer(int bytes) { set_int_option(fd_, SOL_SOCKET, SO_SNDBUF, bytes, "SO_SNDBUF"); }

void TcpSocket::shutdown_write() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

void TcpSocket::reset() {
  if (fd_ < 0) return;
  const linger abort_on_close{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
  close();
}

void TcpSocket::close() {
  if (fd_ < 0) return;
  ::close(std::exchange(fd_, -1));
}

std::uint16_t TcpSocket::local_port() const { return port_of(fd_, ::getsockname); }

std::uint16_t TcpSocket::peer_port() const { return port_of(fd_, ::getpeername); }

}  // namespace wsh::net
