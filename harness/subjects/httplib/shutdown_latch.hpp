#pragma once
// "Shut down" arrives from two places, SIGTERM (on the signal thread) and a
// /shutdown chat command (on a connection's handler thread), but must be acted
// on by one thread that is not a handler: the shutdown closes every connection
// and then waits for their handlers to finish, which a handler cannot do for
// itself. The latch carries the request from either source to that thread.

#include <condition_variable>
#include <mutex>

namespace wsh::subject::httplib_subject {

class ShutdownLatch {
 public:
  // Asks for the shutdown. Safe from any thread, any number of times.
  void request();
  // Wakes every waiter without a request: the process is ending anyway.
  void abandon();
  // Blocks until request() or abandon(); true when a shutdown was requested.
  bool wait();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool requested_ = false;
  bool abandoned_ = false;
};

}  // namespace wsh::subject::httplib_subject
