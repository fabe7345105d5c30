#include "cases/max_message.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <string_view>
#include <variant>

namespace wsh::cases {
namespace {

// The largest payload a bound case may send or expect: a subject reporting a
// gigabyte limit is not tested by allocating gigabytes in the harness.
constexpr std::uint64_t kMaxBoundPayload = 256ULL * 1024 * 1024;

// The offset of a payload the harness must build; a declared length costs nothing.
std::optional<std::int64_t> payload_offset_of(const Step& step) {
  if (const auto* send = std::get_if<SendStep>(&step)) return send->size_from_max_message;
  if (const auto* wait = std::get_if<WaitFrameStep>(&step)) return wait->size_from_max_message;
  return std::nullopt;
}

std::uint64_t bound_size(std::uint64_t max_message, std::int64_t offset) {
  if (offset < 0 && static_cast<std::uint64_t>(-offset) > max_message) return 0;
  return offset < 0 ? max_message - static_cast<std::uint64_t>(-offset)
                    : max_message + static_cast<std::uint64_t>(offset);
}

}  // namespace

Bytes filler_payload(std::size_t size) {
  static constexpr std::string_view kPattern = "BAsd7&jh23";
  Bytes payload(size);
  for (std::size_t i = 0; i < size; ++i) payload[i] = static_cast<std::uint8_t>(kPattern[i % kPattern.size()]);
  return payload;
}

bool sized_by_max_message(const Step& step) {
  const auto* send = std::get_if<SendStep>(&step);
  return payload_offset_of(step).has_value() || (send && send->declared_from_max_message);
}

bool sized_by_max_message(const CaseInstance& instance) {
  return std::any_of(instance.steps.begin(), instance.steps.end(),
                     [](const LocatedStep& located) { return sized_by_max_message(located.step); });
}

std::optional<std::string> max_message_problem(const CaseInstance& instance, std::optional<std::uint64_t> max_message) {
  if (!sized_by_max_message(instance)) return std::nullopt;
  if (!max_message) return "the subject reports no message size limit (hello's limits.max_message)";
  for (const auto& located : instance.steps) {
    const auto offset = payload_offset_of(located.step);
    if (offset && bound_size(*max_message, *offset) > kMaxBoundPayload)
      return fmt::format("the subject's max_message ({} bytes) is over the {} bytes the harness sends", *max_message,
                         kMaxBoundPayload);
  }
  return std::nullopt;
}

CaseInstance bind_max_message(const CaseInstance& instance, std::uint64_t max_message) {
  CaseInstance bound = instance;
  for (auto& located : bound.steps) {
    if (auto* send = std::get_if<SendStep>(&located.step)) {
      if (send->size_from_max_message)
        send->payload = filler_payload(bound_size(max_message, *send->size_from_max_message));
      if (send->declared_from_max_message)
        send->declared_length = bound_size(max_message, *send->declared_from_max_message);
      send->size_from_max_message.reset();
      send->declared_from_max_message.reset();
    } else if (auto* wait = std::get_if<WaitFrameStep>(&located.step); wait && wait->size_from_max_message) {
      wait->payload = filler_payload(bound_size(max_message, *wait->size_from_max_message));
      wait->size_from_max_message.reset();
    }
  }
  return bound;
}

}  // namespace wsh::cases
