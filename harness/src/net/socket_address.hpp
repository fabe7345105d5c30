#pragma once
// An IPv4 or IPv6 socket address, as the socket calls want it, printable for
// error messages and transcripts.

#include <sys/socket.h>

#include <cstdint>
#include <string>

namespace wsh::net {

class SocketAddress {
 public:
  SocketAddress() = default;
  // Copies `length` bytes of `address` (AF_INET or AF_INET6).
  SocketAddress(const sockaddr* address, socklen_t length);

  static SocketAddress ipv4_loopback(std::uint16_t port);
  static SocketAddress ipv6_loopback(std::uint16_t port);

  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage_); }
  socklen_t length() const { return length_; }
  int family() const { return storage_.ss_family; }
  std::uint16_t port() const;
  // "127.0.0.1:8080", "[::1]:8080".
  std::string to_string() const;

 private:
  sockaddr_storage storage_{};
  socklen_t length_ = 0;
};

// True for 127.0.0.0/8, ::1 and IPv4-mapped 127.0.0.0/8 (::ffff:127.x.y.z).
// Anything else, including the unspecified address, is not loopback.
bool is_loopback(const sockaddr* address);

}  // namespace wsh::net
