// The target parser of `wsharness serve`: Autobahn's paths and query
// parameters, and every malformed target it must refuse with a reason.

#include <gtest/gtest.h>

#include "serve/autobahn_request.hpp"

namespace wsh::serve {
namespace {

TEST(AutobahnRequest, ReadsEachEndpoint) {
  EXPECT_EQ(parse_serve_target("/getCaseCount").endpoint, Endpoint::GetCaseCount);
  const auto run = parse_serve_target("/runCase?case=12&agent=beast");
  EXPECT_EQ(run.endpoint, Endpoint::RunCase);
  EXPECT_EQ(run.case_number, 12);
  EXPECT_EQ(run.agent, "beast");
  EXPECT_TRUE(run.problem.empty());
  EXPECT_EQ(parse_serve_target("/getCaseInfo?case=3").case_number, 3);
  EXPECT_EQ(parse_serve_target("/getCaseStatus?agent=a&case=2").endpoint, Endpoint::GetCaseStatus);
  EXPECT_EQ(parse_serve_target("/updateReports?agent=a").endpoint, Endpoint::UpdateReports);
}

TEST(AutobahnRequest, DecodesTheAgent) {
  EXPECT_EQ(parse_serve_target("/updateReports?agent=Beast%2F1.81+sync").agent, "Beast/1.81 sync");
}

TEST(AutobahnRequest, UnknownPathsAreUnknown) {
  EXPECT_EQ(parse_serve_target("/").endpoint, Endpoint::Unknown);
  EXPECT_EQ(parse_serve_target("/runcase?case=1&agent=a").endpoint, Endpoint::Unknown);
  EXPECT_EQ(parse_serve_target("/getCaseCount/").endpoint, Endpoint::Unknown);
}

TEST(AutobahnRequest, RefusesWhatCannotBeAnswered) {
  EXPECT_NE(parse_serve_target("/runCase?agent=a").problem.find("needs case=N"), std::string::npos);
  EXPECT_NE(parse_serve_target("/runCase?case=1").problem.find("needs agent"), std::string::npos);
  EXPECT_NE(parse_serve_target("/runCase?case=0&agent=a").problem.find("not a case number"), std::string::npos);
  EXPECT_NE(parse_serve_target("/runCase?case=-1&agent=a").problem.find("not a case number"), std::string::npos);
  EXPECT_NE(parse_serve_target("/runCase?case=1x&agent=a").problem.find("not a case number"), std::string::npos);
  EXPECT_NE(parse_serve_target("/runCase?case=&agent=a").problem.find("not a case number"), std::string::npos);
  EXPECT_NE(parse_serve_target("/runCase?case=1&case=2&agent=a").problem.find("more than once"), std::string::npos);
  EXPECT_NE(parse_serve_target("/updateReports?agent=%zz").problem.find("percent-encoding"), std::string::npos);
  EXPECT_NE(parse_serve_target("/updateReports").problem.find("needs agent"), std::string::npos);
  EXPECT_TRUE(parse_serve_target("/getCaseCount?case=zz").problem.find("not a case number") != std::string::npos);
}

}  // namespace
}  // namespace wsh::serve
