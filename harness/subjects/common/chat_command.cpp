#include "chat_command.hpp"

#include <charconv>
#include <limits>

namespace wsh::subject {
namespace {

// Splits off the first space-separated word; `rest` keeps everything after the
// single separating space (a close reason may itself contain spaces).
std::string_view take_word(std::string_view& rest) {
  const auto space = rest.find(' ');
  const auto word = rest.substr(0, space);
  rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
  return word;
}

template <typename Int>
bool parse_number(std::string_view word, Int& out) {
  if (word.empty()) return false;
  unsigned long long value = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc{} || end != word.data() + word.size()) return false;
  if (value > std::numeric_limits<Int>::max()) return false;
  out = static_cast<Int>(value);
  return true;
}

template <typename Command>
ChatCommand parse_close_like(std::string_view rest) {
  Command command;
  if (!parse_number(take_word(rest), command.code)) return Echo{};
  command.reason = std::string(rest);
  return command;
}

}  // namespace

ChatCommand parse_chat_command(std::string_view text) {
  if (text.empty() || text.front() != '/') return Echo{};
  std::string_view rest = text;
  const auto verb = take_word(rest);
  if (verb == "/close") return parse_close_like<CloseCommand>(rest);
  if (verb == "/close-async") return parse_close_like<CloseAsync>(rest);
  if (verb == "/quit" && rest.empty()) return Quit{};
  if (verb == "/shutdown" && rest.empty()) return Shutdown{};
  if (verb == "/leave" && rest.empty()) return Leave{};
  if (verb == "/spam") {
    Spam spam;
    if (parse_number(take_word(rest), spam.count) && parse_number(take_word(rest), spam.size) && rest.empty()) {
      return spam;
    }
  }
  return Echo{};
}

std::string spam_message(std::size_t index, std::size_t size) {
  std::string message = "spam " + std::to_string(index) + " ";
  if (message.size() >= size) return message.substr(0, size);
  message.reserve(size);
  for (std::size_t i = message.size(); i < size; ++i) {
    message.push_back(static_cast<char>('a' + (index + i) % 26));
  }
  return message;
}

}  // namespace wsh::subject
