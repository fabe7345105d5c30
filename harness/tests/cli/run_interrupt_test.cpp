// Whatever ends `wsharness run` from outside ends the subjects it started.
// The subject here is the worst kind: it ignores SIGTERM (and SIGINT), and
// leaves a child in its process group that ignores them too. Every subject
// process writes "PID ROLE" to a file, so the test knows each one the run
// started, and checks that none of them, nor any process in their groups,
// is left.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fake_subject.hpp"

namespace wsh::launch {
namespace {

using namespace std::chrono_literals;
using fake::eventually;
using fake::process_is_dead;
using fake::ScriptDir;

// Starts as a client subject and never connects: each result waits for it
// until the harness's connect deadline (seconds), so results are running
// when the signal comes.
constexpr std::string_view kStubbornSubject = R"(trap '' TERM INT
echo "$$ $1" >> "$WSH_TEST_PID_FILE"
echo '{"event":"hello","impl":"stubborn","version":"1","roles":["client"],"features":[]}'
if [ "$1" = client ]; then sleep 600 & fi
exec sleep 600
)";

struct Pids {
  std::vector<pid_t> all;
  std::vector<pid_t> clients;  // started for a result, not for the probe
};

Pids read_pids(const std::filesystem::path& file) {
  Pids pids;
  std::ifstream in(file);
  pid_t pid = 0;
  std::string role;
  while (in >> pid >> role) {
    pids.all.push_back(pid);
    if (role == "client") pids.clients.push_back(pid);
  }
  return pids;
}

// Every live process whose process group is one of `groups`.
std::vector<pid_t> members_of(const std::set<pid_t>& groups) {
  std::vector<pid_t> members;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = std::stoi(name);
    const pid_t group = ::getpgid(pid);
    if (group > 0 && groups.count(group) && !process_is_dead(pid)) members.push_back(pid);
  }
  return members;
}

class RunInterrupt : public ::testing::Test {
 protected:
  void SetUp() override {
    subject_ = dir_.write("stubborn", kStubbornSubject);
    pid_file_ = dir_.path() / "pids";
    report_dir_ = dir_.path() / "report";
  }

  // Whatever the assertions found, nothing of this test outlives it.
  void TearDown() override {
    if (harness_ > 0 && !process_is_dead(harness_)) ::kill(harness_, SIGKILL);
    if (harness_ > 0) ::waitpid(harness_, nullptr, 0);
    for (const pid_t pid : read_pids(pid_file_).all) ::kill(-pid, SIGKILL);
  }

  void start_run() {
    const std::string command = "/bin/sh " + subject_.string();
    harness_ = ::fork();
    ASSERT_GE(harness_, 0);
    if (harness_ == 0) {
      ::setenv("WSH_TEST_PID_FILE", pid_file_.c_str(), 1);
      ::execl(WSH_TEST_WSHARNESS, "wsharness", "run", "--subject-cmd", command.c_str(), "--subject-name", "stubborn",
              "--role", "client", "--jobs", "2", "--cases", WSH_TEST_CASES_DIR, "--report-dir", report_dir_.c_str(),
              "--quiet", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // Two results running (two client subjects), besides the probe's.
    ASSERT_TRUE(eventually([&] { return read_pids(pid_file_).clients.size() >= 2; }, 20'000ms))
        << "the run never started its subjects";
  }

  // The harness's wait status, or -1 if it did not end in time.
  int wait_harness(Millis timeout) {
    int status = -1;
    const bool ended = eventually([&] { return ::waitpid(harness_, &status, WNOHANG) == harness_; }, timeout);
    if (ended) harness_ = -1;
    return ended ? status : -1;
  }

  ScriptDir dir_;
  std::filesystem::path subject_, pid_file_, report_dir_;
  pid_t harness_ = -1;
};

TEST_F(RunInterrupt, SigtermKillsEveryProcessGroupAndWritesAnIncompleteReport) {
  start_run();
  const auto started = read_pids(pid_file_);
  ASSERT_EQ(::kill(harness_, SIGTERM), 0);
  // SIGTERM grace (1 s), then the running results end at their connect
  // deadline (5 s) at the latest.
  const int status = wait_harness(15'000ms);
  ASSERT_NE(status, -1) << "wsharness did not exit within 15 s of SIGTERM";
  ASSERT_TRUE(WIFEXITED(status)) << "wsharness died of the signal instead of handling it";
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM);

  const auto pids = read_pids(pid_file_);
  EXPECT_GE(pids.all.size(), started.all.size());
  for (const pid_t pid : pids.all) EXPECT_TRUE(process_is_dead(pid)) << "subject " << pid << " is still running";
  const std::set<pid_t> groups(pids.all.begin(), pids.all.end());
  EXPECT_THAT(members_of(groups), ::testing::IsEmpty()) << "a process of a subject's group is still running";

  std::ifstream index(report_dir_ / "index.json");
  ASSERT_TRUE(index.good()) << "no index.json after SIGTERM";
  const auto report = nlohmann::json::parse(index);
  EXPECT_EQ(report["harness"].value("incomplete", false), true);
  EXPECT_THAT(report["harness"].value("incomplete_reason", ""), ::testing::HasSubstr("SIGTERM"));
  EXPECT_GT(report["harness"].value("not_run", 0), 0);
}

TEST_F(RunInterrupt, SigkillOfTheHarnessMakesTheKernelKillTheSubjects) {
  start_run();
  ASSERT_EQ(::kill(harness_, SIGKILL), 0);
  ASSERT_NE(wait_harness(5'000ms), -1);
  // PR_SET_PDEATHSIG: the subject processes themselves (their own children
  // are theirs to end; this one's background sleep is not checked).
  const auto pids = read_pids(pid_file_);
  for (const pid_t pid : pids.clients)
    EXPECT_TRUE(eventually([&] { return process_is_dead(pid); }, 5'000ms))
        << "subject " << pid << " outlived the SIGKILLed harness";
}

}  // namespace
}  // namespace wsh::launch
