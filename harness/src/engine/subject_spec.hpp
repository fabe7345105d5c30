#pragma once
// A subject the harness can run: how to start it, and what its `hello` said.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/result.hpp"
#include "launch/launch_spec.hpp"

namespace wsh::engine {

struct UrlTarget;

struct SubjectSpec {
  std::string name;                  // "beast", "faulty", "httplib@0.53.1", or the user's --subject-name
  std::vector<std::string> argv;     // the executable and any fixed arguments (e.g. faulty's --bug)
  std::vector<std::string> wrapper;  // e.g. valgrind --error-exitcode=99
  std::string skipped;               // non-empty: not available, and why
  // Set: a server the user started, tested by URL; nothing is launched
  // (engine/url_runner.hpp).
  std::shared_ptr<const UrlTarget> url;

  // Filled by probing the subject (its hello).
  std::string impl;
  std::string version;
  std::vector<std::string> roles;
  std::vector<std::string> features;
  std::string timeouts_json;
  std::optional<std::uint64_t> max_message;  // hello's limits.max_message

  bool supports_role(std::string_view role) const;
  bool has_feature(std::string_view feature) const;
  // How to start it with `arguments` after its argv (a role, a port, ...):
  // the one place a subject's command line is put together.
  launch::LaunchSpec launch_spec(const std::vector<std::string>& arguments) const;
};

// The subjects this build knows by name: beast and faulty always, httplib
// when cpp-httplib was found at configure time (otherwise listed as skipped,
// with the reason, so `list` and the report say so loudly).
std::vector<SubjectSpec> builtin_subjects();

// A subject by URL: the transport its scheme names (ws or wss).
Transport subject_url_transport(const SubjectSpec& subject);

}  // namespace wsh::engine
