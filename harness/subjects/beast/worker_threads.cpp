#include "worker_threads.hpp"

#include <utility>

namespace wsh::subject::beast_subject {

WorkerThreads::~WorkerThreads() { stop_and_join(); }

void WorkerThreads::reap_finished_locked(std::list<Worker>& reaped) {
  for (auto it = workers_.begin(); it != workers_.end();) {
    const auto next = std::next(it);
    if (it->finished) reaped.splice(reaped.end(), workers_, it);
    it = next;
  }
}

bool WorkerThreads::start(Body body) {
  std::list<Worker> reaped;  // joined outside the lock, at the end of this scope
  std::lock_guard lock(mutex_);
  if (stopped_) return false;
  reap_finished_locked(reaped);
  auto& worker = workers_.emplace_back();
  ++running_;
  // The thread reports its own end under the lock; `worker` stays valid until
  // it is reaped, which only happens after `finished` is set.
  worker.thread = std::jthread([this, &worker, body = std::move(body)](std::stop_token stop) {
    body(stop);
    std::lock_guard done_lock(mutex_);
    worker.finished = true;
    if (--running_ == 0) idle_.notify_all();
  });
  return true;
}

bool WorkerThreads::wait_until_idle(Clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  return idle_.wait_until(lock, deadline, [this] { return running_ == 0; });
}

void WorkerThreads::stop_and_join() {
  std::list<Worker> all;
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    all.splice(all.end(), workers_);
  }
  for (auto& worker : all) worker.thread.request_stop();
  for (auto& worker : all) {
    if (worker.thread.joinable()) worker.thread.join();
  }
}

std::size_t WorkerThreads::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

}  // namespace wsh::subject::beast_subject
