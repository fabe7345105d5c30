#pragma once
// The thread that reads a subject's stdout and stderr: one poll loop for both
// pipes, so neither can fill up and block the subject while the harness
// reads the other. Stdout is split into lines, each parsed as an event and
// stamped with its arrival time; stderr goes to the tail and the sanitizer
// scanner. Everything lands in the SubjectLog.

#include <cstddef>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "launch/clock.hpp"
#include "launch/launch_spec.hpp"
#include "launch/line_splitter.hpp"
#include "launch/sanitizer_scanner.hpp"
#include "launch/subject_log.hpp"
#include "launch/unique_fd.hpp"

namespace wsh::launch {

class OutputReader {
 public:
  // Takes the read ends of the subject's stdout and stderr pipes; `log` must
  // outlive the reader. The thread starts at once and ends by itself when
  // both pipes reach end of file.
  OutputReader(UniqueFd stdout_fd, UniqueFd stderr_fd, SubjectLog& log, const OutputLimits& limits);
  ~OutputReader();

  OutputReader(const OutputReader&) = delete;
  OutputReader& operator=(const OutputReader&) = delete;

  // Reads what the pipes already hold (up to a bound), then ends the thread
  // even if a process that escaped the kill still holds a pipe open.
  void stop();

 private:
  void run();
  void poll_loop();
  // Returns false at end of file (or a read error, treated alike).
  bool read_once(UniqueFd& fd, bool is_stdout);
  void drain(UniqueFd& fd, bool is_stdout);
  void dispatch(std::string_view chunk, bool is_stdout);
  void close_stream(UniqueFd& fd, bool is_stdout);
  void publish_sanitizer_report();
  void on_stdout_line(std::string_view line);
  void on_stdout_overlong(std::string_view head, std::size_t total_bytes);
  void on_stderr(std::string_view bytes);
  std::string excerpt(std::string_view line) const;

  SubjectLog& log_;
  const OutputLimits limits_;
  UniqueFd stdout_;
  UniqueFd stderr_;
  UniqueFd wake_read_;
  UniqueFd wake_write_;

  // Owned by the reader thread.
  LineSplitter stdout_lines_;
  SanitizerScanner sanitizer_scanner_;
  std::size_t published_report_revision_ = 0;
  std::size_t stdout_line_number_ = 0;
  Clock::time_point chunk_arrived_at_{};
  std::vector<char> buffer_;

  std::once_flag stopped_;
  std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace wsh::launch
