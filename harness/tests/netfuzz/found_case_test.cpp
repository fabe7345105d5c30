#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

#include "engine/engine.hpp"
#include "netfuzz/fuzz_case.hpp"
#include "netfuzz/step_toml.hpp"

namespace wsh::netfuzz {
namespace {

const std::vector<Seed>& seeds_for(cases::Role role) {
  static const auto catalogue = cases::load_catalogue(WSH_TEST_CASES_DIR, engine::fault_validator());
  static const auto server = collect_seeds(catalogue, cases::Role::Server);
  static const auto client = collect_seeds(catalogue, cases::Role::Client);
  return role == cases::Role::Server ? server : client;
}

FindingRecord crash_record() {
  FindingRecord record;
  record.verdict = oracles::Verdict::Error;
  record.findings = {
      {oracles::Verdict::Error, "health.crash", "the subject was killed by SIGABRT \"quoted\" \x01 \xff"}};
  record.subject_command = "/bin/subject --bug crash-on-close";
  record.fuzz_command = "wsharness fuzz --seed 5";
  return record;
}

// Every generated case, written as a found case, loads with the normal loader
// into the same steps and the robust expectation.
TEST(FoundCase, RoundTripsThroughTheLoader) {
  for (const auto role : {cases::Role::Server, cases::Role::Client}) {
    for (std::uint64_t index = 0; index < 400; ++index) {
      const FuzzCaseId id{5, index};
      const auto generated = generate_steps(seeds_for(role), mix_seed(5, index), role == cases::Role::Server);
      const auto instance = make_fuzz_case(id, generated, role, "ws");
      const auto text = render_found_case(instance, generated, crash_record());
      const auto loaded = cases::load_case_text(text, "found/" + id.file_name(), engine::fault_validator());
      ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front().to_string()) << "\n" << text;
      ASSERT_EQ(loaded.cases.size(), 1u);
      const auto& back = loaded.cases.front();
      EXPECT_EQ(back.result_id, "found.5." + std::to_string(index));
      EXPECT_EQ(back.roles, std::vector<cases::Role>{role});
      EXPECT_TRUE(back.expect.robust);
      EXPECT_EQ(back.expect.close, cases::CloseExpectation::Any);
      ASSERT_EQ(back.steps.size(), instance.steps.size()) << text;
      for (std::size_t i = 0; i < back.steps.size(); ++i) {
        ASSERT_TRUE(back.steps[i].step == instance.steps[i].step) << instance.steps[i].text << "\n" << text;
        ASSERT_EQ(back.steps[i].text, instance.steps[i].text) << text;
      }
    }
  }
}

TEST(FoundCase, NamesTheOracleItsRequirementAndTheSubject) {
  const FuzzCaseId id{42, 3};
  const auto generated = generate_steps(seeds_for(cases::Role::Server), 1, true);
  const auto text =
      render_found_case(make_fuzz_case(id, generated, cases::Role::Server, "ws"), generated, crash_record());
  EXPECT_NE(text.find("id = \"found.42.3\""), std::string::npos);
  EXPECT_NE(text.find("rfc = \"10.7\""), std::string::npos);
  EXPECT_NE(text.find("health.crash"), std::string::npos);
  EXPECT_NE(text.find("# subject: /bin/subject --bug crash-on-close"), std::string::npos);
  EXPECT_NE(text.find("seed 42"), std::string::npos);
  EXPECT_EQ(id.file_name(), "found-42-3.toml");
  EXPECT_EQ(requirement_for("app.cleanup-once").rfc, "7.1.4");
}

TEST(FoundCase, TheCatalogueDoesNotPickUpFoundCases) {
  const auto dir = std::filesystem::temp_directory_path() / ("wsh-netfuzz-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "found");
  const auto generated = generate_steps(seeds_for(cases::Role::Server), 9, true);
  const FuzzCaseId id{1, 1};
  std::ofstream(dir / "found" / id.file_name())
      << render_found_case(make_fuzz_case(id, generated, cases::Role::Server, "ws"), generated, crash_record());
  EXPECT_TRUE(cases::load_catalogue(dir, engine::fault_validator()).cases.empty());
  // ... and a run pointed at found/ itself loads it.
  EXPECT_EQ(cases::load_catalogue(dir / "found", engine::fault_validator()).cases.size(), 1u);
  std::filesystem::remove_all(dir);
}

// Subject text in a found case (the finding's reason) holds quotes, control
// bytes and bytes that are not UTF-8; the file still loads, and what is UTF-8
// comes back as it was.
TEST(FoundCase, EscapesWhatTheSubjectWrote) {
  const FuzzCaseId id{3, 1};
  const auto generated = generate_steps(seeds_for(cases::Role::Server), 2, true);
  auto record = crash_record();
  record.findings.front().reason = "said \"bye\\\" \x01\x7f then \xff\xfe";
  const auto text = render_found_case(make_fuzz_case(id, generated, cases::Role::Server, "ws"), generated, record);
  const auto loaded = cases::load_case_text(text, "found/" + id.file_name(), engine::fault_validator());
  ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front().to_string()) << "\n" << text;
  EXPECT_NE(loaded.cases.front().description.find("said \"bye\\\" \x01\x7f then "), std::string::npos)
      << loaded.cases.front().description;
}

}  // namespace
}  // namespace wsh::netfuzz
