#pragma once
// Helpers for loopback tests of net and faults: a connected socket pair made
// in one thread, reading a stream to its end with a deadline, and a temp
// directory for throwaway certificates.

#include <poll.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "net/bytes.hpp"
#include "net/deadline.hpp"
#include "net/fd_wait.hpp"
#include "net/tcp_listener.hpp"
#include "net/tcp_socket.hpp"

namespace wsh::net::test {

using namespace std::chrono_literals;
// Tests of other modules (faults) use these through `using namespace net::test`.
using net::Bytes;
using net::ByteView;
using net::Clock;
using net::Deadline;
using net::deadline_in;

// Both ends of one loopback TCP connection. connect() completes against the
// listen backlog, so no second thread is needed to accept.
struct TcpPair {
  TcpListener listener;
  TcpSocket client;
  TcpSocket server;
};

inline TcpPair make_tcp_pair(const Endpoint& where = {"127.0.0.1", 0}) {
  TcpPair pair;
  pair.listener = TcpListener::listen(where);
  pair.client = TcpSocket::connect(Endpoint{where.host, pair.listener.port()}, deadline_in(5s));
  pair.server = pair.listener.accept(deadline_in(5s));
  return pair;
}

// True once `socket` has something to read (bytes, EOF or RST) before the deadline.
inline bool wait_for_readable(TcpSocket& socket, Deadline deadline) {
  return wait_for_fd(socket.fd(), POLLIN, deadline) == FdWait::Ready;
}

// Everything one side of a stream received, read by read_some until EOF,
// RST, an error or the deadline.
struct Drained {
  Bytes bytes;
  ReadStatus end = ReadStatus::Error;
  int reads = 0;  // read_some calls that returned data
};

inline Drained drain(TcpSocket& socket, Deadline deadline, std::size_t chunk = 64 * 1024) {
  Drained drained;
  Bytes buffer(chunk);
  for (;;) {
    const ReadOutcome got = socket.read_some(buffer, deadline);
    if (got.status != ReadStatus::Data) {
      drained.end = got.status;
      return drained;
    }
    ++drained.reads;
    drained.bytes.insert(drained.bytes.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(got.n));
  }
}

// Reads until exactly `count` bytes arrived (or the stream ended/the deadline passed).
inline Bytes read_exactly(TcpSocket& socket, std::size_t count, Deadline deadline) {
  Bytes received;
  Bytes buffer(count);
  while (received.size() < count) {
    const ReadOutcome got = socket.read_some(std::span(buffer).first(count - received.size()), deadline);
    if (got.status != ReadStatus::Data) break;
    received.insert(received.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(got.n));
  }
  return received;
}

// 0, 1, 2, ... 255, 0, 1, ...: every offset's byte is predictable.
inline Bytes pattern(std::size_t size) {
  Bytes bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::uint8_t>(i);
  return bytes;
}

inline Bytes bytes_of(std::string_view text) { return Bytes(text.begin(), text.end()); }

// A fresh directory under the system temp dir, removed with its contents.
class ScopedTempDir {
 public:
  ScopedTempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "wsh-net-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~ScopedTempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace wsh::net::test
