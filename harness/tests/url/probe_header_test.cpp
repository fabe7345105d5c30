// include/wsharness/probe.hpp as the harness reads it: every line it writes
// is an event of the subject protocol (launch/event_parser), whatever the
// peer address holds, and the lines of concurrent connections never mix.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "launch/event_parser.hpp"
#include "wsharness/probe.hpp"

namespace {

// The probe opens WSHARNESS_EVENTS once per process: one file for the whole
// binary, set before any test runs; each test reads what it appended.
// The file is removed when the binary exits.
struct EventsFile {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("wsh-probe-test-" + std::to_string(::getpid()) + ".jsonl");
  EventsFile() {
    std::filesystem::remove(path);
    ::setenv("WSHARNESS_EVENTS", path.c_str(), 1);
  }
  ~EventsFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

const std::filesystem::path& events_file() {
  static const EventsFile file;
  return file.path;
}

std::vector<std::string> lines_from(std::size_t first) {
  std::ifstream in(events_file());
  std::vector<std::string> lines;
  std::string line;
  for (std::size_t i = 0; std::getline(in, line); ++i)
    if (i >= first) lines.push_back(line);
  return lines;
}

std::size_t line_count() { return lines_from(0).size(); }

wsh::launch::SubjectEvent parse(const std::string& line) {
  auto parsed = wsh::launch::parse_event_line(line);
  if (auto* problem = std::get_if<wsh::launch::ParseProblem>(&parsed)) {
    ADD_FAILURE() << "not an event: " << problem->what << ": " << line;
    return {};
  }
  return std::get<wsh::launch::SubjectEvent>(parsed);
}

TEST(ProbeHeader, TheFourCallsWriteTheProtocolsEvents) {
  events_file();
  const auto before = line_count();
  {
    auto probe = wsharness::probe::open("127.0.0.1", 51234);
    wsharness::probe::CleanupGuard cleanup(probe);
    probe.read(wsharness::probe::Read::Text);
    probe.close_called(1000);
    probe.read(wsharness::probe::Read::Fail);
  }
  const auto lines = lines_from(before);
  ASSERT_EQ(lines.size(), 5u);
  using wsh::launch::EventKind;
  const EventKind kinds[] = {EventKind::Open, EventKind::Read, EventKind::CloseCalled, EventKind::Read,
                             EventKind::Cleanup};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto event = parse(lines[i]);
    EXPECT_EQ(event.kind, kinds[i]) << lines[i];
    EXPECT_EQ(event.conn, "51234");
    EXPECT_EQ(event.raw.value("peer", ""), "127.0.0.1:51234");
  }
  EXPECT_EQ(parse(lines[1]).read_result, wsh::launch::ReadResult::Text);
  EXPECT_EQ(parse(lines[2]).close_code, 1000);
  EXPECT_EQ(parse(lines[3]).read_result, wsh::launch::ReadResult::Fail);
}

TEST(ProbeHeader, AHostilePeerAddressIsEscaped) {
  events_file();
  const auto before = line_count();
  const std::string address = std::string("a\"b\\c\nd\x01\x1f\x7f e", 13);
  wsharness::probe::open(address, 7).cleanup();
  const auto lines = lines_from(before);
  ASSERT_EQ(lines.size(), 2u) << "a newline in the address split a line";
  for (const auto& line : lines) EXPECT_EQ(parse(line).raw.value("peer", ""), address + ":7");
}

TEST(ProbeHeader, AnIpv6PeerIsBracketed) {
  events_file();
  const auto before = line_count();
  wsharness::probe::open("::1", 9).cleanup();
  EXPECT_EQ(parse(lines_from(before).at(0)).raw.value("peer", ""), "[::1]:9");
}

TEST(ProbeHeader, ConcurrentConnectionsNeverInterleave) {
  events_file();
  const auto before = line_count();
  constexpr int kThreads = 8, kEvents = 400;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([t] {
      const auto probe = wsharness::probe::open(std::string(200, 'x'), 40000 + t);  // long lines
      for (int i = 0; i < kEvents; ++i) probe.read(wsharness::probe::Read::Binary);
    });
  for (auto& thread : threads) thread.join();
  const auto lines = lines_from(before);
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * (kEvents + 1)));
  for (const auto& line : lines)
    EXPECT_TRUE(std::holds_alternative<wsh::launch::SubjectEvent>(wsh::launch::parse_event_line(line))) << line;
}

TEST(ProbeHeader, ADefaultConnectionWritesNothing) {
  events_file();
  const auto before = line_count();
  wsharness::probe::Connection nobody;
  nobody.read(wsharness::probe::Read::Fail);
  nobody.cleanup();
  EXPECT_EQ(line_count(), before);
}

}  // namespace
