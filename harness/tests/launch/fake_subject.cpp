#include "fake_subject.hpp"

#include <stdlib.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

namespace wsh::launch::fake {

ScriptDir::ScriptDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "wsh-launch-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

ScriptDir::~ScriptDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path ScriptDir::write(std::string_view name, std::string_view body) const {
  const auto file = path_ / name;
  {
    std::ofstream out(file, std::ios::binary);
    out << "#!/bin/sh\n" << body << "\n";
  }
  std::filesystem::permissions(file, std::filesystem::perms::owner_all);
  return file;
}

LaunchSpec ScriptDir::spec(std::string_view name, std::string_view body) const {
  LaunchSpec spec;
  spec.argv = {"/bin/sh", write(name, body).string()};
  return spec;
}

bool eventually(const std::function<bool()>& condition, Millis timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!condition()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

char process_state(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  const std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // "PID (comm) S ...": the state follows the last ')', since comm may hold one.
  const auto paren = text.rfind(')');
  if (paren == std::string::npos || paren + 2 >= text.size()) return '?';
  return text[paren + 2];
}

bool process_is_dead(pid_t pid) {
  const char state = process_state(pid);
  return state == '?' || state == 'Z' || state == 'X';
}

std::string process_name(pid_t pid) {
  std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  std::getline(comm, name);
  return name;
}

}  // namespace wsh::launch::fake
