#include "launch/spawn.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "launch/environment.hpp"
#include "launch/process_groups.hpp"

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

std::vector<char*> null_terminated(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Where execvp would look for `program`, built before fork: the child may
// only make async-signal-safe calls, so it must not search PATH itself.
std::vector<std::string> exec_candidates(const std::string& program) {
  if (program.find('/') != std::string::npos) return {program};
  const char* path = ::getenv("PATH");
  const std::string_view dirs = path ? path : "/bin:/usr/bin";
  std::vector<std::string> candidates;
  std::size_t begin = 0;
  while (begin <= dirs.size()) {
    const auto end = std::min(dirs.find(':', begin), dirs.size());
    const auto dir = dirs.substr(begin, end - begin);
    candidates.push_back(fmt::format("{}/{}", dir.empty() ? "." : dir, program));
    begin = end + 1;
  }
  return candidates;
}

// Everything the child needs, prepared by the parent.
struct ChildPlan {
  std::vector<char*> candidates;  // null-terminated
  char** argv = nullptr;
  char** envp = nullptr;
  const char* working_dir = nullptr;
  int stdout_fd = -1;
  int stderr_fd = -1;
  int error_fd = -1;  // close-on-exec: a failed exec writes its errno here
  pid_t parent = -1;
};

[[noreturn]] void report_and_exit(int error_fd, int error) {
  while (::write(error_fd, &error, sizeof error) < 0 && errno == EINTR) {
  }
  ::_exit(127);
}

// Runs in the child between fork and exec: async-signal-safe calls only.
[[noreturn]] void become_subject(const ChildPlan& plan) {
  ::setpgid(0, 0);
  // The kernel kills the subject when the harness dies, even by SIGKILL
  // (nothing else can clean up then). The signal fires when the *thread* that
  // forked exits, which is why fork happens on the spawner thread, which
  // lives as long as the process. If the harness died before prctl took
  // effect, getppid() is no longer the harness: end at once.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != plan.parent) ::_exit(127);

  const int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd < 0) report_and_exit(plan.error_fd, errno);
  if (::dup2(null_fd, STDIN_FILENO) < 0 || ::dup2(plan.stdout_fd, STDOUT_FILENO) < 0 ||
      ::dup2(plan.stderr_fd, STDERR_FILENO) < 0)
    report_and_exit(plan.error_fd, errno);
  // O_CLOEXEC on the harness's own descriptors is not enough: a library or a
  // test may open one without it. Closing everything above stderr (but the
  // close-on-exec error pipe) makes "inherits nothing" a property of the
  // launcher, not of all other code.
  const auto error_fd = static_cast<unsigned>(plan.error_fd);
  if (error_fd > STDERR_FILENO + 1) ::syscall(SYS_close_range, STDERR_FILENO + 1, error_fd - 1, 0);
  ::syscall(SYS_close_range, error_fd + 1, ~0U, 0);
  if (plan.working_dir && ::chdir(plan.working_dir) != 0) report_and_exit(plan.error_fd, errno);

  // Default dispositions and an empty mask, whatever the harness had (the
  // spawner thread blocks every signal; the harness ignores SIGPIPE).
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  for (int signal_number = 1; signal_number < NSIG; ++signal_number) {
    if (signal_number != SIGKILL && signal_number != SIGSTOP) ::sigaction(signal_number, &default_action, nullptr);
  }
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);

  // execvp's rule: try each PATH entry; remember EACCES, report it over
  // ENOENT; stop at any other error.
  int error = ENOENT;
  for (char* const* candidate = plan.candidates.data(); *candidate; ++candidate) {
    ::execve(*candidate, plan.argv, plan.envp);
    if (errno == EACCES) error = EACCES;
    else if (errno != ENOENT && errno != ENOTDIR) {
      error = errno;
      break;
    }
  }
  report_and_exit(plan.error_fd, error);
}

