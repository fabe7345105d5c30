#include "launch/output_reader.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <exception>
#include <system_error>

#include "launch/event_parser.hpp"

namespace wsh::launch {
namespace {

constexpr std::size_t kReadChunkBytes = 64 * 1024;
// At stop, read at most this much more per pipe: a process that escaped the
// kill and writes forever must not keep the harness reading forever.
constexpr std::size_t kStopDrainBytes = 4 * 1024 * 1024;

void set_nonblocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
    throw std::system_error(errno, std::system_category(), "fcntl(O_NONBLOCK) on a subject pipe");
  }
}

}  // namespace

OutputReader::OutputReader(UniqueFd stdout_fd, UniqueFd stderr_fd, SubjectLog& log, const OutputLimits& limits)
    : log_(log),
      limits_(limits),
      stdout_(std::move(stdout_fd)),
      stderr_(std::move(stderr_fd)),
      stdout_lines_(
          limits.max_line_bytes, [this](std::string_view line) { on_stdout_line(line); },
          [this](std::string_view head, std::size_t total) { on_stdout_overlong(head, total); }),
      sanitizer_scanner_(limits.sanitizer_report_lines),
      buffer_(kReadChunkBytes) {
  std::array<int, 2> wake{};
  if (::pipe2(wake.data(), O_CLOEXEC | O_NONBLOCK) != 0) {
    throw std::system_error(errno, std::system_category(), "pipe2 for the subject output reader");
  }
  wake_read_.reset(wake[0]);
  wake_write_.reset(wake[1]);
  // Non-blocking reads: a poll() wake-up that finds nothing must not block.
  set_nonblocking(stdout_.get());
  set_nonblocking(stderr_.get());
  thread_ = std::thread([this] { run(); });
}

OutputReader::~OutputReader() { stop(); }

void OutputReader::stop() {
  std::call_once(stopped_, [this] {
    const char wake = 'x';
    [[maybe_unused]] const auto written = ::write(wake_write_.get(), &wake, 1);
    if (thread_.joinable()) thread_.join();
  });
}

void OutputReader::run() {
  try {
    poll_loop();
  } catch (const std::exception& error) {
    // The harness must survive anything a subject does; a failure here is the
    // launcher's own, so it is recorded where the engine will look.
    log_.add_violation({0, fmt::format("launcher output reader failed: {}", error.what()), {}, 0, Clock::now()});
  }
  if (stdout_.valid()) close_stream(stdout_, true);
  if (stderr_.valid()) close_stream(stderr_, false);
}

void OutputReader::poll_loop() {
  while (stdout_.valid() || stderr_.valid()) {
    std::array<pollfd, 3> fds{};
    fds[0] = {wake_read_.get(), POLLIN, 0};
    fds[1] = {stdout_.get(), POLLIN, 0};  // a negative fd is ignored by poll()
    fds[2] = {stderr_.get(), POLLIN, 0};
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::system_category(), "poll on subject pipes");
    }
    if (fds[0].revents != 0) {
      drain(stdout_, true);
      drain(stderr_, false);
      return;
    }
    if (fds[1].revents != 0 && !read_once(stdout_, true)) close_stream(stdout_, true);
    if (fds[2].revents != 0 && !read_once(stderr_, false)) close_stream(stderr_, false);
  }
}

bool OutputReader::read_once(UniqueFd& fd, bool is_stdout) {
  const auto got = ::read(fd.get(), buffer_.data(), buffer_.size());
  if (got < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
  if (got == 0) return false;
  dispatch(std::string_view(buffer_.data(), static_cast<std::size_t>(got)), is_stdout);
  return true;
}

void OutputReader::dispatch(std::string_view chunk, bool is_stdout) {
  // Every line completed by this chunk arrived now: the harness owns timing.
  chunk_arrived_at_ = Clock::now();
  if (is_stdout) {
    stdout_lines_.feed(chunk);
  } else {
    on_stderr(chunk);
  }
}

void OutputReader::drain(UniqueFd& fd, bool is_stdout) {
  if (!fd.valid()) return;
  for (std::size_t drained = 0; drained < kStopDrainBytes;) {
    const auto got = ::read(fd.get(), buffer_.data(), buffer_.size());
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;  // empty for now (EAGAIN), end of file, or an error
    dispatch(std::string_view(buffer_.data(), static_cast<std::size_t>(got)), is_stdout);
    drained += static_cast<std::size_t>(got);
  }
  close_stream(fd, is_stdout);
}

void OutputReader::close_stream(UniqueFd& fd, bool is_stdout) {
  fd.reset();
  if (is_stdout) {
    stdout_lines_.finish();
    log_.mark_stdout_closed();
  } else {
    sanitizer_scanner_.finish();
    publish_sanitizer_report();
    log_.mark_stderr_closed();
  }
}

void OutputReader::on_stdout_line(std::string_view line) {
  ++stdout_line_number_;
  auto parsed = parse_event_line(line);
  if (auto* event = std::get_if<SubjectEvent>(&parsed)) {
    event->at = chunk_arrived_at_;
    event->line_number = stdout_line_number_;
    log_.add_event(std::move(*event));
  } else {
    log_.add_violation({stdout_line_number_, std::move(std::get<ParseProblem>(parsed).what), excerpt(line), line.size(),
                        chunk_arrived_at_});
  }
}

void OutputReader::on_stdout_overlong(std::string_view head, std::size_t total_bytes) {
  ++stdout_line_number_;
  log_.add_violation(
      {stdout_line_number_,
       fmt::format("line of {} bytes is longer than the limit of {} bytes", total_bytes, limits_.max_line_bytes),
       excerpt(head), total_bytes, chunk_arrived_at_});
}

void OutputReader::on_stderr(std::string_view bytes) {
  log_.add_stderr(bytes);
  sanitizer_scanner_.feed(bytes);
  publish_sanitizer_report();
}

void OutputReader::publish_sanitizer_report() {
  if (sanitizer_scanner_.revision() == published_report_revision_ || !sanitizer_scanner_.report()) return;
  published_report_revision_ = sanitizer_scanner_.revision();
  log_.set_sanitizer_report(*sanitizer_scanner_.report());
}

std::string OutputReader::excerpt(std::string_view line) const {
  return std::string(line.substr(0, limits_.violation_excerpt_bytes));
}

}  // namespace wsh::launch
