// The other side of a cpp-httplib WebSocket, as a raw POSIX socket that
// writes exact bytes and reads frames back with a deadline. It parses no more
// of RFC 6455 than a test needs to look at what httplib put on the wire.
#pragma once

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>

namespace repro {

// --- bytes -----------------------------------------------------------------

inline std::string close_body(uint16_t code, const std::string &reason = "") {
  std::string body{static_cast<char>(code >> 8), static_cast<char>(code & 0xff)};
  return body + reason;
}

// One frame with a payload under 126 bytes; `masked` as a client must
// (RFC 6455 §5.3), unmasked as a server must.
inline std::string frame(uint8_t first_byte, const std::string &payload, bool masked) {
  const char key[4] = {0x37, 0x7a, 0x21, 0x5c};
  std::string out;
  out += static_cast<char>(first_byte);
  out += static_cast<char>((masked ? 0x80 : 0x00) | payload.size());
  if (masked) out.append(key, 4);
  for (size_t i = 0; i < payload.size(); ++i) {
    out += masked ? static_cast<char>(payload[i] ^ key[i % 4]) : payload[i];
  }
  return out;
}

// --- what came back ----------------------------------------------------------

struct Frame {
  enum Kind { Got, Eof, TimedOut } kind = TimedOut;
  uint8_t opcode = 0;
  std::string payload;

  bool is_close() const { return kind == Got && opcode == 0x8; }
  int close_code() const {  // -1: a close frame without a code
    if (!is_close() || payload.size() < 2) return -1;
    return (static_cast<uint8_t>(payload[0]) << 8) | static_cast<uint8_t>(payload[1]);
  }
  // RFC 6455 §7.1.7: to fail the connection an endpoint closes it, and
  // SHOULD first send a close frame with a fitting code. Either form passes.
  bool fails_connection_with(int code) const {
    return kind == Eof || (is_close() && close_code() == code);
  }
  std::string describe() const {
    if (kind == Eof) return "the connection was closed";
    if (kind == TimedOut) return "nothing arrived before the deadline";
    std::string text = "a frame with opcode " + std::to_string(opcode) + ", " +
                       std::to_string(payload.size()) + "-byte payload";
    if (is_close() && payload.size() >= 2) text += ", close code " + std::to_string(close_code());
    return text;
  }
};

// --- a connected socket --------------------------------------------------------

class RawSocket {
public:
  RawSocket() = default;
  explicit RawSocket(int fd) : fd_(fd) {}
  RawSocket(RawSocket &&other) noexcept : fd_(other.fd_), in_(std::move(other.in_)) { other.fd_ = -1; }
  RawSocket(const RawSocket &) = delete;
  RawSocket &operator=(const RawSocket &) = delete;
  ~RawSocket() { close(); }

  bool connect_to(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
  }

  // So that each write() below leaves as its own TCP segment.
  void set_nodelay() {
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }

  bool write(const std::string &bytes) {
    size_t off = 0;
    while (off < bytes.size()) {
      auto n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<size_t>(n);
    }
    return true;
  }

  // The client's opening handshake; true once a 101 response has arrived.
  bool upgrade(const std::string &path, std::chrono::milliseconds deadline = std::chrono::seconds(5)) {
    if (!write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               "Sec-WebSocket-Version: 13\r\n\r\n")) {
      return false;
    }
    std::string head;
    return read_head(head, deadline) && head.rfind("HTTP/1.1 101", 0) == 0;
  }

  // The server's side of the opening handshake, answering whatever key the
  // client sent; the accept value is computed by the library under test.
  bool accept_upgrade(std::chrono::milliseconds deadline = std::chrono::seconds(5)) {
    std::string head;
    if (!read_head(head, deadline)) return false;
    auto at = head.find("Sec-WebSocket-Key: ");
    if (at == std::string::npos) return false;
    at += 19;
    const std::string key = head.substr(at, head.find("\r\n", at) - at);
    return write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Accept: " + httplib::detail::websocket_accept_key(key) + "\r\n\r\n");
  }

