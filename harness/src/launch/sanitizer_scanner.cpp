#include "launch/sanitizer_scanner.hpp"

#include <array>
#include <cctype>

namespace wsh::launch {
namespace {

// Sanitizer lines are short; a longer line is scanned by its head.
constexpr std::size_t kScannedLineBytes = 4096;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// Valgrind prefixes its messages with "==PID== ". Returns what follows it.
std::optional<std::string_view> valgrind_message(std::string_view line) {
  if (!line.starts_with("==")) return std::nullopt;
  std::size_t i = 2;
  while (i < line.size() && is_digit(line[i])) ++i;
  if (i == 2 || line.substr(i, 3) != "== ") return std::nullopt;
  return line.substr(i + 3);
}

bool is_valgrind_error(std::string_view message) {
  // Memcheck's and Helgrind's error headlines (the first line of each error).
  static constexpr std::array<std::string_view, 11> kHeadlines{
      "Invalid read of size",
      "Invalid write of size",
      "Invalid free()",
      "Mismatched free()",
      "Conditional jump or move depends on uninitialised value",
      "Use of uninitialised value",
      "Syscall param ",
      "Source and destination overlap",
      "Process terminating with default action of signal",
      "Possible data race",
      "are definitely lost in loss record",
  };
  for (const auto headline : kHeadlines) {
    if (contains(message, headline)) return true;
  }
  // "ERROR SUMMARY: 3 errors from 3 contexts": a nonzero count is a report.
  constexpr std::string_view kSummary = "ERROR SUMMARY: ";
  if (message.starts_with(kSummary)) {
    const auto count = message.substr(kSummary.size());
    return !count.empty() && is_digit(count.front()) && !count.starts_with("0 ");
  }
  return false;
}

// UBSan: "<location>: runtime error: <what>", where the location ends in a
// line or column number ("a.cpp:10:5"), a module offset ("(lib.so+0x1f)") or
// is "<unknown>". Requiring that shape keeps a subject's own log line
// "config: runtime error: ..." from counting as a sanitizer report.
bool is_ubsan_runtime_error(std::string_view line) {
  const auto marker = line.find(": runtime error: ");
  if (marker == std::string_view::npos || marker == 0) return false;
  const char last = line[marker - 1];
  return is_digit(last) || last == ')' || last == '>';
}

}  // namespace

std::string_view to_string(SanitizerKind kind) {
  switch (kind) {
    case SanitizerKind::AddressSanitizer: return "AddressSanitizer";
    case SanitizerKind::LeakSanitizer: return "LeakSanitizer";
    case SanitizerKind::UndefinedBehaviorSanitizer: return "UndefinedBehaviorSanitizer";
    case SanitizerKind::ThreadSanitizer: return "ThreadSanitizer";
    case SanitizerKind::MemorySanitizer: return "MemorySanitizer";
    case SanitizerKind::Valgrind: return "Valgrind";
  }
  return "unknown";
}

std::optional<SanitizerKind> classify_report_line(std::string_view line) {
  static constexpr std::array<SanitizerKind, 5> kSanitizers{
      SanitizerKind::AddressSanitizer, SanitizerKind::LeakSanitizer, SanitizerKind::UndefinedBehaviorSanitizer,
      SanitizerKind::ThreadSanitizer, SanitizerKind::MemorySanitizer};
  // "ERROR: " or "WARNING: " followed by the sanitizer's name and a colon:
  // how every sanitizer_common-based runtime opens a report.
  if (contains(line, "Sanitizer: ")) {
    for (const auto kind : kSanitizers) {
      const auto name = to_string(kind);
      for (const std::string_view severity : {std::string_view("ERROR: "), std::string_view("WARNING: ")}) {
        const auto at = line.find(severity);
        if (at != std::string_view::npos && line.substr(at + severity.size()).starts_with(name) &&
            line.substr(at + severity.size() + name.size()).starts_with(":")) {
          return kind;
        }
      }
    }
  }
  if (is_ubsan_runtime_error(line)) return SanitizerKind::UndefinedBehaviorSanitizer;
  if (const auto message = valgrind_message(line); message && is_valgrind_error(*message)) {
    return SanitizerKind::Valgrind;
  }
  return std::nullopt;
}

SanitizerScanner::SanitizerScanner(std::size_t report_lines)
    : report_lines_(report_lines),
      splitter_(
          kScannedLineBytes, [this](std::string_view line) { on_line(line); },
          [this](std::string_view head, std::size_t) { on_line(head); }) {}

void SanitizerScanner::feed(std::string_view bytes) {
  if (report_complete()) return;  // only the first report is kept
  splitter_.feed(bytes);
}

void SanitizerScanner::finish() {
  if (!report_complete()) splitter_.finish();
}

void SanitizerScanner::on_line(std::string_view line) {
  if (report_complete()) return;
  if (!report_) {
    const auto kind = classify_report_line(line);
    if (!kind) return;
    report_ = SanitizerReport{*kind, {}};
  } else {
    report_->first_lines += '\n';
  }
  report_->first_lines += line;
  ++lines_kept_;
  ++revision_;
}

}  // namespace wsh::launch
