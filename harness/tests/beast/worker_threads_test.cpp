#include "worker_threads.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>

namespace wsh::subject::beast_subject {
namespace {

using namespace std::chrono_literals;

WorkerThreads::Clock::time_point generous() { return WorkerThreads::Clock::now() + 10s; }

TEST(WorkerThreads, RunsTheBodyOnAnotherThread) {
  WorkerThreads workers;
  std::promise<std::thread::id> ran_on;
  ASSERT_TRUE(workers.start([&ran_on](std::stop_token) { ran_on.set_value(std::this_thread::get_id()); }));
  auto future = ran_on.get_future();
  ASSERT_EQ(future.wait_for(10s), std::future_status::ready);
  EXPECT_NE(future.get(), std::this_thread::get_id());
}

TEST(WorkerThreads, WaitUntilIdleReturnsOnceEveryBodyReturned) {
  WorkerThreads workers;
  std::atomic<int> done{0};
  for (int i = 0; i < 4; ++i) workers.start([&done](std::stop_token) { ++done; });
  EXPECT_TRUE(workers.wait_until_idle(generous()));
  EXPECT_EQ(done.load(), 4);
  EXPECT_EQ(workers.running(), 0u);
}

TEST(WorkerThreads, WaitUntilIdleTimesOutOnABusyThread) {
  WorkerThreads workers;
  workers.start([](std::stop_token stop) {
    while (!stop.stop_requested()) std::this_thread::sleep_for(1ms);
  });
  EXPECT_FALSE(workers.wait_until_idle(WorkerThreads::Clock::now() + 20ms));
  workers.stop_and_join();
  EXPECT_EQ(workers.running(), 0u);
}

TEST(WorkerThreads, StopAndJoinStopsABodyThatWaitsForStop) {
  WorkerThreads workers;
  std::atomic<bool> saw_stop{false};
  workers.start([&saw_stop](std::stop_token stop) {
    while (!stop.stop_requested()) std::this_thread::sleep_for(1ms);
    saw_stop = true;
  });
  workers.stop_and_join();
  EXPECT_TRUE(saw_stop.load());
}

TEST(WorkerThreads, RefusesNewThreadsAfterStopAndJoin) {
  WorkerThreads workers;
  workers.stop_and_join();
  std::atomic<bool> ran{false};
  EXPECT_FALSE(workers.start([&ran](std::stop_token) { ran = true; }));
  EXPECT_FALSE(ran.load());
}

TEST(WorkerThreads, ReapsFinishedThreadsWhileRunning) {
  WorkerThreads workers;
  for (int round = 0; round < 50; ++round) {
    ASSERT_TRUE(workers.start([](std::stop_token) {}));
    ASSERT_TRUE(workers.wait_until_idle(generous()));
  }
  EXPECT_EQ(workers.running(), 0u);
}

}  // namespace
}  // namespace wsh::subject::beast_subject
