// Spam oracle: a second thread's /spam messages arrive whole and in order.
// Counting them (message_count) misses a reordered, torn or swapped
// message; two threads writing one connection without a lock produce
// exactly those (§5.4: the fragments of one message must not interleave
// with another's). PROTOCOL.md fixes what message i holds, so every one
// can be checked byte for byte.

#include <fmt/format.h>

#include "oracles/oracles.hpp"

namespace wsh::oracles {
namespace {

constexpr std::string_view kSpamPrefix = "spam ";

// The index a message claims ("spam 37 ..."), if it claims one.
std::optional<std::size_t> claimed_index(std::string_view message) {
  message.remove_prefix(kSpamPrefix.size());
  std::size_t index = 0, digits = 0;
  for (; digits < message.size() && digits < 9 && message[digits] >= '0' && message[digits] <= '9'; ++digits)
    index = index * 10 + static_cast<std::size_t>(message[digits] - '0');
  if (digits == 0) return std::nullopt;
  return index;
}

}  // namespace

std::string spam_message(std::size_t index, std::size_t size) {
  std::string message = std::string(kSpamPrefix) + std::to_string(index) + " ";
  if (message.size() >= size) return message.substr(0, size);
  message.reserve(size);
  for (std::size_t i = message.size(); i < size; ++i) message.push_back(static_cast<char>('a' + (index + i) % 26));
  return message;
}

std::vector<Finding> check_spam(const cases::Expectation& expect, const Observation& observation) {
  std::vector<Finding> findings;
  if (!expect.spam_size) return findings;
  const std::size_t size = *expect.spam_size;
  std::size_t next = 0;
  for (const auto& message : observation.data_messages) {
    if (!std::string_view(message).starts_with(kSpamPrefix)) continue;  // an echo, not spam
    if (message == spam_message(next, size)) {
      ++next;
      continue;
    }
    // Only numbers go into the reason: the bytes came from the subject.
    const auto index = claimed_index(message);
    std::string got;
    if (index && *index != next) got = fmt::format("message {} came in its place (out of order or lost)", *index);
    else if (message.size() != size)
      got = fmt::format("it has {} bytes instead of {} (torn or merged)", message.size(), size);
    else got = "its bytes differ (corrupted)";
    findings.push_back({Verdict::Fail, "outcome.spam",
                        fmt::format("/spam message {} of {} bytes expected next; {}", next, size, got)});
    return findings;
  }
  if (expect.spam_count && next != *expect.spam_count)
    findings.push_back(
        {Verdict::Fail, "outcome.spam",
         fmt::format("expected all {} /spam messages, whole and in order; got {}", *expect.spam_count, next)});
  return findings;
}

}  // namespace wsh::oracles
