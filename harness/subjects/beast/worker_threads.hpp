#pragma once
// The extra threads a connection starts: the /spam sender and the
// /close-async caller (feature "threads"). They are real std::threads, so the
// harness exercises a second producer racing the connection's own handler.
//
// They outlive the strand callback that started them and post work to the
// io_context, so the process owns them: it waits for them to finish (bounded),
// then, after the io threads stopped, asks the stragglers to stop and joins
// them, all before the io_context they post to is destroyed.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>

namespace wsh::subject::beast_subject {

class WorkerThreads {
 public:
  using Clock = std::chrono::steady_clock;
  using Body = std::function<void(std::stop_token)>;

  WorkerThreads() = default;
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;
  ~WorkerThreads();

  // Runs `body` on a new thread; false (and `body` is not run) after
  // stop_and_join(). Joins threads that have finished since the last call, so
  // a long-lived server does not accumulate them.
  bool start(Body body);

  // Waits until every started thread has returned; false when `deadline` came first.
  bool wait_until_idle(Clock::time_point deadline);

  // Requests stop on every thread, joins them all, and refuses new ones.
  void stop_and_join();

  std::size_t running() const;

 private:
  struct Worker {
    std::jthread thread;
    bool finished = false;  // guarded by mutex_
  };

  void reap_finished_locked(std::list<Worker>& reaped);

  mutable std::mutex mutex_;
  std::condition_variable idle_;
  std::list<Worker> workers_;
  std::size_t running_ = 0;
  bool stopped_ = false;
};

}  // namespace wsh::subject::beast_subject
