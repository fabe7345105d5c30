#pragma once
// The threads that run the process's one io_context. Every connection's
// operations are serialised on its own strand, so two threads never touch one
// Beast stream at once; two threads (not one) make that serialisation real,
// so a missing strand would show up under ThreadSanitizer.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "worker_threads.hpp"

namespace wsh::subject::beast_subject {

inline constexpr int kIoThreadCount = 2;

class IoThreads {
 public:
  IoThreads(boost::asio::io_context& io, int count);
  IoThreads(const IoThreads&) = delete;
  IoThreads& operator=(const IoThreads&) = delete;
  ~IoThreads();

  // Stops the io_context (pending handlers stay queued, to be destroyed with
  // it) and joins the threads.
  void stop_and_join();

 private:
  boost::asio::io_context& io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> keep_running_;
  std::vector<std::thread> threads_;
};

// The end of the process, in the only safe order: let the worker threads
// finish their last writes while the io threads still run (at most `bound`),
// stop the io threads, then stop and join the stragglers. Workers may post to
// the io_context until they are joined, so the io_context must outlive them;
// the caller destroys it afterwards.
void wind_down(WorkerThreads& workers, IoThreads& io_threads, std::chrono::milliseconds bound);

// The usual `bound`: how long the last /spam threads may take to notice
// their connection is gone.
inline constexpr std::chrono::milliseconds kWorkerWindDownBound{1000};

}  // namespace wsh::subject::beast_subject
