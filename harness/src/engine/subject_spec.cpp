#include "engine/subject_spec.hpp"

#include <algorithm>

#include "engine/install_layout.hpp"

namespace wsh::engine {

bool SubjectSpec::supports_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool SubjectSpec::has_feature(std::string_view feature) const {
  return std::find(features.begin(), features.end(), feature) != features.end();
}

namespace {

SubjectSpec available(std::string name, const std::filesystem::path& path) {
  SubjectSpec subject;
  subject.name = std::move(name);
  subject.argv = {path.string()};
  return subject;
}

// Unused when every built-in subject was built (httplib found).
[[maybe_unused]] SubjectSpec skipped(std::string name, std::string reason) {
  SubjectSpec subject;
  subject.name = std::move(name);
  subject.skipped = std::move(reason);
  return subject;
}

}  // namespace

std::vector<SubjectSpec> builtin_subjects() {
  // Installed next to this wsharness, else where this build tree put them
  // (paths given by CMake, see engine/CMakeLists.txt).
  std::vector<SubjectSpec> subjects;
  // Named with its Boost release, like httplib, so baseline entries can hold
  // for some releases only (`versions = "<1.92.0"`); `--subject beast` still selects it.
  subjects.push_back(
      available("beast@" WSH_BEAST_VERSION, subject_executable("wsh-subject-beast", WSH_SUBJECT_BEAST_PATH)));
#ifdef WSH_SUBJECT_HTTPLIB_PATH
  subjects.push_back(
      available("httplib@" WSH_HTTPLIB_VERSION, subject_executable("wsh-subject-httplib", WSH_SUBJECT_HTTPLIB_PATH)));
#else
  subjects.push_back(skipped("httplib", WSH_HTTPLIB_SKIP_REASON));
#endif
  subjects.push_back(available("faulty", subject_executable("wsh-subject-faulty", WSH_SUBJECT_FAULTY_PATH)));
  return subjects;
}

launch::LaunchSpec SubjectSpec::launch_spec(const std::vector<std::string>& arguments) const {
  launch::LaunchSpec spec;
  spec.argv = argv;
  spec.argv.insert(spec.argv.end(), arguments.begin(), arguments.end());
  spec.wrapper = wrapper;
  return spec;
}

}  // namespace wsh::engine
