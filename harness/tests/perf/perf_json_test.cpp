#include "perf/perf_json.hpp"

#include <gtest/gtest.h>

namespace wsh::perf {
namespace {

SubjectPerf measured(std::size_t missing, std::size_t extra) {
  SubjectPerf subject;
  subject.subject = "beast";
  subject.impl = "beast";
  subject.version = "1.81";
  subject.transport = "ws";
  LatencyResult latency;
  latency.planned = 3;
  latency.counts.attempted = 3;
  latency.counts.completed = 3;
  latency.counts.cleanups = {3, 3 - missing + extra, missing, extra};
  latency.close_reply = spread_of({Micros(100), Micros(200), Micros(300)});
  latency.tcp_close = spread_of({Micros(150), Micros(250), Micros(350)});
  latency.cleanup = spread_of({Micros(400), Micros(500), Micros(600)});
  subject.latency = latency;
  ChurnResult churn;
  churn.planned = Millis(500);
  churn.counts.completed = 400;
  churn.counts.cleanups = {400, 400, 0, 0};
  churn.per_second = 812.345;
  subject.churn = churn;
  return subject;
}

PerfReport report_of(SubjectPerf subject) {
  PerfReport report;
  report.harness_version = "0.1.0";
  report.subjects.push_back(std::move(subject));
  return report;
}

TEST(PerfJson, HasTheDocumentedFields) {
  const auto json = perf_json(report_of(measured(0, 0)));
  for (const auto* key : {"connections", "churn_ms", "stage_timeout_ms", "max_failures", "seed"})
    EXPECT_TRUE(json["settings"].contains(key)) << key;
  const auto& subject = json["subjects"][0];
  for (const auto* key : {"subject", "impl", "version", "transport", "command", "clean", "close_latency", "churn"})
    EXPECT_TRUE(subject.contains(key)) << key;
  EXPECT_EQ(subject["close_latency"]["stages"]["close_reply"]["median_us"], 200);
  EXPECT_EQ(subject["close_latency"]["stages"]["cleanup"]["p99_us"], 600);
  EXPECT_EQ(subject["close_latency"]["cleanups"]["exact"], true);
  EXPECT_DOUBLE_EQ(subject["churn"]["per_second"].get<double>(), 812.3);
  EXPECT_EQ(subject["clean"], true);
}

TEST(PerfJson, ACleanupMismatchMakesTheSubjectUnclean) {
  const auto json = perf_json(report_of(measured(0, 3)));
  EXPECT_EQ(json["subjects"][0]["clean"], false);
  EXPECT_EQ(json["subjects"][0]["close_latency"]["cleanups"]["extra"], 3);
}

TEST(PerfTable, ShowsMillisecondsAndFlagsAMismatch) {
  const auto clean = perf_table(report_of(measured(0, 0)));
  EXPECT_NE(clean.find("0.200/0.300"), std::string::npos) << clean;
  EXPECT_NE(clean.find("exact"), std::string::npos);
  EXPECT_EQ(clean.find("problems"), std::string::npos);
  const auto broken = perf_table(report_of(measured(1, 0)));
  EXPECT_NE(broken.find("MISMATCH"), std::string::npos) << broken;
  EXPECT_NE(broken.find("1 missing, 0 extra"), std::string::npos) << broken;
}

TEST(PerfTable, StripsControlCharactersFromSubjectText) {
  auto subject = measured(0, 0);
  subject.subject = "evil\x1b[2J";
  subject.exit = "exited with code 3\x1b]0;title\x07";
  const auto table = perf_table(report_of(subject));
  EXPECT_EQ(table.find('\x1b'), std::string::npos);
  EXPECT_EQ(table.find('\x07'), std::string::npos);
}

}  // namespace
}  // namespace wsh::perf
