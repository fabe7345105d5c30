#include "shutdown_latch.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace wsh::subject::httplib_subject {
namespace {

TEST(ShutdownLatch, RequestFromAnotherThreadWakesTheWaiter) {
  ShutdownLatch latch;
  std::thread requester([&] { latch.request(); });
  EXPECT_TRUE(latch.wait());
  requester.join();
}

TEST(ShutdownLatch, RequestBeforeWaitIsKept) {
  ShutdownLatch latch;
  latch.request();
  EXPECT_TRUE(latch.wait());
}

TEST(ShutdownLatch, AbandonWakesWithoutARequest) {
  ShutdownLatch latch;
  std::thread abandoner([&] { latch.abandon(); });
  EXPECT_FALSE(latch.wait());
  abandoner.join();
}

}  // namespace
}  // namespace wsh::subject::httplib_subject
