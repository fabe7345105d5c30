#pragma once
// The connections a subject process has open, so that /shutdown and SIGTERM
// can close every one of them (PROTOCOL.md: close(GoingAway, ...) on every
// open connection), and how many handlers are still running, so that the
// server can wait for them before it exits.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "net/deadline.hpp"

namespace wsh::subject::faulty {

// Closes one connection: the subject's own close(code, reason).
using Closer = std::function<void(std::uint16_t code, const std::string& reason)>;

class OpenConnections {
 public:
  using Handle = std::uint64_t;

  // Registers a connection. Once close_all() has run, the connection is
  // closed at once instead: a connection that opens during a shutdown is
  // shut down too.
  Handle add(Closer closer);
  // Unregisters it; after this returns its closer is never called again.
  void remove(Handle handle);
  // Calls every registered closer, and every later one, with code/reason.
  // `forget_newest` (bug shutdown-misses-one): with several registered, the
  // newest is left open, as an off-by-one over the registry would.
  void close_all(std::uint16_t code, const std::string& reason, bool forget_newest = false);

  // Handler threads (a connection from accept to cleanup, handshake included).
  void handler_started();
  void handler_finished();
  // True when no handler is left before the deadline.
  bool wait_for_handlers(net::Deadline deadline);

 private:
  std::mutex mutex_;
  std::condition_variable handlers_done_;
  std::map<Handle, Closer> closers_;
  Handle next_handle_ = 1;
  bool closing_all_ = false;
  std::uint16_t close_code_ = 0;
  std::string close_reason_;
  int running_handlers_ = 0;
};

// The end of a graceful shutdown, once every connection was asked to close:
// waits for the handlers, bounded by one close timeout and a margin (a
// handler stuck for good must not keep the process alive, and the harness
// stops a subject with SIGKILL 2 s after SIGTERM), then exits 0.
[[noreturn]] void wait_for_handlers_then_exit(OpenConnections& open_connections,
                                              std::chrono::milliseconds close_timeout);

// Rings once: /shutdown from a handler or SIGTERM from the signal thread,
// waited on by the thread that shuts the process down. It remembers whether
// a signal rang it, for linger-after-shutdown, which outlives a /shutdown
// until the harness's SIGTERM.
class ShutdownLatch {
 public:
  void request(bool by_signal = false);
  void wait();
  // True once a signal rang the latch (first or later), or false at the deadline.
  bool wait_for_signal(net::Deadline deadline);

 private:
  std::mutex mutex_;
  std::condition_variable requested_cv_;
  bool requested_ = false;
  bool by_signal_ = false;
};

}  // namespace wsh::subject::faulty
