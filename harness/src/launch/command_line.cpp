#include "launch/command_line.hpp"

#include <fmt/format.h>

#include <optional>

namespace wsh::launch {
namespace {

bool is_word_separator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Characters a shell would interpret when unquoted. Refusing them keeps the
// meaning of a command line the same with or without a shell.
bool is_unquoted_shell_special(char c) {
  switch (c) {
    case '|':
    case '&':
    case ';':
    case '<':
    case '>':
    case '(':
    case ')':
    case '*':
    case '?':
    case '[':
    case '$':
    case '`': return true;
    default: return false;
  }
}

// Inside "...", a backslash only escapes these (POSIX sh, 2.2.3).
bool is_escapable_in_double_quotes(char c) { return c == '"' || c == '\\' || c == '`' || c == '$' || c == '\n'; }

std::string printable(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02x}", byte);
}

[[noreturn]] void refuse(char c, std::size_t index, std::string_view why) {
  throw CommandLineError(fmt::format("{} {} at column {}: {}", why, printable(c), index + 1,
                                     "the subject command is not run by a shell; quote it, or "
                                     "write sh -c '...' to get a shell"));
}

class Splitter {
 public:
  explicit Splitter(std::string_view text) : text_(text) {}

  std::vector<std::string> run() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\0') refuse(c, pos_, "NUL");
      if (is_word_separator(c)) {
        end_word();
        ++pos_;
      } else if (c == '\'') {
        single_quoted();
      } else if (c == '"') {
        double_quoted();
      } else if (c == '\\') {
        escaped();
      } else {
        plain(c);
      }
    }
    end_word();
    if (words_.empty()) throw CommandLineError("the subject command is empty");
    return std::move(words_);
  }

 private:
  void start_word() {
    if (!word_) word_.emplace();
  }

  void end_word() {
    if (word_) words_.push_back(std::move(*word_));
    word_.reset();
  }

  void plain(char c) {
    const bool at_word_start = !word_.has_value();
    if (is_unquoted_shell_special(c)) refuse(c, pos_, "unquoted");
    if (at_word_start && (c == '#' || c == '~')) refuse(c, pos_, "word starting with");
    start_word();
    word_->push_back(c);
    ++pos_;
  }

  void escaped() {
    if (pos_ + 1 >= text_.size()) {
      throw CommandLineError(fmt::format("trailing backslash at column {}", pos_ + 1));
    }
    const char next = text_[pos_ + 1];
    if (next == '\0') refuse(next, pos_ + 1, "NUL");
    pos_ += 2;
    if (next == '\n') return;  // line continuation: neither character is kept
    start_word();
    word_->push_back(next);
  }

  void single_quoted() {
    const std::size_t open = pos_;
    start_word();
    for (++pos_; pos_ < text_.size(); ++pos_) {
      const char c = text_[pos_];
      if (c == '\'') {
        ++pos_;
        return;
      }
      if (c == '\0') refuse(c, pos_, "NUL");
      word_->push_back(c);
    }
    throw CommandLineError(fmt::format("unterminated single quote opened at column {}", open + 1));
  }

  void double_quoted() {
    const std::size_t open = pos_;
    start_word();
    for (++pos_; pos_ < text_.size(); ++pos_) {
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return;
      }
      if (c == '\0') refuse(c, pos_, "NUL");
      if (c == '$' || c == '`') refuse(c, pos_, "unescaped");
      if (c == '\\' && pos_ + 1 < text_.size() && is_escapable_in_double_quotes(text_[pos_ + 1])) {
        ++pos_;
        if (text_[pos_] != '\n') word_->push_back(text_[pos_]);
        continue;
      }
      word_->push_back(c);
    }
    throw CommandLineError(fmt::format("unterminated double quote opened at column {}", open + 1));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::optional<std::string> word_;  // engaged once a word has started, even if empty ('')
  std::vector<std::string> words_;
};

}  // namespace

std::vector<std::string> split_command_line(std::string_view command_line) { return Splitter(command_line).run(); }

}  // namespace wsh::launch
