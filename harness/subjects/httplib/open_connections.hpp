#pragma once
// The set of open connections a graceful shutdown closes (PROTOCOL.md: /shutdown
// and SIGTERM close(GoingAway, "server shutting down") every open connection).
//
// A handler registers its connection after `open` and unregisters after its
// read loop, before it returns, because httplib destroys the ws::WebSocket as
// soon as the handler returns. The shutdown thread therefore must never call
// close() on a connection whose handler is past unregistering, and a handler
// must not return while the shutdown thread is inside its close(): each entry
// has its own lock, held by close_all() around the close and by unregistering.
// Connections are closed one at a time outside the registry lock, so a slow
// close handshake never blocks another handler from registering or leaving.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "event_sink.hpp"

namespace wsh::subject::httplib_subject {

// Calls the implementation's close(code, reason) on one connection.
using Closer = std::function<void(std::uint16_t code, const std::string& reason)>;

class OpenConnections {
  struct Entry;

 public:
  // Unregisters on release() or destruction; waits for a close() that the
  // shutdown thread is running on this connection.
  class Registration {
   public:
    Registration() = default;
    Registration(Registration&& other) noexcept;
    Registration& operator=(Registration&& other) noexcept;
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;
    ~Registration();

    void release();

   private:
    friend class OpenConnections;
    Registration(OpenConnections* owner, std::shared_ptr<Entry> entry);

    OpenConnections* owner_ = nullptr;
    std::shared_ptr<Entry> entry_;
  };

  // Registers a connection. After close_all() has run, the new connection is
  // closed at once with the same code and reason: a shutdown closes every
  // connection, including one that was accepted while it was under way.
  [[nodiscard]] Registration add(const ConnId& conn, Closer closer);

  // Closes every registered connection, one after another, on the calling
  // thread. Returns once every close() has returned.
  void close_all(std::uint16_t code, const std::string& reason);

  // Waits until no connection is registered; false when `bound` passed first.
  bool wait_until_empty(std::chrono::milliseconds bound);

  // The connections still registered, for the log when a shutdown gives up.
  std::vector<ConnId> open_ids() const;

 private:
  struct Entry {
    ConnId conn;
    Closer closer;
    std::mutex busy;    // held around close() and around unregistering
    bool gone = false;  // unregistered: the implementation object may be gone
  };
  struct Closing {
    std::uint16_t code;
    std::string reason;
  };

  void remove(const std::shared_ptr<Entry>& entry);
  static void close_entry(Entry& entry, const Closing& closing);

  mutable std::mutex mutex_;
  std::condition_variable emptied_;
  std::map<Entry*, std::shared_ptr<Entry>> entries_;
  std::optional<Closing> closing_;
};

}  // namespace wsh::subject::httplib_subject
