#pragma once
// A generated case as a real case: an in-memory CaseInstance that the same
// runner and oracles judge as any catalogue case, with an expectation that
// holds whatever the peer sends (`robust = true`, cases/README.md), and its
// case-file text, which loads with the normal loader.

#include <string>
#include <vector>

#include "cases/case_model.hpp"
#include "netfuzz/mutator.hpp"
#include "oracles/verdict.hpp"

namespace wsh::netfuzz {

// Drain after the last step: long enough for a subject to answer a close
// and close TCP, short enough to keep the fuzzer's throughput.
inline constexpr cases::Millis kFuzzDrain{300};
inline constexpr cases::Millis kFuzzTimeout{5000};

struct FuzzCaseId {
  std::uint64_t run_seed = 0;
  std::uint64_t index = 0;        // the n-th generated case of that seed
  std::string id() const;         // found.<seed>.<index>
  std::string file_name() const;  // found-<seed>-<index>.toml
};

cases::CaseInstance make_fuzz_case(const FuzzCaseId& id, const GeneratedSteps& generated, cases::Role role,
                                   const std::string& transport);

// What a found-case file records beside the steps.
struct FindingRecord {
  std::vector<oracles::Finding> findings;  // worst first
  oracles::Verdict verdict = oracles::Verdict::Fail;
  std::string subject_command;  // as the fuzzer ran it
  std::string fuzz_command;     // the wsharness fuzz command line
};

// The RFC section and requirement behind an oracle's name, for the file's
// `rfc` and `requirement`.
struct OracleRequirement {
  std::string rfc;
  std::string requirement;
};
OracleRequirement requirement_for(const std::string& oracle);

// The TOML of one found case, in the catalogue's format.
std::string render_found_case(const cases::CaseInstance& instance, const GeneratedSteps& generated,
                              const FindingRecord& record);

}  // namespace wsh::netfuzz
