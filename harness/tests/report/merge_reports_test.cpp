#include "report/merge_reports.hpp"

#include <fmt/format.h>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/json_report.hpp"
#include "report/report_directory.hpp"
#include "sample_run.hpp"

namespace wsh::report {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::count;
using testing::read_file;
using testing::TempDir;

// A shard's report: `results` results whose ids end in `suffix`, so two
// shards hold different results unless told otherwise.
fs::path write_shard(const fs::path& dir, std::size_t results, std::string_view suffix, std::uint64_t seed,
                     std::int64_t wall_ms) {
  auto run = testing::sample_run(results);
  run.seed = seed;
  run.duration = std::chrono::milliseconds(wall_ms);
  for (std::size_t i = 0; i < run.results.size(); ++i) run.results[i].id = fmt::format("case.{}{}", i, suffix);
  write_report(run, dir);
  return dir;
}

json read_json(const fs::path& path) { return json::parse(read_file(path)); }

TEST(MergeReports, ConcatenatesResultsAndRenumbersTheirDetails) {
  TempDir dir;
  const auto a = write_shard(dir.path() / "a", 2, "a", 1, 100);
  const auto b = write_shard(dir.path() / "b", 3, "b", 1, 300);
  const auto outcome = merge_reports({a, b}, dir.path() / "merged");
  EXPECT_EQ(outcome.results, 5u);
  const auto index = read_json(dir.path() / "merged" / "index.json");
  ASSERT_EQ(index["results"].size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    const std::string detail = index["results"][i]["detail"];
    EXPECT_EQ(detail, fmt::format("results/{}.json", i));
    // The detail file is the one of the same result, moved with it.
    EXPECT_EQ(read_json(dir.path() / "merged" / detail)["id"], index["results"][i]["id"]);
    EXPECT_TRUE(fs::exists(dir.path() / "merged" / fmt::format("results/{}.html", i)));
  }
  EXPECT_EQ(index["results"][4]["id"], "case.2b");
  EXPECT_TRUE(fs::exists(dir.path() / "merged" / "index.html"));
}

TEST(MergeReports, RecomputesTheSummaryAndKeepsEveryShardsSeed) {
  TempDir dir;
  const auto a = write_shard(dir.path() / "a", 1, "a", 11, 100);
  const auto b = write_shard(dir.path() / "b", 1, "b", 22, 300);
  merge_reports({a, b}, dir.path() / "merged");
  const auto harness = read_json(dir.path() / "merged" / "index.json")["harness"];
  EXPECT_EQ(harness["duration_ms"], 300);  // shards run side by side: the longest one
  ASSERT_EQ(harness["shards"].size(), 2u);
  EXPECT_EQ(harness["shards"][0]["seed"], 11);
  EXPECT_EQ(harness["shards"][1]["seed"], 22);
  EXPECT_EQ(harness["shards"][1]["dir"], b.string());
  EXPECT_TRUE(harness.contains("overhead_ms"));
  const auto subjects = read_json(dir.path() / "merged" / "index.json")["subjects"];
  EXPECT_EQ(subjects.size(), 2u);  // beast and the skipped httplib, once each
  const auto junit = read_file(dir.path() / "merged" / "junit.xml");
  EXPECT_EQ(count(junit, "<testcase "), 2u);
  EXPECT_EQ(count(junit, "<testsuite "), 2u);
  EXPECT_NE(junit.find("tests=\"2\""), std::string::npos);
}

TEST(MergeReports, ADuplicatedResultIsAnErrorNamingBothShards) {
  TempDir dir;
  const auto a = write_shard(dir.path() / "a", 2, "", 1, 100);
  const auto b = write_shard(dir.path() / "b", 1, "", 1, 100);  // case.0 again
  try {
    merge_reports({a, b}, dir.path() / "merged");
    FAIL() << "overlapping shards were merged";
  } catch (const MergeError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("case.0"), std::string::npos) << message;
    EXPECT_NE(message.find(a.string()), std::string::npos) << message;
    EXPECT_NE(message.find(b.string()), std::string::npos) << message;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "merged"));
}

TEST(MergeReports, TheSameIdForAnotherTransportIsNoDuplicate) {
  TempDir dir;
  auto run = testing::sample_run(1);
  write_report(run, dir.path() / "a");
  run.results[0].transport = results::Transport::Wss;
  write_report(run, dir.path() / "b");
  EXPECT_EQ(merge_reports({dir.path() / "a", dir.path() / "b"}, dir.path() / "merged").results, 2u);
}

TEST(MergeReports, ADirectoryWithoutIndexJsonIsNamed) {
  TempDir dir;
  const auto a = write_shard(dir.path() / "a", 1, "a", 1, 100);
  fs::create_directories(dir.path() / "empty");
  try {
    merge_reports({a, dir.path() / "empty"}, dir.path() / "merged");
    FAIL() << "merged a directory without index.json";
  } catch (const MergeError& error) {
    EXPECT_NE(std::string(error.what()).find((dir.path() / "empty").string()), std::string::npos) << error.what();
  }
}

TEST(MergeReports, CountsUnexpectedResultsAcrossShards) {
  TempDir dir;
  auto run = testing::sample_run(1);
  run.results[0].verdict = oracles::Verdict::Fail;
  run.results[0].outcome = oracles::Outcome::Unexpected;
  write_report(run, dir.path() / "a");
  const auto b = write_shard(dir.path() / "b", 1, "b", 1, 100);
  EXPECT_EQ(merge_reports({dir.path() / "a", b}, dir.path() / "merged").unexpected, 1u);
}

TEST(MergeReports, UnitesThePerfFiguresOfTheShards) {
  TempDir dir;
  const auto a = write_shard(dir.path() / "a", 1, "a", 1, 100);
  const auto b = write_shard(dir.path() / "b", 1, "b", 1, 100);
  for (const auto& [shard, name] : {std::pair{a, "beast"}, std::pair{b, "faulty"}}) {
    std::ofstream out(shard / "perf.json");
    out << json{{"subjects", json::array({{{"subject", name}, {"transport", "ws"}}})}}.dump();
  }
  merge_reports({a, b}, dir.path() / "merged");
  EXPECT_EQ(read_json(dir.path() / "merged" / "perf.json")["subjects"].size(), 2u);
  EXPECT_NE(read_file(dir.path() / "merged" / "index.html").find("id=\"performance\""), std::string::npos);
}

}  // namespace
}  // namespace wsh::report
