#include "open_connections.hpp"

#include <utility>

namespace wsh::subject::httplib_subject {

OpenConnections::Registration::Registration(OpenConnections* owner, std::shared_ptr<Entry> entry)
    : owner_(owner), entry_(std::move(entry)) {}

OpenConnections::Registration::Registration(Registration&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), entry_(std::move(other.entry_)) {}

OpenConnections::Registration& OpenConnections::Registration::operator=(Registration&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = std::exchange(other.owner_, nullptr);
    entry_ = std::move(other.entry_);
  }
  return *this;
}

OpenConnections::Registration::~Registration() { release(); }

void OpenConnections::Registration::release() {
  if (owner_ == nullptr || !entry_) return;
  owner_->remove(entry_);
  owner_ = nullptr;
  entry_.reset();
}

OpenConnections::Registration OpenConnections::add(const ConnId& conn, Closer closer) {
  auto entry = std::make_shared<Entry>();
  entry->conn = conn;
  entry->closer = std::move(closer);
  std::optional<Closing> closing;
  {
    std::lock_guard lock(mutex_);
    entries_.emplace(entry.get(), entry);
    closing = closing_;
  }
  if (closing) close_entry(*entry, *closing);
  return Registration(this, entry);
}

void OpenConnections::close_all(std::uint16_t code, const std::string& reason) {
  std::vector<std::shared_ptr<Entry>> snapshot;
  const Closing closing{code, reason};
  {
    std::lock_guard lock(mutex_);
    closing_ = closing;
    for (const auto& [key, entry] : entries_) snapshot.push_back(entry);
  }
  for (const auto& entry : snapshot) close_entry(*entry, closing);
}

void OpenConnections::close_entry(Entry& entry, const Closing& closing) {
  std::lock_guard busy(entry.busy);
  if (!entry.gone) entry.closer(closing.code, closing.reason);
}

void OpenConnections::remove(const std::shared_ptr<Entry>& entry) {
  {
    std::lock_guard busy(entry->busy);
    entry->gone = true;
  }
  {
    std::lock_guard lock(mutex_);
    entries_.erase(entry.get());
  }
  emptied_.notify_all();
}

bool OpenConnections::wait_until_empty(std::chrono::milliseconds bound) {
  std::unique_lock lock(mutex_);
  return emptied_.wait_for(lock, bound, [this] { return entries_.empty(); });
}

std::vector<ConnId> OpenConnections::open_ids() const {
  std::vector<ConnId> ids;
  std::lock_guard lock(mutex_);
  for (const auto& [key, entry] : entries_) ids.push_back(entry->conn);
  return ids;
}

}  // namespace wsh::subject::httplib_subject
