// Waiting for a subject's events: what arrives, in what order, and how a wait
// fails when the subject misbehaves.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <thread>

#include "fake_subject.hpp"
#include "launch/subject.hpp"

namespace wsh::launch {
namespace {

using namespace std::chrono_literals;
using fake::kHangMargin;
using fake::kHelloLine;
using fake::ScriptDir;
using fake::Stopwatch;
using ::testing::HasSubstr;

using fake::hello_then;

TEST(SubjectWait, HelloIsParsedIntoItsStruct) {
  ScriptDir dir;
  auto subject = Subject::start(
      dir.spec("hello", R"(echo '{"event":"hello","impl":"fake","version":"2.0","roles":["server","client"],)"
                        R"("features":["tls"],"timeouts":{"close_ms":250}}'
sleep 1000)"));
  const auto hello = subject->await_hello(Clock::now() + 10s);
  ASSERT_TRUE(hello.ok()) << hello.message();
  ASSERT_TRUE(hello.event().hello.has_value());
  EXPECT_EQ(hello.event().hello->version, "2.0");
  EXPECT_TRUE(hello.event().hello->has_feature("tls"));
  EXPECT_EQ(hello.event().hello->timeouts->close, Millis(250));
  ASSERT_TRUE(subject->hello().has_value());
  EXPECT_EQ(subject->hello()->impl, "fake");
}

TEST(SubjectWait, ReadyGivesThePort) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("ready", hello_then(R"(echo '{"event":"ready","port":40123}'
sleep 1000)")));
  const auto ready = subject->await_ready(Clock::now() + 10s);
  ASSERT_TRUE(ready.ok()) << ready.message();
  EXPECT_EQ(ready.event().port, 40123);
  EXPECT_EQ(ready.event().line_number, 2u);
}

TEST(SubjectWait, GarbageOnStdoutBecomesViolationsAndValidEventsStillArrive) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("garbage", R"(echo 'this is not json'
echo '[1,2]'
echo '{"no_event":1}'
echo '{"event":"bogus"}'
echo '{"event":"ready","port":"80"}'
printf 'bad \377\376 utf8\n'
echo
)" + hello_then("sleep 1000")));
  const auto hello = subject->await_hello(Clock::now() + 10s);
  ASSERT_TRUE(hello.ok()) << hello.message();
  EXPECT_EQ(hello.event().line_number, 8u);
  const auto violations = subject->protocol_violations();
  ASSERT_EQ(violations.size(), 7u);
  EXPECT_EQ(violations[0].line_number, 1u);
  EXPECT_THAT(violations[0].problem, HasSubstr("not valid JSON"));
  EXPECT_EQ(violations[0].excerpt, "this is not json");
  EXPECT_EQ(violations[1].problem, "not a JSON object");
  EXPECT_EQ(violations[2].problem, "no string field \"event\"");
  EXPECT_EQ(violations[3].problem, "unknown event \"bogus\"");
  EXPECT_EQ(violations[4].problem, "\"ready\": field \"port\" must be an integer");
  EXPECT_EQ(violations[5].excerpt, "bad \xff\xfe utf8");
  EXPECT_EQ(violations[6].problem, "empty line");
}

TEST(SubjectWait, EarlyExitFailsTheWaitAtOnceNotAtTheDeadline) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("exit3", hello_then("echo 'bind failed' >&2\nexit 3")));
  const Stopwatch stopwatch;
  const auto ready = subject->await_ready(Clock::now() + 60s);
  ASSERT_FALSE(ready.ok());
  EXPECT_LT(stopwatch.elapsed(), kHangMargin);
  EXPECT_EQ(ready.failure().reason, WaitFailureReason::SubjectExited);
  EXPECT_EQ(ready.failure().exit_status, ExitStatus::exited(3));
  const auto message = ready.message();
  EXPECT_THAT(message, HasSubstr("subject exited with code 3 while waiting for ready"));
  EXPECT_THAT(message, HasSubstr("1 event(s) arrived: hello(impl=fake, version=1)"));
  EXPECT_THAT(message, HasSubstr("bind failed"));
}

