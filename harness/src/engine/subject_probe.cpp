// Reads each subject's hello once before a run, so planning knows its roles
// and features (a case that needs a missing feature is SKIP, not FAIL) and
// the report can name its implementation and version.

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "engine/engine.hpp"
#include "launch/subject.hpp"

namespace wsh::engine {
namespace {

constexpr std::chrono::milliseconds kHelloDeadline{5000};

void probe(SubjectSpec& subject) {
  const auto spec = subject.launch_spec({"server", "--port", "0"});
  std::unique_ptr<launch::Subject> process;
  try {
    process = launch::Subject::start(spec);
  } catch (const launch::LaunchError& error) {
    throw SetupError(fmt::format("subject {} could not be started: {}", subject.name, error.what()));
  }
  const auto hello = process->await_hello(launch::Clock::now() + kHelloDeadline);
  if (!hello) {
    throw SetupError(fmt::format("subject {} ({}) did not say hello: {}", subject.name, fmt::join(spec.command(), " "),
                                 hello.message()));
  }
  const auto& info = *hello.event().hello;
  subject.impl = info.impl;
  subject.version = info.version;
  subject.roles = info.roles;
  subject.features = info.features;
  subject.max_message = info.max_message;
  if (hello.event().raw.contains("timeouts")) subject.timeouts_json = hello.event().raw["timeouts"].dump();
  process->stop(std::chrono::milliseconds(1000));
}

}  // namespace

void probe_subjects(std::vector<SubjectSpec>& subjects) {
  for (auto& subject : subjects)
    if (!subject.url) probe(subject);  // a server by URL has no hello to read
}

}  // namespace wsh::engine
