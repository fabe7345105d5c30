#pragma once
// Payloads sized by the subject's own limit. A case says
// `payload_size = "max_message"` or `"max_message+1"`; the subject reports
// the limit in hello (limits.max_message), and bind_max_message() turns the
// case into one with concrete payloads just before it runs against that
// subject (RFC 6455 §10.4: an endpoint protects itself against messages over
// its limit, §7.4.1: 1009 Message Too Big).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "cases/case_model.hpp"

namespace wsh::cases {

// The bytes of `payload_size = N`: Autobahn's 10-byte filler repeated, so big
// messages compare the same way across implementations.
Bytes filler_payload(std::size_t size);

bool sized_by_max_message(const Step& step);
bool sized_by_max_message(const CaseInstance& instance);

// Why `instance` cannot run against a subject that reports `max_message`
// (none reported, or a payload too large to send); nullopt when it can.
std::optional<std::string> max_message_problem(const CaseInstance& instance, std::optional<std::uint64_t> max_message);

// `instance` with every max_message-relative payload made concrete.
CaseInstance bind_max_message(const CaseInstance& instance, std::uint64_t max_message);

}  // namespace wsh::cases
