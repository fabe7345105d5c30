#include "spam_sender.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace wsh::subject::beast_subject {
namespace {

// A connection that writes on its own thread, as the strand would, and
// records what it wrote.
class SpamTargetConnection {
 public:
  explicit SpamTargetConnection(std::size_t fail_from = SIZE_MAX) : fail_from_(fail_from) {}
  ~SpamTargetConnection() {
    for (auto& thread : writers_) thread.join();
  }

  QueueTextMessage queue() {
    return [this](std::string message, WriteCompletion done) {
      std::lock_guard lock(mutex_);
      const bool ok = written_.size() < fail_from_;
      if (ok) written_.push_back(std::move(message));
      writers_.emplace_back([ok, done = std::move(done)] { done(ok); });
      return true;
    };
  }

  std::vector<std::string> written() {
    std::lock_guard lock(mutex_);
    return written_;
  }

 private:
  std::size_t fail_from_;
  std::mutex mutex_;
  std::vector<std::string> written_;
  std::vector<std::thread> writers_;
};

TEST(SendSpam, WritesEveryMessageInOrder) {
  SpamTargetConnection connection;
  std::stop_source never;
  const auto sent = send_spam(Spam{5, 20}, connection.queue(), never.get_token());
  EXPECT_EQ(sent, 5u);
  const auto written = connection.written();
  ASSERT_EQ(written.size(), 5u);
  for (std::size_t i = 0; i < written.size(); ++i) EXPECT_EQ(written[i], spam_message(i, 20));
}

TEST(SendSpam, StopsAtTheFirstFailedWrite) {
  SpamTargetConnection connection(/*fail_from=*/3);
  std::stop_source never;
  EXPECT_EQ(send_spam(Spam{10, 8}, connection.queue(), never.get_token()), 3u);
}

TEST(SendSpam, StopsWhenTheConnectionIsGone) {
  std::stop_source never;
  const QueueTextMessage gone = [](std::string, WriteCompletion) { return false; };
  EXPECT_EQ(send_spam(Spam{10, 8}, gone, never.get_token()), 0u);
}

TEST(SendSpam, GivesUpOnAWriteThatNeverCompletesWhenStopped) {
  std::vector<WriteCompletion> parked;  // never called: a write stuck forever
  const QueueTextMessage stuck = [&parked](std::string, WriteCompletion done) {
    parked.push_back(std::move(done));
    return true;
  };
  std::stop_source stop;
  std::thread stopper([&stop] { stop.request_stop(); });
  EXPECT_EQ(send_spam(Spam{10, 8}, stuck, stop.get_token()), 0u);
  stopper.join();
}

TEST(SendSpam, SendsNothingForZeroMessages) {
  SpamTargetConnection connection;
  std::stop_source never;
  EXPECT_EQ(send_spam(Spam{0, 8}, connection.queue(), never.get_token()), 0u);
  EXPECT_TRUE(connection.written().empty());
}

}  // namespace
}  // namespace wsh::subject::beast_subject
