#include "spam_sender.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

namespace wsh::subject::beast_subject {
namespace {

// One write's outcome, handed from the strand to the spam thread. Shared, so a
// completion that runs after the spam thread gave up writes into live memory.
class WriteOutcome {
 public:
  void set(bool written) {
    {
      std::lock_guard lock(mutex_);
      written_ = written;
    }
    changed_.notify_all();
  }

  // The outcome, or nullopt when `stop` was requested first.
  std::optional<bool> wait(std::stop_token stop) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, stop, [this] { return written_.has_value(); });
    return written_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable_any changed_;
  std::optional<bool> written_;
};

}  // namespace

std::size_t send_spam(const Spam& spam, const QueueTextMessage& queue, std::stop_token stop) {
  std::size_t written = 0;
  for (std::size_t index = 0; index < spam.count && !stop.stop_requested(); ++index) {
    auto outcome = std::make_shared<WriteOutcome>();
    const bool queued = queue(wsh::subject::spam_message(index, spam.size), [outcome](bool ok) { outcome->set(ok); });
    if (!queued) break;
    const auto ok = outcome->wait(stop);
    if (!ok || !*ok) break;
    ++written;
  }
  return written;
}

}  // namespace wsh::subject::beast_subject
