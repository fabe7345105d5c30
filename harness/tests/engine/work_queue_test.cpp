// The executor's queue: start order kept, heavy results capped, and a worker
// with only heavy results left waits for a slot rather than exceeding the cap.
#include "engine/work_queue.hpp"

#include "engine/hang_lanes.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace wsh::engine {
namespace {

TEST(WorkQueue, KeepsStartOrderWhenNothingIsHeavy) {
  WorkQueue queue({2, 0, 1}, {false, false, false}, 1);
  EXPECT_EQ(queue.take(), 2U);
  EXPECT_EQ(queue.take(), 0U);
  EXPECT_EQ(queue.take(), 1U);
  EXPECT_EQ(queue.take(), std::nullopt);
}

TEST(WorkQueue, AnExtraWorkerTakesOnlyTheLightResultsItAccepts) {
  // The hang lanes' view: results 1 and 3 are the hung subject's; 2 is heavy.
  WorkQueue queue({0, 1, 2, 3}, {false, false, true, false}, 1);
  const auto hung = [](std::size_t index) { return index == 1 || index == 2 || index == 3; };
  EXPECT_EQ(queue.take_light_if(hung), 1U);
  EXPECT_EQ(queue.take_light_if(hung), 3U);
  EXPECT_EQ(queue.take_light_if(hung), std::nullopt);  // 2 is heavy: left to take()
  EXPECT_EQ(queue.take(), 2U);
  EXPECT_EQ(queue.take(), 0U);
  EXPECT_EQ(queue.take(), std::nullopt);
}

// Counts `results` finished results, the first `hung` of them hangs (a worst
// case: the longest-first start order puts a subject's hangs first), and
// returns after how many the tally said yes, or 0.
int lanes_open_after(int hung, int results) {
  HangTally tally;
  int opened_at = 0;
  for (int i = 1; i <= results; ++i)
    if (tally.count(i <= hung)) {
      EXPECT_EQ(opened_at, 0) << "the tally said yes twice";
      opened_at = i;
    }
  return opened_at;
}

TEST(HangTally, ASubjectThatMostlyHangsGetsTheLanesOnce) {
  // faulty --bug hang-on-close: 345 of 561 hang.
  EXPECT_EQ(lanes_open_after(345, 561), kHangsBeforeLanes);
  HangTally tally;
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(tally.count(false));  // ten that do not hang first
  for (int i = 1; i < kHangsBeforeLanes; ++i) EXPECT_FALSE(tally.count(true));
  EXPECT_TRUE(tally.count(true));  // 16 of 26: more than half
}

TEST(HangTally, ASubjectThatHangsInAFewCasesNeverGetsThem) {
  // Beast: 8 of 561, even when all 8 finish first.
  EXPECT_EQ(lanes_open_after(8, 561), 0);
  // Enough hangs, but not half of what finished.
  HangTally tally;
  for (int i = 0; i < 40; ++i) EXPECT_FALSE(tally.count(false));
  for (int i = 0; i < 39; ++i) EXPECT_FALSE(tally.count(true));
  EXPECT_TRUE(tally.count(true));  // 40 of 80: half
}

TEST(WorkQueue, RunsLightResultsWhileTheHeavySlotsAreTaken) {
  // 0 and 1 heavy, one slot: after 0 is taken, 1 waits and the light ones go.
  WorkQueue queue({0, 1, 2, 3}, {true, true, false, false}, 1);
  EXPECT_EQ(queue.take(), 0U);
  EXPECT_EQ(queue.take(), 2U);
  EXPECT_EQ(queue.take(), 3U);
  queue.done(2);  // a light result's end frees no heavy slot
  queue.done(0);
  EXPECT_EQ(queue.take(), 1U);
  queue.done(1);
  EXPECT_EQ(queue.take(), std::nullopt);
}

TEST(WorkQueue, WaitsForAHeavySlotWhenOnlyHeavyResultsAreLeft) {
  WorkQueue queue({0, 1}, {true, true}, 1);
  ASSERT_EQ(queue.take(), 0U);
  std::atomic<bool> second_taken{false};
  std::thread worker([&] {
    EXPECT_EQ(queue.take(), 1U);
    second_taken = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(second_taken) << "a second heavy result started while the only slot was taken";
  queue.done(0);
  worker.join();
  EXPECT_TRUE(second_taken);
}

TEST(WorkQueue, AllowsAsManyHeavyResultsAsSlots) {
  WorkQueue queue({0, 1, 2}, {true, true, true}, 2);
  EXPECT_EQ(queue.take(), 0U);
  EXPECT_EQ(queue.take(), 1U);
  queue.done(1);
  EXPECT_EQ(queue.take(), 2U);
}

TEST(WorkQueue, EightWorkersFinishEveryResultWithTwoHeavySlots) {
  constexpr std::size_t kResults = 40;
  std::vector<std::size_t> order(kResults);
  std::vector<bool> heavy(kResults);
  for (std::size_t i = 0; i < kResults; ++i) {
    order[i] = i;
    heavy[i] = i % 4 != 3;  // mostly heavy, as a run of the size-limit cases
  }
  WorkQueue queue(order, heavy, 2);
  std::atomic<int> running_heavy{0};
  std::atomic<int> most_heavy{0};
  std::atomic<std::size_t> finished{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 8; ++w)
    workers.emplace_back([&] {
      while (const auto index = queue.take()) {
        if (heavy[*index]) {
          const int now = ++running_heavy;
          int seen = most_heavy.load();
          while (now > seen && !most_heavy.compare_exchange_weak(seen, now)) {
          }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (heavy[*index]) --running_heavy;
        ++finished;
        queue.done(*index);
      }
    });
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(finished, kResults);
  EXPECT_LE(most_heavy, 2);
}

}  // namespace
}  // namespace wsh::engine
