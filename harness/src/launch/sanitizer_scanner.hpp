#pragma once
// Finds the first sanitizer or Valgrind report in a subject's stderr, as the
// bytes stream in. Scanning the stream (not the kept tail) means a report
// is found even when megabytes of logging follow it.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "launch/line_splitter.hpp"

namespace wsh::launch {

enum class SanitizerKind {
  AddressSanitizer,
  LeakSanitizer,
  UndefinedBehaviorSanitizer,
  ThreadSanitizer,
  MemorySanitizer,
  Valgrind,
};

std::string_view to_string(SanitizerKind kind);

struct SanitizerReport {
  SanitizerKind kind;
  std::string first_lines;  // the report's first lines, '\n'-separated, from the line that names it
};

// The kind of report a stderr line starts, if it starts one:
//   "==123==ERROR: AddressSanitizer: heap-use-after-free ..."   (ASan; LSan, UBSan alike)
//   "WARNING: ThreadSanitizer: data race (pid=123)"             (TSan; MSan alike)
//   "file.cpp:10:5: runtime error: signed integer overflow ..." (UBSan)
//   "==123== Invalid read of size 4", "==123== ERROR SUMMARY: 2 errors ..." (Valgrind)
std::optional<SanitizerKind> classify_report_line(std::string_view line);

class SanitizerScanner {
 public:
  explicit SanitizerScanner(std::size_t report_lines);

  void feed(std::string_view bytes);
  void finish();

  const std::optional<SanitizerReport>& report() const { return report_; }
  // Changes whenever report() does, so a caller can publish only changes.
  std::size_t revision() const { return revision_; }

 private:
  void on_line(std::string_view line);
  bool report_complete() const { return report_ && lines_kept_ >= report_lines_; }

  std::size_t report_lines_;
  LineSplitter splitter_;
  std::optional<SanitizerReport> report_;
  std::size_t lines_kept_ = 0;
  std::size_t revision_ = 0;
};

}  // namespace wsh::launch