TEST(SubjectWait, EventsWrittenJustBeforeExitAreNotLost) {
  // The exit is noticed by another thread than the output; a wait must not
  // report the exit while the last events are still in the pipe.
  ScriptDir dir;
  for (int round = 0; round < 20; ++round) {
    auto subject = Subject::start(dir.spec("last-words", R"(i=0
while [ $i -lt 50 ]; do echo "{\"event\":\"open\",\"conn\":\"$i\"}"; i=$((i+1)); done
echo '{"event":"cleanup","conn":"49"}'
exit 0)"));
    const auto cleanup = subject->wait_for_event(EventKind::Cleanup, "49", Clock::now() + 30s);
    ASSERT_TRUE(cleanup.ok()) << "round " << round << ": " << cleanup.message();
    EXPECT_EQ(cleanup.index(), 50u);
  }
}

TEST(SubjectWait, MissingReadyTimesOutAtTheDeadlineSayingSo) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("no-ready", hello_then("exec sleep 1000")));
  const Stopwatch stopwatch;
  const auto ready = subject->await_ready(Clock::now() + 300ms);
  ASSERT_FALSE(ready.ok());
  EXPECT_GE(stopwatch.elapsed(), 300ms);
  EXPECT_LT(stopwatch.elapsed(), 300ms + kHangMargin);
  EXPECT_EQ(ready.failure().reason, WaitFailureReason::DeadlinePassed);
  EXPECT_THAT(ready.message(), HasSubstr("waiting for ready; subject still running"));
  EXPECT_THAT(ready.message(), HasSubstr("hello(impl=fake"));
}

TEST(SubjectWait, ASlicedWaitCountsItsTimeFromWhenItBegan) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("no-ready-sliced", hello_then("exec sleep 1000")));
  const auto began = Clock::now() - 5s;  // a step that has been waiting in slices for 5 s
  const auto ready = subject->wait_for_event(event_of(EventKind::Ready), Clock::now() + 10ms, 0, began);
  ASSERT_FALSE(ready.ok());
  EXPECT_GE(ready.failure().waited, 5000ms);
  EXPECT_THAT(ready.message(), HasSubstr("timed out after 50"));
}

TEST(SubjectWait, ErrorEventFailsTheWaitWithItsMessage) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("error", hello_then(R"(echo '{"event":"error","message":"cannot bind port"}'
exec sleep 1000)")));
  const Stopwatch stopwatch;
  const auto ready = subject->await_ready(Clock::now() + 60s);
  ASSERT_FALSE(ready.ok());
  EXPECT_LT(stopwatch.elapsed(), kHangMargin);
  EXPECT_THAT(ready.message(), HasSubstr("subject reported error \"cannot bind port\" while waiting for ready"));
}

TEST(SubjectWait, CrashBySignalIsNamed) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("segv", hello_then("kill -SEGV $$")));
  const auto ready = subject->await_ready(Clock::now() + 60s);
  ASSERT_FALSE(ready.ok());
  EXPECT_EQ(ready.failure().exit_status.signal(), SIGSEGV);
  EXPECT_THAT(ready.message(), HasSubstr("subject killed by SIGSEGV while waiting for ready"));
  EXPECT_EQ(subject->exit_status().describe(), "killed by SIGSEGV");
}

TEST(SubjectWait, BurstsArriveCompleteInOrderAndTimestamped) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("bursts", R"(burst() {
  i=$1
  while [ $i -lt $2 ]; do
    printf '{"event":"read","conn":"%d","result":"text"}\n' $i
    i=$((i+1))
  done
}
burst 0 500
sleep 0.05
burst 500 1000
echo '{"event":"cleanup","conn":"end"}'
exec sleep 1000)"));
  const auto before = Clock::now();
  const auto end = subject->wait_for_event(EventKind::Cleanup, "end", Clock::now() + 60s);
  ASSERT_TRUE(end.ok()) << end.message();
  const auto events = subject->events();
  ASSERT_EQ(events.size(), 1001u);
  for (std::size_t i = 0; i < 1000; ++i) {
    EXPECT_EQ(events[i].conn, std::to_string(i));
    EXPECT_EQ(events[i].line_number, i + 1);
    EXPECT_GE(events[i].at, before - 60s);  // stamped (not the epoch default)
    if (i > 0) {
      EXPECT_GE(events[i].at, events[i - 1].at);
    }
  }
  EXPECT_LE(events.back().at, Clock::now());
}

TEST(SubjectWait, WaitFromAnIndexFindsTheNextMatch) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("sequence", R"(echo '{"event":"open","conn":"1"}'
echo '{"event":"read","conn":"1","result":"text"}'
echo '{"event":"read","conn":"1","result":"fail"}'
echo '{"event":"cleanup","conn":"1"}'
exec sleep 1000)"));
  const auto deadline = Clock::now() + 10s;
  const auto first = subject->wait_for_event(EventKind::Read, "1", deadline);
  ASSERT_TRUE(first.ok()) << first.message();
  EXPECT_EQ(first.event().read_result, ReadResult::Text);
  const auto second = subject->wait_for_event(EventKind::Read, "1", deadline, first.index() + 1);
  ASSERT_TRUE(second.ok()) << second.message();
  EXPECT_EQ(second.event().read_result, ReadResult::Fail);
  const auto third = subject->wait_for_event(EventKind::Read, "1", Clock::now() + 100ms, second.index() + 1);
  EXPECT_FALSE(third.ok());
  EXPECT_EQ(subject->events_since(2).size(), 2u);
}

