// Starting a subject: what it gets (argv, environment, descriptors, signal
// state) and how a start fails.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>

#include "fake_subject.hpp"
#include "launch/subject.hpp"

namespace wsh::launch {
namespace {

using namespace std::chrono_literals;
using fake::eventually;
using fake::kHangMargin;
using fake::kHelloLine;
using fake::process_name;
using fake::ScriptDir;
using ::testing::HasSubstr;
using ::testing::Not;

std::string launch_error_of(const LaunchSpec& spec) {
  try {
    Subject::start(spec);
  } catch (const LaunchError& error) {
    return error.what();
  }
  return "started";
}

TEST(SubjectStart, MissingProgramFailsWithTheReason) {
  LaunchSpec spec;
  spec.argv = {"/nonexistent/wsh-subject", "server"};
  const auto message = launch_error_of(spec);
  EXPECT_THAT(message, HasSubstr("/nonexistent/wsh-subject server"));
  EXPECT_THAT(message, HasSubstr("No such file or directory"));
}

TEST(SubjectStart, NonExecutableFileFailsWithTheReason) {
  ScriptDir dir;
  const auto script = dir.write("plain", "exit 0");
  std::filesystem::permissions(script, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  LaunchSpec spec;
  spec.argv = {script.string()};
  EXPECT_THAT(launch_error_of(spec), HasSubstr("Permission denied"));
}

TEST(SubjectStart, EmptyCommandIsRefused) { EXPECT_THAT(launch_error_of(LaunchSpec{}), HasSubstr("empty command")); }

TEST(SubjectStart, MissingWorkingDirectoryIsNamed) {
  LaunchSpec spec;
  spec.argv = {"/bin/true"};
  spec.working_dir = "/nonexistent/dir";
  EXPECT_THAT(launch_error_of(spec), HasSubstr("in /nonexistent/dir"));
}

TEST(SubjectStart, RunsAnExecutableDirectlyWithItsArguments) {
  ScriptDir dir;
  const auto script = dir.write("args", R"(printf '{"event":"error","message":"%s|%s"}\n' "$1" "$2"; sleep 1000)");
  LaunchSpec spec;
  spec.argv = {script.string(), "a b", "$HOME"};
  auto subject = Subject::start(spec);
  const auto error = subject->wait_for_event(EventKind::Error, Clock::now() + 10s);
  ASSERT_TRUE(error.ok()) << error.message();
  EXPECT_EQ(error.event().message, "a b|$HOME");
}

TEST(SubjectStart, WrapperIsPrependedToTheCommand) {
  ScriptDir dir;
  auto spec = dir.spec("wrapped", R"(printf '{"event":"error","message":"%s"}\n' "$WSH_WRAPPED"; sleep 1000)");
  spec.wrapper = {"/usr/bin/env", "WSH_WRAPPED=yes"};
  auto subject = Subject::start(spec);
  EXPECT_EQ(subject->command().front(), "/usr/bin/env");
  const auto error = subject->wait_for_event(EventKind::Error, Clock::now() + 10s);
  ASSERT_TRUE(error.ok()) << error.message();
  EXPECT_EQ(error.event().message, "yes");
}

TEST(SubjectStart, EnvironmentHasExtrasAndSanitizerDefaultsButUserValuesWin) {
  ScriptDir dir;
  auto spec = dir.spec("env", R"(echo "EXTRA=$WSH_EXTRA" >&2
echo "ASAN=$ASAN_OPTIONS" >&2
echo "UBSAN=$UBSAN_OPTIONS" >&2
echo "PATH=$PATH" >&2)");
  spec.extra_env = {{"WSH_EXTRA", "42"}, {"ASAN_OPTIONS", "exitcode=7"}};
  auto subject = Subject::start(spec);
  ASSERT_TRUE(subject->wait_for_exit(Clock::now() + 10s).is_exited());
  subject->stop(1s);
  const auto stderr_text = subject->stderr_tail();
  EXPECT_THAT(stderr_text, HasSubstr("EXTRA=42\n"));
  EXPECT_THAT(stderr_text, HasSubstr("exitcode=7"));
  EXPECT_THAT(stderr_text, Not(HasSubstr("ASAN=halt_on_error=1:abort_on_error=0:exitcode=86")));
  EXPECT_THAT(stderr_text, HasSubstr("UBSAN=halt_on_error=1:abort_on_error=0:print_stacktrace=1:exitcode=86"));
  EXPECT_THAT(stderr_text, HasSubstr(std::string("PATH=") + ::getenv("PATH")));
}

TEST(SubjectStart, StdinIsDevNull) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("stdin", "readlink /proc/$$/fd/0 >&2"));
  subject->wait_for_exit(Clock::now() + 10s);
  subject->stop(1s);
  EXPECT_EQ(subject->stderr_tail(), "/dev/null\n");
}

TEST(SubjectStart, InheritsNoDescriptorOfTheHarness) {
  // A descriptor opened without O_CLOEXEC, as careless harness code might.
  const int leaky = ::open("/dev/null", O_RDONLY);
  ASSERT_GE(leaky, 0);
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("fds", "exec ls /proc/self/fd >&2"));
  subject->wait_for_exit(Clock::now() + 10s);
  subject->stop(1s);
  ::close(leaky);
  // ls itself opens the directory it lists, as fd 3.
  EXPECT_EQ(subject->stderr_tail(), "0\n1\n2\n3\n");
}

