#include "netfuzz/fuzz_session.hpp"

#include <algorithm>
#include <atomic>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <mutex>
#include <thread>

#include "engine/case_runner.hpp"
#include "net/tls_material.hpp"
#include "netfuzz/fuzz_case.hpp"

namespace wsh::netfuzz {
namespace {

using Clock = std::chrono::steady_clock;

// The run seed of a case's result (masks, seeded faults): from its case
// seed, so a case replays alone.
std::uint64_t result_seed_of(std::uint64_t case_seed) { return mix_seed(case_seed, 0x5eed); }

bool harness_failed(const engine::CaseResult& result) {
  return std::any_of(result.findings.begin(), result.findings.end(),
                     [](const oracles::Finding& finding) { return finding.oracle == "harness"; });
}

// A throwaway CA for a wss session, removed afterwards.
class SessionPki {
 public:
  explicit SessionPki(bool needed) {
    if (!needed) return;
    std::string pattern = (std::filesystem::temp_directory_path() / "wsharness-fuzz-pki-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw engine::SetupError("cannot create a temporary directory for TLS certificates");
    dir_ = pattern;
    material_ = net::make_throwaway_pki(dir_);
  }
  ~SessionPki() {
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  SessionPki(const SessionPki&) = delete;
  SessionPki& operator=(const SessionPki&) = delete;
  const net::TlsMaterial* material() const { return material_ ? &*material_ : nullptr; }

 private:
  std::filesystem::path dir_;
  std::optional<net::TlsMaterial> material_;
};

void write_file(const std::filesystem::path& path, const std::string& text) {
  // Written beside and renamed, so a crash never leaves half a case file.
  const auto temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + temporary);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary);
  }
  std::filesystem::rename(temporary, path);
}

}  // namespace

bool is_finding(oracles::Verdict verdict) {
  return verdict == oracles::Verdict::Fail || verdict == oracles::Verdict::Error ||
         verdict == oracles::Verdict::Timeout;
}

FuzzSummary fuzz_subject(const FuzzOptions& options, const std::vector<Seed>& seeds, const FoundCallback& on_found) {
  std::filesystem::create_directories(options.out_dir);
  const SessionPki pki(options.transport == engine::Transport::Wss);
  engine::RunOptions run_options;
  run_options.allow_non_loopback = options.allow_non_loopback;
  run_options.seed = options.seed;
  const engine::RunContext context{run_options, pki.material()};
  const std::string transport(engine::transport_name(options.transport));
  const bool harness_is_client = options.role == cases::Role::Server;

  FuzzSummary summary;
  std::mutex mutex;
  std::atomic<std::uint64_t> next{0};
  std::atomic<std::size_t> found{0};
  const auto started = Clock::now();
  const auto deadline = started + options.budget;

  const auto handle_finding = [&](const FuzzCaseId& id, const GeneratedSteps& generated,
                                  const cases::CaseInstance& instance, const engine::CaseResult& result,
                                  std::uint64_t result_seed) {
    FindingRecord record;
    record.findings = result.findings;
    record.verdict = result.verdict;
    record.subject_command = fmt::format("{}", fmt::join(options.subject.argv, " "));
    record.fuzz_command = options.fuzz_command;
    const auto text = render_found_case(instance, generated, record);

    FoundCase found_case;
    found_case.id = id.id();
    found_case.file = options.out_dir / id.file_name();
    found_case.verdict = result.verdict;
    found_case.oracle = record.findings.empty() ? "?" : record.findings.front().oracle;
    found_case.reason = result.reason;

    // Proof that the file stands alone: load it back with the normal loader
    // and run it again; the line says whether it failed the same way.
    const auto loaded = cases::load_case_text(text, found_case.file.string(), engine::fault_validator());
    std::string verdict_line;
    if (!loaded.ok() || loaded.cases.size() != 1) {
      const auto problem = loaded.errors.empty() ? std::string("no case") : loaded.errors.front().to_string();
      verdict_line = "# reproduced: no -- the written case does not load: " + problem + "\n";
    } else {
      const engine::PlannedResult again{&loaded.cases.front(), &options.subject, options.role, options.transport,
                                        result_seed};
      const auto rerun = engine::run_case(again, context);
      const bool same_oracle = !rerun.findings.empty() && rerun.findings.front().oracle == found_case.oracle;
      found_case.reproduced = rerun.verdict == result.verdict && same_oracle;
      verdict_line = fmt::format("# reproduced: {} (second run: {} {})\n", found_case.reproduced ? "yes" : "no",
                                 std::string(oracles::verdict_name(rerun.verdict)),
                                 rerun.findings.empty() ? "" : rerun.findings.front().oracle);
    }
    write_file(found_case.file, verdict_line + text);
    std::lock_guard lock(mutex);
    summary.written.push_back(found_case);
    if (on_found) on_found(found_case);
  };

  const auto worker = [&] {
    while (Clock::now() < deadline && found.load() < options.max_found) {
      const auto index = next.fetch_add(1);
      if (index >= options.max_cases) return;
      const FuzzCaseId id{options.seed, index};
      const auto case_seed = mix_seed(options.seed, index);
      const auto generated = generate_steps(seeds, case_seed, harness_is_client, options.limits);
      const auto instance = make_fuzz_case(id, generated, options.role, transport);
      const auto result_seed = result_seed_of(case_seed);
      const engine::PlannedResult planned{&instance, &options.subject, options.role, options.transport, result_seed};
      const auto result = engine::run_case(planned, context);
      bool write = false;
      {
        std::lock_guard lock(mutex);
        ++summary.cases_run;
        if (harness_failed(result)) {
          if (summary.harness_errors++ == 0) summary.first_harness_error = result.reason;
        } else if (is_finding(result.verdict)) {
          ++summary.findings;
          for (const auto& finding : result.findings) ++summary.findings_by_oracle[finding.oracle];
          write = found.fetch_add(1) < options.max_found;
        }
      }
      if (write) handle_finding(id, generated, instance, result, result_seed);
    }
  };
  const int jobs = std::max(1, options.jobs);
  std::vector<std::thread> workers;
  for (int i = 1; i < jobs; ++i) workers.emplace_back(worker);
  worker();
  for (auto& thread : workers) thread.join();
  summary.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  std::sort(summary.written.begin(), summary.written.end(),
            [](const FoundCase& a, const FoundCase& b) { return a.file < b.file; });
  return summary;
}

}  // namespace wsh::netfuzz
