// wsharness probe: the application view of your own WebSocket server.
//
// Add four calls to your connection handler and run your server with
// WSHARNESS_EVENTS=/path/to/events.jsonl; then
//
//   wsharness run --url ws://127.0.0.1:PORT/PATH --probe-events /path/to/events.jsonl
//
// judges what your handler saw as well as the wire: read() ends in exactly
// one Fail, and the cleanup after the read loop runs exactly once.
//
//   void handler(const Request& req, WebSocket& ws) {
//     auto probe = wsharness::probe::open(req.remote_addr, req.remote_port);  // 1. open
//     wsharness::probe::CleanupGuard cleanup(probe);  // 4. cleanup, when the handler returns
//     std::string message;
//     while (true) {
//       auto result = ws.read(message);
//       probe.read(result == Fail ? wsharness::probe::Read::Fail : wsharness::probe::Read::Text);  // 2. read result
//       if (result == Fail) break;
//       if (message == "bye") { probe.close_called(1000); ws.close(); }  // 3. close called
//       ...
//     }
//   }
//
// Each call appends one line of the subject protocol's events (see
// harness/subjects/PROTOCOL.md in wsharness) to the file, e.g.
//   {"event":"read","conn":"51234","peer":"127.0.0.1:51234","result":"fail"}
// `conn` is the peer's TCP port as the server sees it: the harness matches it
// with the local port of the connection it opened. Lines are written with one
// write(2) each on a descriptor opened with O_APPEND, so the lines of
// concurrent connections do not interleave. Without WSHARNESS_EVENTS every
// call does nothing. No times are written: the harness stamps each line when
// it reads it.
//
// Single header; C++17 and POSIX, nothing else. Thread-safe: a Connection may
// be used from any thread; calls on one connection are written in call order.
#ifndef WSHARNESS_PROBE_HPP
#define WSHARNESS_PROBE_HPP

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace wsharness {
namespace probe {

// What the application's read() returned (the protocol's `result`).
enum class Read { Text, Binary, Fail, Timeout };

namespace detail {

// The events file, opened once per process on first use (or -1: no probe).
inline int events_fd() {
  static const int fd = [] {
    const char* path = std::getenv("WSHARNESS_EVENTS");
    if (path == nullptr || *path == '\0') return -1;
    return ::open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  }();
  return fd;
}

// `text` as the inside of a JSON string: quote, backslash and every control
// character escaped; bytes >= 0x80 pass through (a peer address is ASCII).
inline void append_json_string(std::string& out, const std::string& text) {
  static const char hex[] = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\u00";
      out += hex[byte >> 4];
      out += hex[byte & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
}

// One line, one write(2): with O_APPEND the kernel places it whole at the
// end of the file, so concurrent connections' lines never interleave.
inline void write_line(const std::string& line) {
  const int fd = events_fd();
  if (fd < 0) return;
  ssize_t written;
  do {
    written = ::write(fd, line.data(), line.size());
  } while (written < 0 && errno == EINTR);
}

}  // namespace detail

// One connection of the server, named by its peer's address and port.
class Connection {
 public:
  Connection() = default;  // writes nothing
  Connection(const std::string& peer_address, int peer_port) : conn_(std::to_string(peer_port)) {
    peer_ = peer_address.find(':') != std::string::npos ? "[" + peer_address + "]:" + conn_
                                                         : peer_address + ":" + conn_;
  }

  // 2. What read() returned. After Fail the handler must read no more.
  void read(Read result) const {
    static const char* const names[] = {"text", "binary", "fail", "timeout"};
    emit("read", std::string(",\"result\":\"") + names[static_cast<int>(result)] + "\"");
  }
  // 3. The handler called close(code, ...).
  void close_called(int code) const { emit("close_called", ",\"code\":" + std::to_string(code)); }
  // 4. The cleanup after the read loop ran. Once per connection, or the
  //    harness reports app.cleanup-once.
  void cleanup() const { emit("cleanup", ""); }

  // The event that opens the connection; probe::open() calls it.
  void opened() const { emit("open", ""); }

 private:
  void emit(const char* event, const std::string& fields) const {
    if (conn_.empty()) return;
    std::string line = "{\"event\":\"";
    line += event;
    line += "\",\"conn\":";
    detail::append_json_string(line, conn_);
    line += ",\"peer\":";
    detail::append_json_string(line, peer_);
    line += fields;
    line += "}\n";
    detail::write_line(line);
  }

  std::string conn_;
  std::string peer_;
};

// 1. A connection opened: call first thing in the handler, with the peer's
// address and port as the server sees them.
inline Connection open(const std::string& peer_address, int peer_port) {
  Connection connection(peer_address, peer_port);
  connection.opened();
  return connection;
}

// Calls cleanup() when it goes out of scope: the RAII way to say "the
// cleanup after the read loop ran", on every path out of the handler.
class CleanupGuard {
 public:
  explicit CleanupGuard(const Connection& connection) : connection_(connection) {}
  ~CleanupGuard() { connection_.cleanup(); }
  CleanupGuard(const CleanupGuard&) = delete;
  CleanupGuard& operator=(const CleanupGuard&) = delete;

 private:
  const Connection& connection_;
};

}  // namespace probe
}  // namespace wsharness

#endif  // WSHARNESS_PROBE_HPP