TEST(SubjectStart, CountsTheDescriptorsTheSubjectHolds) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("holds-fds", std::string("exec 3</dev/null 4</dev/null 5</dev/null\necho '") +
                                                          std::string(kHelloLine) + "'\nexec sleep 1000"));
  ASSERT_TRUE(subject->await_hello(Clock::now() + 10s).ok());
  ASSERT_TRUE(eventually([&] { return process_name(subject->pid()) == "sleep"; }, 10s));
  // The kernel renames the process before it closes the shell's close-on-exec
  // descriptors, so the count may still drop for a moment after the rename.
  std::optional<std::size_t> count;
  eventually([&] { return (count = subject->open_fd_count()) == 6u; }, 10s);
  EXPECT_EQ(count, 6u);  // stdin, stdout, stderr and the three it opened
  subject->stop(1s);
  EXPECT_EQ(subject->open_fd_count(), std::nullopt);
}

TEST(SubjectStart, SubjectGetsDefaultSignalStateWhateverTheHarnessThreadHas) {
  // The spawning thread blocks SIGTERM and the harness ignores SIGPIPE; the
  // subject must still die of SIGTERM and of SIGPIPE.
  sigset_t term;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  sigset_t old_mask;
  ASSERT_EQ(::pthread_sigmask(SIG_BLOCK, &term, &old_mask), 0);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction old_pipe {};
  ASSERT_EQ(::sigaction(SIGPIPE, &ignore, &old_pipe), 0);

  ScriptDir dir;
  auto subject = Subject::start(dir.spec("signals", "exec grep -E '^Sig(Blk|Ign)' /proc/self/status >&2"));

  ::sigaction(SIGPIPE, &old_pipe, nullptr);
  ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  subject->wait_for_exit(Clock::now() + 10s);
  subject->stop(1s);
  unsigned long long blocked = ~0ull;
  unsigned long long ignored = ~0ull;
  ASSERT_EQ(std::sscanf(subject->stderr_tail().c_str(), "SigBlk: %llx SigIgn: %llx", &blocked, &ignored), 2)
      << subject->stderr_tail();
  EXPECT_EQ(blocked, 0u);
  // Bit N-1 is signal N. glibc's posix_spawn leaves its two internal signals
  // (32 and 33, below SIGRTMIN) ignored in every child, and glibc programs
  // reinstall them at start-up; the standard signals 1..31 must be default.
  EXPECT_EQ(ignored & 0x7fffffffull, 0u) << std::hex << ignored;
}

TEST(SubjectStart, RunsInItsOwnProcessGroup) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("group", "exec sleep 1000"));
  EXPECT_EQ(::getpgid(subject->pid()), subject->pid());
  EXPECT_NE(::getpgid(subject->pid()), ::getpgrp());
}

}  // namespace
}  // namespace wsh::launch
