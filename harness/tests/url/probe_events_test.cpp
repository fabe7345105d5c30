// The harness's side of the probe: a reader per connection keeps the lines
// for its connection, from the file's end when the connection began, and
// stamps them as they arrive.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "engine/probe_events.hpp"
#include "engine/url_target.hpp"

namespace wsh::engine {
namespace {

struct ScratchFile {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("wsh-probe-events-" + std::to_string(::getpid()) + ".jsonl");
  ScratchFile() { std::filesystem::remove(path); }
  ~ScratchFile() { std::filesystem::remove(path); }
  void append(const std::string& text) const {
    std::ofstream out(path, std::ios::app);
    out << text;
  }
};

TEST(ProbeEventReader, KeepsItsConnectionsLinesWrittenAfterItStarted) {
  ScratchFile file;
  file.append("{\"event\":\"cleanup\",\"conn\":\"5000\"}\n");  // an earlier connection on the same port
  ProbeEventReader reader(file.path, "5000");
  file.append(
      "{\"event\":\"open\",\"conn\":\"6000\"}\n{\"event\":\"open\",\"conn\":\"5000\",\"peer\":\"127.0.0.1:5000\"}\n"
      "{\"event\":\"read\",\"conn\":\"5000\",\"result\":\"fa");  // half a line so far
  reader.poll();
  ASSERT_EQ(reader.events().size(), 1u);
  file.append("il\"}\n{\"event\":\"cleanup\",\"conn\":\"50001\"}\n");
  EXPECT_TRUE(reader.wait_for(launch::EventKind::Read, launch::Clock::now() + std::chrono::seconds(2)));
  const auto events = reader.events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, launch::EventKind::Open);
  EXPECT_EQ(events[1].read_result, launch::ReadResult::Fail);
  EXPECT_FALSE(reader.wait_for(launch::EventKind::Cleanup, launch::Clock::now() + std::chrono::milliseconds(50)));
}

TEST(ProbeEventReader, ALineOutsideTheProtocolIsAProblem) {
  ScratchFile file;
  ProbeEventReader reader(file.path, "7");
  file.append("{\"event\":\"bogus\",\"conn\":\"7\"}\n");
  reader.poll();
  EXPECT_TRUE(reader.events().empty());
  EXPECT_EQ(reader.problems().size(), 1u);
}

TEST(UrlTarget, ParsesWhatAUserTypes) {
  auto parsed = parse_url_target("ws://127.0.0.1:9001/chat?room=1");
  ASSERT_TRUE(std::holds_alternative<UrlTarget>(parsed));
  auto target = std::get<UrlTarget>(parsed);
  EXPECT_FALSE(target.tls);
  EXPECT_EQ(target.host, "127.0.0.1");
  EXPECT_EQ(target.port, 9001);
  EXPECT_EQ(target.target, "/chat?room=1");
  target = std::get<UrlTarget>(parse_url_target("wss://[::1]"));
  EXPECT_TRUE(target.tls);
  EXPECT_EQ(target.host, "::1");
  EXPECT_EQ(target.port, 443);
  EXPECT_EQ(target.target, "/");
  EXPECT_EQ(target.authority(), "[::1]:443");
  EXPECT_EQ(std::get<UrlTarget>(parse_url_target("ws://localhost:80")).host, "localhost");
}

TEST(UrlTarget, RefusesWhatIsNotAWebSocketUrlNamingTheFlag) {
  for (const char* bad : {"http://127.0.0.1/", "127.0.0.1:9001", "ws://example.com/", "ws://127.0.0.1:0/",
                          "ws://127.0.0.1:65536/", "ws://127.0.0.1:x/", "ws://127.0.0.1:/", "ws://[::1/",
                          "ws://127.0.0.1/#frag", "ws://u@127.0.0.1/", "ws:///", "ws://127.0.0.1/a b"}) {
    const auto parsed = parse_url_target(bad);
    ASSERT_TRUE(std::holds_alternative<std::string>(parsed)) << bad;
    EXPECT_EQ(std::get<std::string>(parsed).rfind("--url ", 0), 0u) << std::get<std::string>(parsed);
  }
}

}  // namespace
}  // namespace wsh::engine
