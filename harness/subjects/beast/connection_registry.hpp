#pragma once
// The open connections of the process, so that a graceful shutdown (/shutdown
// or SIGTERM) can close every one of them with 1001 and wait, bounded, for
// their handlers to finish (PROTOCOL.md, "Behaviour, per connection").
//
// A connection registers after `open` and unregisters when its cleanup runs.
// The registry holds weak references: it never keeps a connection alive, and a
// connection's own completion handlers decide when it is destroyed.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace wsh::subject::beast_subject {

// What the registry may do to a connection, from any thread.
class OpenConnection {
 public:
  virtual ~OpenConnection() = default;
  // The application's close(code, reason): emits close_called, then starts the
  // close handshake on the connection's own strand.
  virtual void close(std::uint16_t code, std::string reason) = 0;
  // Drops the TCP connection without a close handshake: the last resort of a
  // bounded shutdown when a close handshake did not finish in time.
  virtual void abort() = 0;
};

class ConnectionRegistry {
 public:
  using Clock = std::chrono::steady_clock;

  // Registers an open connection. Once close_all() has run, a connection that
  // registers is closed at once with the same code and reason: a shutdown
  // closes every connection, including one whose handshake was in flight.
  void add(const std::shared_ptr<OpenConnection>& connection);
  void remove(const OpenConnection* connection);

  // Calls close(code, reason) on every registered connection (outside the
  // lock, so a connection may unregister meanwhile) and remembers the close for
  // connections that register later.
  void close_all(std::uint16_t code, const std::string& reason);
  // Calls abort() on every registered connection.
  void abort_all();

  // Waits until no connection is registered; false when `deadline` came first.
  bool wait_until_empty(Clock::time_point deadline);
  std::size_t size() const;

 private:
  struct PendingClose {
    std::uint16_t code = 0;
    std::string reason;
  };

  // The registered connections still alive; call with mutex_ held.
  std::vector<std::shared_ptr<OpenConnection>> live_connections_locked() const;

  mutable std::mutex mutex_;
  std::condition_variable emptied_;
  std::unordered_map<const OpenConnection*, std::weak_ptr<OpenConnection>> connections_;
  std::optional<PendingClose> closing_;
};

}  // namespace wsh::subject::beast_subject
