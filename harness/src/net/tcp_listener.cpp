#include "net/tcp_listener.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include <fmt/format.h>

#include "net/fd_wait.hpp"
#include "net/net_error.hpp"

namespace wsh::net {

TcpListener::~TcpListener() { close(); }

TcpListener::TcpListener(TcpListener&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

TcpListener& TcpListener::operator=(TcpListener&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

TcpListener TcpListener::listen(const Endpoint& endpoint, const AddressPolicy& policy, int backlog) {
  const SocketAddress address = resolve(endpoint).front();
  require_allowed(address, policy);
  TcpListener listener(::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!listener.is_open()) throw NetError(NetErrorKind::System, describe_errno("socket", errno));
  const int on = 1;
  ::setsockopt(listener.fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (::bind(listener.fd_, address.get(), address.length()) != 0) {
    throw NetError(NetErrorKind::System, describe_errno(fmt::format("bind {}", address.to_string()), errno));
  }
  if (::listen(listener.fd_, backlog) != 0) {
    throw NetError(NetErrorKind::System, describe_errno(fmt::format("listen on {}", address.to_string()), errno));
  }
  return listener;
}

SocketAddress TcpListener::local_address() const {
  sockaddr_storage storage{};
  socklen_t length = sizeof storage;
  if (fd_ < 0 || ::getsockname(fd_, reinterpret_cast<sockaddr*>(&storage), &length) != 0) return {};
  return SocketAddress(reinterpret_cast<const sockaddr*>(&storage), length);
}

std::uint16_t TcpListener::port() const { return local_address().port(); }

TcpSocket TcpListener::accept(Deadline deadline) {
  if (fd_ < 0) throw NetError(NetErrorKind::System, "accept on a closed listener");
  for (;;) {
    const int fd = ::accept4(fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) return TcpSocket(fd);
    const int error = errno;
    // A connection reset while still in the backlog is not the listener's failure.
    if (error == EINTR || error == ECONNABORTED) continue;
    if (error != EAGAIN && error != EWOULDBLOCK) throw NetError(NetErrorKind::System, describe_errno("accept", error));
    switch (wait_for_fd(fd_, POLLIN, deadline)) {
      case FdWait::Ready: continue;
      case FdWait::Timeout:
        throw NetError(NetErrorKind::Timeout,
                       fmt::format("accept on port {}: no connection before the deadline", port()));
      case FdWait::Error: throw NetError(NetErrorKind::System, describe_errno("accept: poll", errno));
    }
  }
}

void TcpListener::stop_accepting() {
  // On Linux, shutdown() of a listening socket resets it to closed: poll()
  // reports it and accept() fails with EINVAL.
  if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
}

void TcpListener::close() {
  if (fd_ >= 0) ::close(std::exchange(fd_, -1));
}

}  // namespace wsh::net
