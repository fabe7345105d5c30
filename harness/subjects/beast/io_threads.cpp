#include "io_threads.hpp"

#include <exception>
#include <string>

#include "stderr_log.hpp"

namespace wsh::subject::beast_subject {

IoThreads::IoThreads(boost::asio::io_context& io, int count)
    : io_(io), keep_running_(boost::asio::make_work_guard(io)) {
  threads_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    threads_.emplace_back([this] {
      // A handler that throws must not take the whole subject down silently:
      // log it and keep serving the other connections.
      for (;;) {
        try {
          io_.run();
          return;
        } catch (const std::exception& error) {
          log_line(std::string("io thread: handler threw: ") + error.what());
        }
      }
    });
  }
}

IoThreads::~IoThreads() { stop_and_join(); }

void IoThreads::stop_and_join() {
  keep_running_.reset();
  io_.stop();
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void wind_down(WorkerThreads& workers, IoThreads& io_threads, std::chrono::milliseconds bound) {
  if (!workers.wait_until_idle(WorkerThreads::Clock::now() + bound)) {
    log_line("exit: " + std::to_string(workers.running()) + " worker thread(s) still busy; stopping them");
  }
  io_threads.stop_and_join();
  workers.stop_and_join();
}

}  // namespace wsh::subject::beast_subject
