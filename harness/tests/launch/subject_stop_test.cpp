// Stopping a subject: SIGTERM, then SIGKILL after the grace; the whole
// process group goes; nothing is left behind, even without stop().
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <fstream>

#include "fake_subject.hpp"
#include "launch/subject.hpp"

namespace wsh::launch {
namespace {

using namespace std::chrono_literals;
using fake::eventually;
using fake::kHangMargin;
using fake::kHelloLine;
using fake::process_is_dead;
using fake::ScriptDir;
using fake::Stopwatch;
using ::testing::HasSubstr;

using fake::hello_then;

pid_t read_pid(const std::filesystem::path& file) {
  pid_t pid = -1;
  eventually(
      [&] {
        std::ifstream in(file);
        return static_cast<bool>(in >> pid);
      },
      10s);
  return pid;
}

TEST(SubjectStop, CooperativeSubjectEndsOnSigterm) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("polite", hello_then("exec sleep 1000")));
  ASSERT_TRUE(subject->await_hello(Clock::now() + 10s).ok());
  const auto outcome = subject->stop(10s);
  EXPECT_FALSE(outcome.needed_kill);
  EXPECT_EQ(outcome.status, ExitStatus::signaled(SIGTERM));
  EXPECT_LT(outcome.took, kHangMargin);
}

TEST(SubjectStop, SubjectThatHandlesSigtermExitsWithItsCode) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("handles-term", "trap 'exit 0' TERM\n" + hello_then(R"(
while :; do sleep 0.02; done)")));
  ASSERT_TRUE(subject->await_hello(Clock::now() + 10s).ok());
  const auto outcome = subject->stop(10s);
  EXPECT_FALSE(outcome.needed_kill);
  EXPECT_EQ(outcome.status, ExitStatus::exited(0));
}

TEST(SubjectStop, SubjectIgnoringSigtermIsKilledAfterTheGrace) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("ignores-term", "trap '' TERM\n" + hello_then("sleep 1000")));
  ASSERT_TRUE(subject->await_hello(Clock::now() + 10s).ok());
  const Stopwatch stopwatch;
  const auto outcome = subject->stop(300ms);
  EXPECT_TRUE(outcome.needed_kill);
  EXPECT_EQ(outcome.status, ExitStatus::signaled(SIGKILL));
  EXPECT_EQ(outcome.status.describe(), "killed by SIGKILL");
  EXPECT_GE(outcome.took, 300ms);
  EXPECT_LT(stopwatch.elapsed(), 300ms + kHangMargin);
}

TEST(SubjectStop, StopIsIdempotent) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("twice", "exec sleep 1000"));
  const auto first = subject->stop(10s);
  const auto second = subject->stop(10s);
  EXPECT_EQ(first.status, second.status);
  EXPECT_EQ(first.took, second.took);
}

TEST(SubjectStop, StopAfterTheSubjectExitedReportsItsExit) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("exit5", "exit 5"));
  EXPECT_EQ(subject->wait_for_exit(Clock::now() + 10s), ExitStatus::exited(5));
  const auto outcome = subject->stop(10s);
  EXPECT_FALSE(outcome.needed_kill);
  EXPECT_EQ(outcome.status, ExitStatus::exited(5));
}

TEST(SubjectStop, WaitForExitReturnsRunningAtTheDeadline) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("lingers", "exec sleep 1000"));
  const Stopwatch stopwatch;
  EXPECT_TRUE(subject->wait_for_exit(Clock::now() + 100ms).is_running());
  EXPECT_LT(stopwatch.elapsed(), 100ms + kHangMargin);
}

