#include "launch/spawn.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spawn.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <system_error>
#include <vector>

#include "launch/environment.hpp"

extern char** environ;

namespace wsh::launch {
namespace {

std::string error_text(int error) { return std::system_category().message(error); }

struct Pipe {
  UniqueFd read_end;
  UniqueFd write_end;
};

// Both ends close-on-exec: the child gets the write end as fd 1 or 2 through
// dup2 (which clears the flag), and no other process ever gets either end.
Pipe make_pipe(std::string_view purpose) {
  std::array<int, 2> ends{};
  if (::pipe2(ends.data(), O_CLOEXEC) != 0) {
    throw LaunchError(fmt::format("cannot create the subject's {} pipe: {}", purpose, error_text(errno)));
  }
  return {UniqueFd(ends[0]), UniqueFd(ends[1])};
}

// posix_spawn_file_actions_t with its destroy, so every exit path frees it.
class FileActions {
 public:
  FileActions() { ::posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { ::posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

class SpawnAttributes {
 public:
  SpawnAttributes() { ::posix_spawnattr_init(&attributes_); }
  ~SpawnAttributes() { ::posix_spawnattr_destroy(&attributes_); }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
  posix_spawnattr_t* get() { return &attributes_; }

 private:
  posix_spawnattr_t attributes_;
};

void check(int result, std::string_view what) {
  if (result != 0) throw LaunchError(fmt::format("cannot prepare the subject's {}: {}", what, error_text(result)));
}

void add_file_actions(FileActions& actions, const Pipe& out, const Pipe& err, const LaunchSpec& spec) {
  check(::posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0), "stdin");
  check(::posix_spawn_file_actions_adddup2(actions.get(), out.write_end.get(), STDOUT_FILENO), "stdout");
  check(::posix_spawn_file_actions_adddup2(actions.get(), err.write_end.get(), STDERR_FILENO), "stderr");
  // O_CLOEXEC on the harness's own descriptors is not enough: a library or a
  // test may open one without it. Closing everything above stderr makes
  // "inherits nothing" a property of the launcher, not of all other code.
  check(::posix_spawn_file_actions_addclosefrom_np(actions.get(), STDERR_FILENO + 1), "descriptors");
  if (spec.working_dir) {
    check(::posix_spawn_file_actions_addchdir_np(actions.get(), spec.working_dir->c_str()), "working directory");
  }
}

void set_attributes(SpawnAttributes& attributes) {
  sigset_t none;
  sigemptyset(&none);
  sigset_t all;
  sigfillset(&all);
  check(::posix_spawnattr_setpgroup(attributes.get(), 0), "process group");
  check(::posix_spawnattr_setsigmask(attributes.get(), &none), "signal mask");
  check(::posix_spawnattr_setsigdefault(attributes.get(), &all), "signal dispositions");
  check(::posix_spawnattr_setflags(attributes.get(),
                                   POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF),
        "spawn flags");
}

std::vector<char*> null_terminated(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

}  // namespace

SpawnedProcess spawn_process(const LaunchSpec& spec) {
  auto command = spec.command();
  if (command.empty() || command.front().empty()) throw LaunchError("cannot start the subject: empty command");
  for (const auto& argument : command) {
    if (argument.find('\0') != std::string::npos) {
      throw LaunchError(fmt::format("cannot start the subject: argument {:?} contains a NUL byte", argument));
    }
  }
  auto environment = build_environment(environ, spec.extra_env, spec.sanitizer_defaults);
  auto argv = null_terminated(command);
  auto envp = null_terminated(environment);

  Pipe out = make_pipe("stdout");
  Pipe err = make_pipe("stderr");
  FileActions actions;
  add_file_actions(actions, out, err, spec);
  SpawnAttributes attributes;
  set_attributes(attributes);

  pid_t pid = -1;
  // glibc reports exec failures (ENOENT, EACCES, ENOEXEC) as the result here.
  const int result = ::posix_spawnp(&pid, argv.front(), actions.get(), attributes.get(), argv.data(), envp.data());
  if (result != 0) {
    const auto where = spec.working_dir ? fmt::format(" in {}", spec.working_dir->string()) : std::string();
    throw LaunchError(fmt::format("cannot start the subject `{}`{}: {}", fmt::join(spec.command(), " "), where,
                                  error_text(result)));
  }
  return {pid, std::move(out.read_end), std::move(err.read_end)};
}

}  // namespace wsh::launch
