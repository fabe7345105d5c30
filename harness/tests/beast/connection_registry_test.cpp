#include "connection_registry.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

namespace wsh::subject::beast_subject {
namespace {

using namespace std::chrono_literals;

// Records what the registry asked of it.
class FakeConnection : public OpenConnection {
 public:
  void close(std::uint16_t code, std::string reason) override { closes.push_back({code, std::move(reason)}); }
  void abort() override { ++aborts; }

  struct Close {
    std::uint16_t code;
    std::string reason;
  };
  std::vector<Close> closes;
  int aborts = 0;
};

ConnectionRegistry::Clock::time_point soon() { return ConnectionRegistry::Clock::now() + 50ms; }

TEST(ConnectionRegistry, CloseAllClosesEveryRegisteredConnection) {
  ConnectionRegistry registry;
  auto first = std::make_shared<FakeConnection>();
  auto second = std::make_shared<FakeConnection>();
  registry.add(first);
  registry.add(second);
  registry.close_all(1001, "server shutting down");
  ASSERT_EQ(first->closes.size(), 1u);
  EXPECT_EQ(first->closes[0].code, 1001);
  EXPECT_EQ(first->closes[0].reason, "server shutting down");
  EXPECT_EQ(second->closes.size(), 1u);
}

TEST(ConnectionRegistry, ClosesAConnectionThatRegistersAfterCloseAll) {
  ConnectionRegistry registry;
  registry.close_all(1001, "going");
  auto late = std::make_shared<FakeConnection>();
  registry.add(late);
  ASSERT_EQ(late->closes.size(), 1u);
  EXPECT_EQ(late->closes[0].code, 1001);
}

TEST(ConnectionRegistry, DoesNotCloseARemovedConnection) {
  ConnectionRegistry registry;
  auto gone = std::make_shared<FakeConnection>();
  registry.add(gone);
  registry.remove(gone.get());
  registry.close_all(1001, "going");
  EXPECT_TRUE(gone->closes.empty());
}

TEST(ConnectionRegistry, DoesNotKeepConnectionsAlive) {
  ConnectionRegistry registry;
  auto connection = std::make_shared<FakeConnection>();
  std::weak_ptr<FakeConnection> weak = connection;
  registry.add(connection);
  connection.reset();
  EXPECT_TRUE(weak.expired());
  registry.close_all(1001, "going");  // must skip the dead entry
}

TEST(ConnectionRegistry, AbortAllAbortsEveryRegisteredConnection) {
  ConnectionRegistry registry;
  auto connection = std::make_shared<FakeConnection>();
  registry.add(connection);
  registry.abort_all();
  EXPECT_EQ(connection->aborts, 1);
}

TEST(ConnectionRegistry, WaitUntilEmptyReturnsFalseWhileAConnectionIsOpen) {
  ConnectionRegistry registry;
  auto connection = std::make_shared<FakeConnection>();
  registry.add(connection);
  EXPECT_FALSE(registry.wait_until_empty(soon()));
}

TEST(ConnectionRegistry, WaitUntilEmptyWakesWhenTheLastConnectionLeaves) {
  ConnectionRegistry registry;
  auto connection = std::make_shared<FakeConnection>();
  registry.add(connection);
  std::thread remover([&] { registry.remove(connection.get()); });
  EXPECT_TRUE(registry.wait_until_empty(ConnectionRegistry::Clock::now() + 10s));
  remover.join();
  EXPECT_EQ(registry.size(), 0u);
}

}  // namespace
}  // namespace wsh::subject::beast_subject