TEST(SubjectWait, CustomPredicateSeesEveryField) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("predicate", R"(echo '{"event":"close_called","conn":"5","code":1000}'
echo '{"event":"close_called","conn":"5","code":1005}'
exec sleep 1000)"));
  const EventMatcher reserved_code{"close_called with 1005",
                                   [](const SubjectEvent& event) { return event.close_code == 1005; }};
  const auto found = subject->wait_for_event(reserved_code, Clock::now() + 10s);
  ASSERT_TRUE(found.ok()) << found.message();
  EXPECT_EQ(found.index(), 1u);
  EXPECT_EQ(found.event().raw.at("code"), 1005);
}

TEST(SubjectWait, UnterminatedLastLineIsStillAnEvent) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("no-newline", R"(printf '{"event":"cleanup","conn":"1"}')"));
  const auto cleanup = subject->wait_for_event(EventKind::Cleanup, Clock::now() + 10s);
  EXPECT_TRUE(cleanup.ok()) << cleanup.message();
}

TEST(SubjectWait, ManyThreadsCanWaitAtOnce) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("many", R"(sleep 0.1
i=0
while [ $i -lt 8 ]; do echo "{\"event\":\"open\",\"conn\":\"$i\"}"; i=$((i+1)); done
exec sleep 1000)"));
  std::vector<std::thread> waiters;
  std::atomic<int> found{0};
  for (int i = 0; i < 8; ++i) {
    waiters.emplace_back([&subject, &found, i] {
      if (subject->wait_for_event(EventKind::Open, std::to_string(i), Clock::now() + 30s).ok()) ++found;
    });
  }
  for (auto& waiter : waiters) waiter.join();
  EXPECT_EQ(found.load(), 8);
}

// The multi-connection runner's pattern: one thread per connection walks its
// own connection's events with its own cursor while the events of all
// connections interleave, and another thread takes snapshots meanwhile.
TEST(SubjectWait, ThreadsWalkTheirOwnConnectionsThroughInterleavedEvents) {
  constexpr int kConnections = 50;
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("interleaved", R"(sleep 0.1
for kind in open read close_called cleanup; do
  i=0
  while [ $i -lt 50 ]; do
    case $kind in
      read) echo "{\"event\":\"read\",\"conn\":\"$i\",\"result\":\"fail\"}" ;;
      close_called) echo "{\"event\":\"close_called\",\"conn\":\"$i\",\"code\":1001}" ;;
      *) echo "{\"event\":\"$kind\",\"conn\":\"$i\"}" ;;
    esac
    i=$((i+1))
  done
done
exec sleep 1000)"));
  std::atomic<bool> done{false};
  std::thread snapshots([&] {
    while (!done) {
      (void)subject->events();
      (void)subject->open_fd_count();
      (void)subject->event_count();
    }
  });
  std::atomic<int> complete{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < kConnections; ++i) {
    waiters.emplace_back([&subject, &complete, i] {
      const auto conn = std::to_string(i);
      std::size_t cursor = 0;
      for (const auto kind : {EventKind::Open, EventKind::Read, EventKind::CloseCalled, EventKind::Cleanup}) {
        const auto found = subject->wait_for_event(kind, conn, Clock::now() + 30s, cursor);
        if (!found.ok() || found.event().conn != conn) return;
        cursor = found.index() + 1;
      }
      ++complete;
    });
  }
  for (auto& waiter : waiters) waiter.join();
  done = true;
  snapshots.join();
  EXPECT_EQ(complete.load(), kConnections);
  EXPECT_EQ(subject->event_count(), 4u * kConnections);
}

TEST(SubjectWait, AnExitEndsEveryThreadsWaitAtOnce) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("exits", hello_then("sleep 0.3\nexit 0")));
  const Stopwatch stopwatch;
  std::atomic<int> exited{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < 16; ++i) {
    waiters.emplace_back([&subject, &exited, i] {
      const auto cleanup = subject->wait_for_event(EventKind::Cleanup, std::to_string(i), Clock::now() + 30s);
      if (!cleanup.ok() && cleanup.failure().reason == WaitFailureReason::SubjectExited) ++exited;
    });
  }
  for (auto& waiter : waiters) waiter.join();
  EXPECT_EQ(exited.load(), 16);
  EXPECT_LT(stopwatch.elapsed(), kHangMargin);
}

}  // namespace
}  // namespace wsh::launch
