#include "launch/exit_status.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <csignal>

namespace wsh::launch {
namespace {

TEST(ExitStatus, DescribesEachState) {
  EXPECT_EQ(ExitStatus::running().describe(), "still running");
  EXPECT_EQ(ExitStatus::exited(3).describe(), "exited with code 3");
  EXPECT_EQ(ExitStatus::signaled(SIGSEGV).describe(), "killed by SIGSEGV");
  EXPECT_EQ(ExitStatus::signaled(SIGABRT, true).describe(), "killed by SIGABRT (core dumped)");
  EXPECT_NE(ExitStatus::lost().describe().find("elsewhere"), std::string::npos);
}

TEST(ExitStatus, DecodesWaitStatusWords) {
  EXPECT_EQ(ExitStatus::from_wait_status(3 << 8), ExitStatus::exited(3));
  EXPECT_EQ(ExitStatus::from_wait_status(SIGKILL), ExitStatus::signaled(SIGKILL));
}

TEST(ExitStatus, CodeAndSignalOnlyForTheirState) {
  EXPECT_EQ(ExitStatus::exited(0).exit_code(), 0);
  EXPECT_EQ(ExitStatus::exited(0).signal(), 0);
  EXPECT_EQ(ExitStatus::signaled(SIGTERM).exit_code(), -1);
  EXPECT_TRUE(ExitStatus::lost().has_ended());
  EXPECT_FALSE(ExitStatus::running().has_ended());
}

TEST(SignalName, NamesKnownSignalsAndNumbersUnknownOnes) {
  EXPECT_EQ(signal_name(SIGKILL), "SIGKILL");
  EXPECT_EQ(signal_name(SIGTERM), "SIGTERM");
  EXPECT_EQ(signal_name(1000), "signal 1000");
}

}  // namespace
}  // namespace wsh::launch