  // One frame (payload under 64 KiB), or why there is none by the deadline.
  Frame read_frame(std::chrono::milliseconds deadline = std::chrono::seconds(3)) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    Frame f;
    if (!fill(2, until, f)) return f;
    const auto b1 = static_cast<uint8_t>(in_[1]);
    size_t len = b1 & 0x7f, at = 2;
    if (len == 126) {
      if (!fill(4, until, f)) return f;
      len = (static_cast<uint8_t>(in_[2]) << 8) | static_cast<uint8_t>(in_[3]);
      at = 4;
    }
    const size_t mask_at = at;
    if (b1 & 0x80) at += 4;
    if (!fill(at + len, until, f)) return f;
    f.kind = Frame::Got;
    f.opcode = static_cast<uint8_t>(in_[0]) & 0x0f;
    f.payload = in_.substr(at, len);
    if (b1 & 0x80) {
      for (size_t i = 0; i < len; ++i) f.payload[i] = static_cast<char>(f.payload[i] ^ in_[mask_at + i % 4]);
    }
    in_.erase(0, at + len);
    return f;
  }

  // Linux, and the other end of the connection in this process: waits until
  // it has taken every byte written so far out of its receive queue
  // (/proc/net/tcp, rx_queue), so that the next write reaches it in a recv()
  // of its own, however slowly the machine schedules its thread.
  bool wait_until_read_by_other_end(std::chrono::milliseconds deadline = std::chrono::seconds(5)) {
    sockaddr_in self{}, other{};
    socklen_t len = sizeof self;
    ::getsockname(fd_, reinterpret_cast<sockaddr *>(&self), &len);
    len = sizeof other;
    ::getpeername(fd_, reinterpret_cast<sockaddr *>(&other), &len);
    char their_end[32];  // the other socket's local:remote ports, as /proc/net/tcp prints them
    std::snprintf(their_end, sizeof their_end, ":%04X 0100007F:%04X", ntohs(other.sin_port), ntohs(self.sin_port));
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
      std::ifstream tcp("/proc/net/tcp");
      std::string line;
      bool listed = false;
      while (std::getline(tcp, line)) {
        auto at = line.find(their_end);
        if (at == std::string::npos) continue;
        listed = true;
        // "... st tx_queue:rx_queue ...": two fields after the addresses.
        std::istringstream rest(line.substr(at + std::strlen(their_end)));
        std::string state, queues;
        rest >> state >> queues;
        if (std::stoul(queues.substr(queues.find(':') + 1), nullptr, 16) == 0) return true;
      }
      if (!listed) return true;  // the other end is gone: nothing waits in its queue
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
  }

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

private:
  // Reads until `in_` holds `want` bytes; false (with f.kind set) otherwise.
  bool fill(size_t want, std::chrono::steady_clock::time_point until, Frame &f) {
    while (in_.size() < want) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      pollfd p{fd_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
        f.kind = Frame::TimedOut;
        return false;
      }
      char buf[4096];
      auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        f.kind = Frame::Eof;
        return false;
      }
      in_.append(buf, static_cast<size_t>(n));
    }
    return true;
  }

  bool read_head(std::string &head, std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    Frame unused;
    size_t end;
    while ((end = in_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill(in_.size() + 1, until, unused)) return false;
    }
    head = in_.substr(0, end + 4);
    in_.erase(0, end + 4);
    return true;
  }

  int fd_ = -1;
  std::string in_;
};

// A listening socket on 127.0.0.1 for a ws::WebSocketClient to connect to.
class RawListener {
public:
  RawListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(fd_, reinterpret_cast<sockaddr *>(&addr), len) == 0 && ::listen(fd_, 4) == 0 &&
        ::getsockname(fd_, reinterpret_cast<sockaddr *>(&addr), &len) == 0) {
      port_ = ntohs(addr.sin_port);
    }
  }
  ~RawListener() { ::close(fd_); }
  int port() const { return port_; }

  RawSocket accept(std::chrono::milliseconds deadline = std::chrono::seconds(5)) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(deadline.count())) <= 0) return RawSocket{};
    return RawSocket{::accept(fd_, nullptr, nullptr)};
  }

private:
  int fd_ = -1;
  int port_ = 0;
};

// --- the library under test as a server ------------------------------------------

// An httplib::Server with one WebSocket endpoint, "/ws", listening on a free
// loopback port until the object is destroyed.
class WebSocketServer {
public:
  explicit WebSocketServer(httplib::Server::WebSocketHandler handler,
                           const std::function<void(httplib::Server &)> &configure = {}) {
    if (configure) configure(svr_);
    svr_.WebSocket("/ws", std::move(handler));
    port_ = svr_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { svr_.listen_after_bind(); });
    svr_.wait_until_ready();
  }
  ~WebSocketServer() {
    svr_.stop();
    thread_.join();
  }
  httplib::Server &server() { return svr_; }
  int port() const { return port_; }

private:
  httplib::Server svr_;
  int port_ = 0;
  std::thread thread_;
};

} // namespace repro