TEST(SubjectStop, ChildKeepingThePipeOpenIsKilledWithTheGroup) {
  ScriptDir dir;
  const auto pid_file = dir.path() / "child.pid";
  // The child inherits stdout and stderr and outlives its parent.
  auto subject =
      Subject::start(dir.spec("forks", "sleep 1000 &\necho $! > '" + pid_file.string() + "'\n" + hello_then("exit 0")));
  const pid_t child = read_pid(pid_file);
  ASSERT_GT(child, 0);

  // The parent's exit is noticed although the pipe stays open.
  const Stopwatch stopwatch;
  const auto ready = subject->await_ready(Clock::now() + 60s);
  ASSERT_FALSE(ready.ok());
  EXPECT_THAT(ready.message(), HasSubstr("subject exited with code 0 while waiting for ready"));
  EXPECT_LT(stopwatch.elapsed(), kHangMargin);
  EXPECT_FALSE(process_is_dead(child));

  const auto outcome = subject->stop(1s);
  EXPECT_EQ(outcome.status, ExitStatus::exited(0));
  EXPECT_TRUE(eventually([&] { return process_is_dead(child); }, 10s));
  EXPECT_LT(stopwatch.elapsed(), 1s + kHangMargin);
}

TEST(SubjectStop, DestructorKillsAndReapsTheGroupWithoutStop) {
  ScriptDir dir;
  const auto pid_file = dir.path() / "child.pid";
  pid_t leader = -1;
  const Stopwatch stopwatch;
  {
    auto subject = Subject::start(dir.spec(
        "forgotten", "trap '' TERM\nsleep 1000 &\necho $! > '" + pid_file.string() + "'\n" + hello_then("wait")));
    ASSERT_TRUE(subject->await_hello(Clock::now() + 10s).ok());
    leader = subject->pid();
  }
  EXPECT_LT(stopwatch.elapsed(), kHangMargin);
  // Reaped: no zombie of ours is left with that pid.
  EXPECT_TRUE(process_is_dead(leader));
  EXPECT_TRUE(eventually([&] { return process_is_dead(read_pid(pid_file)); }, 10s));
}

TEST(SubjectStop, StoppedSubjectIsKilled) {
  // SIGSTOP: SIGTERM stays pending, only SIGKILL ends it.
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("stops", hello_then("kill -STOP $$\nexec sleep 1000")));
  ASSERT_TRUE(subject->await_hello(Clock::now() + 10s).ok());
  ASSERT_TRUE(eventually([&] { return fake::process_state(subject->pid()) == 'T'; }, 10s));
  const auto outcome = subject->stop(200ms);
  EXPECT_TRUE(outcome.needed_kill);
  EXPECT_EQ(outcome.status, ExitStatus::signaled(SIGKILL));
}

TEST(SubjectStop, ProcessThatLeftTheGroupCannotHangTheHarness) {
  // setsid takes the child out of the group, beyond the group kill, with
  // the subject's stdout and stderr still open.
  ScriptDir dir;
  const auto pid_file = dir.path() / "escaped.pid";
  const Stopwatch stopwatch;
  pid_t escaped = -1;
  {
    auto spec = dir.spec(
        "escapes", "setsid sleep 1000 &\necho $! > '" + pid_file.string() + "'\n" + hello_then("exec sleep 1000"));
    auto subject = Subject::start(spec);
    escaped = read_pid(pid_file);
    EXPECT_TRUE(subject->await_hello(Clock::now() + 10s).ok());
    // Stop only once it has left: until setsid() ran, the group kill gets it.
    EXPECT_TRUE(eventually([&] { return escaped > 0 && ::getpgid(escaped) == escaped; }, 10s));
    const auto outcome = subject->stop(10s);
    EXPECT_EQ(outcome.status, ExitStatus::signaled(SIGTERM));
  }
  EXPECT_LT(stopwatch.elapsed(), kHangMargin);
  ASSERT_GT(escaped, 0);
  EXPECT_FALSE(process_is_dead(escaped));     // documented limit: it escaped
  if (escaped > 0) ::kill(escaped, SIGKILL);  // never kill(-1, ...)
}

TEST(SubjectStop, DestructorRightAfterStartDoesNotHang) {
  ScriptDir dir;
  const Stopwatch stopwatch;
  for (int i = 0; i < 20; ++i) Subject::start(dir.spec("short-lived", "exec sleep 1000"));
  EXPECT_LT(stopwatch.elapsed(), 20 * kHangMargin);
}

}  // namespace
}  // namespace wsh::launch
