#include "open_connections.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace wsh::subject::httplib_subject {
namespace {

using namespace std::chrono_literals;

struct CloseCall {
  std::uint16_t code;
  std::string reason;
};

TEST(OpenConnections, CloseAllClosesEveryRegisteredConnection) {
  OpenConnections connections;
  std::vector<CloseCall> a_calls, b_calls;
  auto a = connections.add("1", [&](std::uint16_t code, const std::string& reason) {
    a_calls.push_back({code, reason});
  });
  auto b = connections.add("2", [&](std::uint16_t code, const std::string& reason) {
    b_calls.push_back({code, reason});
  });
  connections.close_all(1001, "server shutting down");
  ASSERT_EQ(a_calls.size(), 1u);
  ASSERT_EQ(b_calls.size(), 1u);
  EXPECT_EQ(a_calls[0].code, 1001);
  EXPECT_EQ(b_calls[0].reason, "server shutting down");
}

TEST(OpenConnections, ReleasedConnectionIsNotClosed) {
  OpenConnections connections;
  int calls = 0;
  auto registration = connections.add("1", [&](std::uint16_t, const std::string&) { ++calls; });
  registration.release();
  connections.close_all(1001, "bye");
  EXPECT_EQ(calls, 0);
}

TEST(OpenConnections, ConnectionAddedAfterCloseAllIsClosedAtOnce) {
  OpenConnections connections;
  connections.close_all(1001, "late");
  CloseCall call{0, ""};
  auto registration = connections.add("1", [&](std::uint16_t code, const std::string& reason) {
    call = {code, reason};
  });
  EXPECT_EQ(call.code, 1001);
  EXPECT_EQ(call.reason, "late");
}

TEST(OpenConnections, WaitUntilEmptyReturnsOnceAllReleased) {
  OpenConnections connections;
  auto registration = connections.add("1", [](std::uint16_t, const std::string&) {});
  std::thread releaser([&] { registration.release(); });
  EXPECT_TRUE(connections.wait_until_empty(10s));
  releaser.join();
}

TEST(OpenConnections, WaitUntilEmptyGivesUpAfterItsBound) {
  OpenConnections connections;
  auto registration = connections.add("7", [](std::uint16_t, const std::string&) {});
  EXPECT_FALSE(connections.wait_until_empty(10ms));
  EXPECT_EQ(connections.open_ids(), std::vector<ConnId>{"7"});
}

TEST(OpenConnections, ReleaseWaitsForACloseInProgress) {
  // The handler must not return (and httplib destroy its WebSocket) while
  // the shutdown thread is inside that connection's close().
  OpenConnections connections;
  std::promise<void> close_entered;
  std::promise<void> let_close_finish;
  auto finish = let_close_finish.get_future().share();
  std::atomic<bool> close_finished{false};
  auto registration = connections.add("1", [&](std::uint16_t, const std::string&) {
    close_entered.set_value();
    finish.wait_for(10s);
    close_finished = true;
  });
  std::thread closer([&] { connections.close_all(1001, "bye"); });
  ASSERT_EQ(close_entered.get_future().wait_for(10s), std::future_status::ready);

  auto released = std::async(std::launch::async, [&] {
    registration.release();
    return close_finished.load();
  });
  EXPECT_EQ(released.wait_for(50ms), std::future_status::timeout);
  let_close_finish.set_value();
  ASSERT_EQ(released.wait_for(10s), std::future_status::ready);
  EXPECT_TRUE(released.get());
  closer.join();
}

TEST(OpenConnections, MovedRegistrationUnregistersOnce) {
  OpenConnections connections;
  auto first = connections.add("1", [](std::uint16_t, const std::string&) {});
  OpenConnections::Registration second = std::move(first);
  first.release();
  EXPECT_EQ(connections.open_ids().size(), 1u);
  second.release();
  EXPECT_TRUE(connections.open_ids().empty());
}

}  // namespace
}  // namespace wsh::subject::httplib_subject