// Forks and waits for the exec. Returns the child's pid, or throws.
//
// vfork, not fork: fork copies the harness's page tables, and a run that
// holds a thousand results' transcripts made every start cost a second
// (measured: 1.3 s from start to ready per result at 8 jobs). vfork shares
// the memory and suspends this thread until the child execs or exits, as
// posix_spawn does. The child touches only its own stack and the kernel
// (async-signal-safe calls), and cannot run a signal handler: this thread
// blocks every signal, and the child inherits that mask until it resets it.
pid_t fork_and_exec(const ChildPlan& plan, UniqueFd error_write, UniqueFd error_read) {
  const pid_t pid = ::vfork();
  if (pid < 0) throw std::system_error(errno, std::system_category(), "vfork");
  if (pid == 0) become_subject(plan);
  error_write.reset();  // else the read below never sees end of file
  // Both sides set the group, so it exists whichever runs first.
  ::setpgid(pid, pid);
  // The error pipe reaches end of file at exec (close-on-exec), or carries
  // the errno of what failed.
  int error = 0;
  ssize_t got = 0;
  do {
    got = ::read(error_read.get(), &error, sizeof error);
  } while (got < 0 && errno == EINTR);
  if (got == static_cast<ssize_t>(sizeof error)) {
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    throw std::system_error(error, std::system_category());
  }
  return pid;
}

// The one thread that forks every subject. PR_SET_PDEATHSIG fires when the
// thread that forked the child exits, not the process: forking from a worker
// thread (or from posix_spawn on one) would kill a subject whenever a thread
// that started it ends, and the run's threads come and go. This thread is
// started on first use and never ends before the process, so the death
// signal means exactly "the harness is gone". It blocks every signal, so
// SIGINT and SIGTERM go to whichever thread waits for them.
class Spawner {
 public:
  static Spawner& instance() {
    static auto* spawner = new Spawner;  // never destroyed: the thread outlives static destruction
    return *spawner;
  }

  pid_t spawn(const ChildPlan& plan, Pipe error_pipe) {
    auto pipe = std::make_shared<Pipe>(std::move(error_pipe));
    std::packaged_task<pid_t()> task(
        [&plan, pipe] { return fork_and_exec(plan, std::move(pipe->write_end), std::move(pipe->read_end)); });
    auto result = task.get_future();
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(task));
    }
    wake_.notify_one();
    return result.get();
  }

 private:
  Spawner() {
    sigset_t all;
    sigfillset(&all);
    sigset_t previous;
    ::pthread_sigmask(SIG_SETMASK, &all, &previous);  // the new thread inherits "all blocked"
    std::thread([this] { run(); }).detach();
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  }

  void run() {
    while (true) {
      std::packaged_task<pid_t()> task;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return !queue_.empty(); });
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::packaged_task<pid_t()>> queue_;
};

void kill_and_reap_group(pid_t pid) {
  ::kill(-pid, SIGKILL);
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
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
  if (process_groups::closed()) throw LaunchError("cannot start the subject: the run is stopping");
  auto environment = build_environment(environ, spec.extra_env, spec.sanitizer_defaults);
  auto argv = null_terminated(command);
  auto envp = null_terminated(environment);
  auto candidates = exec_candidates(command.front());
  const auto working_dir = spec.working_dir ? spec.working_dir->string() : std::string();

  Pipe out = make_pipe("stdout");
  Pipe err = make_pipe("stderr");
  Pipe exec_error = make_pipe("exec status");

  ChildPlan plan;
  plan.candidates = null_terminated(candidates);
  plan.argv = argv.data();
  plan.envp = envp.data();
  plan.working_dir = spec.working_dir ? working_dir.c_str() : nullptr;
  plan.stdout_fd = out.write_end.get();
  plan.stderr_fd = err.write_end.get();
  plan.error_fd = exec_error.write_end.get();
  plan.parent = ::getpid();

  pid_t pid = -1;
  try {
    pid = Spawner::instance().spawn(plan, std::move(exec_error));
  } catch (const std::system_error& error) {
    const auto where = spec.working_dir ? fmt::format(" in {}", spec.working_dir->string()) : std::string();
    throw LaunchError(fmt::format("cannot start the subject `{}`{}: {}", fmt::join(spec.command(), " "), where,
                                  error_text(error.code().value())));
  }
  if (!process_groups::add(pid)) {
    // The run was interrupted while this subject started: it must not live.
    kill_and_reap_group(pid);
    throw LaunchError("cannot start the subject: the run is stopping");
  }
  return {pid, std::move(out.read_end), std::move(err.read_end)};
}

}  // namespace wsh::launch
