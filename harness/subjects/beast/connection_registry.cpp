#include "connection_registry.hpp"

namespace wsh::subject::beast_subject {

void ConnectionRegistry::add(const std::shared_ptr<OpenConnection>& connection) {
  std::optional<PendingClose> close_now;
  {
    std::lock_guard lock(mutex_);
    connections_.emplace(connection.get(), connection);
    close_now = closing_;
  }
  if (close_now) connection->close(close_now->code, close_now->reason);
}

void ConnectionRegistry::remove(const OpenConnection* connection) {
  std::lock_guard lock(mutex_);
  connections_.erase(connection);
  if (connections_.empty()) emptied_.notify_all();
}

std::vector<std::shared_ptr<OpenConnection>> ConnectionRegistry::live_connections_locked() const {
  std::vector<std::shared_ptr<OpenConnection>> live;
  live.reserve(connections_.size());
  for (const auto& [key, weak] : connections_) {
    if (auto connection = weak.lock()) live.push_back(std::move(connection));
  }
  return live;
}

void ConnectionRegistry::close_all(std::uint16_t code, const std::string& reason) {
  std::vector<std::shared_ptr<OpenConnection>> live;
  {
    // One critical section for both, so a connection that registers meanwhile
    // is closed exactly once: either here or by add().
    std::lock_guard lock(mutex_);
    closing_ = PendingClose{code, reason};
    live = live_connections_locked();
  }
  for (const auto& connection : live) connection->close(code, reason);
}

void ConnectionRegistry::abort_all() {
  std::vector<std::shared_ptr<OpenConnection>> live;
  {
    std::lock_guard lock(mutex_);
    live = live_connections_locked();
  }
  for (const auto& connection : live) connection->abort();
}

bool ConnectionRegistry::wait_until_empty(Clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  return emptied_.wait_until(lock, deadline, [this] { return connections_.empty(); });
}

std::size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

}  // namespace wsh::subject::beast_subject
