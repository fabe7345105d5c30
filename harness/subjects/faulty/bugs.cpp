#include "bugs.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <utility>

#include <unistd.h>

namespace wsh::subject::faulty {
namespace {

constexpr std::array<std::pair<Bug, std::string_view>, 37> kBugNames = {{
    {Bug::DoubleCleanup, "double-cleanup"},
    {Bug::NoCleanup, "no-cleanup"},
    {Bug::ReadAfterFail, "read-after-fail"},
    {Bug::NeverAnswerClose, "never-answer-close"},
    {Bug::Send1005, "send-1005"},
    {Bug::EchoInvalidCode, "echo-invalid-code"},
    {Bug::CrashOnClose, "crash-on-close"},
    {Bug::HangOnClose, "hang-on-close"},
    {Bug::LeakFd, "leak-fd"},
    {Bug::SlowCleanup, "slow-cleanup"},
    {Bug::RaceSend, "race-send"},
    {Bug::CrashOnLeave, "crash-on-leave"},
    {Bug::MaskServerFrames, "mask-server-frames"},
    {Bug::NoCloseReplyTcp, "no-close-reply-tcp"},
    {Bug::InvalidUtf8Echo, "invalid-utf8-echo"},
    {Bug::ShutdownMissesOne, "shutdown-misses-one"},
    {Bug::LeakFdEvery10th, "leak-fd-every-10th"},
    {Bug::CleanupBeforeFail, "cleanup-before-fail"},
    {Bug::BadClosePayload, "bad-close-payload"},
    {Bug::OversizePong, "oversize-pong"},
    {Bug::DataAfterClose, "data-after-close"},
    {Bug::DropInsteadOfClose, "drop-instead-of-close"},
    {Bug::LoseMessage, "lose-message"},
    {Bug::FakeSanitizerReport, "fake-sanitizer-report"},
    {Bug::GarbageStdout, "garbage-stdout"},
    {Bug::SpamReorder, "spam-reorder"},
    {Bug::ReadFailUnreported, "read-fail-unreported"},
    {Bug::ReadFailTwice, "read-fail-twice"},
    {Bug::LingerAfterShutdown, "linger-after-shutdown"},
    {Bug::IgnoreProtocolError, "ignore-protocol-error"},
    {Bug::InvalidUtf8CloseReason, "invalid-utf8-close-reason"},
    {Bug::ShortWrite, "short-write"},
    {Bug::CloseReplyLimit, "close-reply-limit"},
    {Bug::CloseReasonCut, "close-reason-cut"},
    {Bug::TimeoutEndsConnection, "timeout-ends-connection"},
    {Bug::HeaderSplitFails, "header-split-fails"},
    {Bug::WrongAccept, "wrong-accept"},
}};

}  // namespace

std::string_view bug_name(Bug bug) {
  for (const auto& [value, name] : kBugNames)
    if (value == bug) return name;
  return "unknown";
}

std::optional<Bug> parse_bug(std::string_view name) {
  for (const auto& [value, known] : kBugNames)
    if (known == name) return value;
  return std::nullopt;
}

std::vector<std::string> all_bug_names() {
  std::vector<std::string> names;
  for (const auto& entry : kBugNames) names.emplace_back(entry.second);
  return names;
}

void BugSet::add(Bug bug) { bits_ |= bit(bug); }

std::vector<std::string> BugSet::names() const {
  std::vector<std::string> names;
  for (const auto& [value, name] : kBugNames)
    if (has(value)) names.emplace_back(name);
  return names;
}

BugParse parse_bugs(const std::vector<std::string>& names) {
  BugParse result;
  for (const auto& name : names) {
    const auto bug = parse_bug(name);
    if (!bug) {
      std::string known;
      for (const auto& entry : kBugNames) known += (known.empty() ? "" : ", ") + std::string(entry.second);
      result.error = "--bug: unknown bug switch '" + name + "'; known: " + known;
      return result;
    }
    result.bugs.add(*bug);
  }
  return result;
}

void crash(std::string_view why) {
  std::fprintf(stderr, "faulty: %.*s; aborting\n", static_cast<int>(why.size()), why.data());
  std::fflush(stderr);
  std::abort();
}

void fake_sanitizer_report(std::string_view why) {
  // This proves the harness's sanitizer detector, not a memory error: the
  // lines have the shape AddressSanitizer prints (a "==PID==ERROR:" header,
  // a stack, a SUMMARY), and the exit code is ASan's default, 1.
  const int pid = static_cast<int>(::getpid());
  std::fprintf(stderr, "faulty: %.*s; printing a fake AddressSanitizer report\n", static_cast<int>(why.size()),
               why.data());
  std::fprintf(stderr,
               "=================================================================\n"
               "==%d==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010 at pc 0x000000401000 "
               "bp 0x7ffc00000000 sp 0x7ffc00000000\n"
               "READ of size 1 at 0x602000000010 thread T0\n"
               "    #0 0x401000 in wsh::subject::faulty::fake_sanitizer_report (wsh-subject-faulty+0x401000)\n"
               "SUMMARY: AddressSanitizer: heap-use-after-free (wsh-subject-faulty+0x401000) in fake_sanitizer_report\n"
               "==%d==ABORTING\n",
               pid, pid);
  std::fflush(stderr);
  std::_Exit(1);
}

void hang_forever(std::string_view why) {
  std::fprintf(stderr, "faulty: %.*s; blocking this thread for good\n", static_cast<int>(why.size()), why.data());
  std::fflush(stderr);
  for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
}

}  // namespace wsh::subject::faulty
