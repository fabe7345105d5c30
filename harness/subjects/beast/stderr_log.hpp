#pragma once
// Diagnostics go to stderr, one line per call: stdout carries only the
// subject protocol's events (PROTOCOL.md), and the harness shows the stderr tail
// next to a broken result.

#include <string_view>

namespace wsh::subject::beast_subject {

// Writes "wsh-subject-beast: <message>\n" to stderr in one write.
void log_line(std::string_view message);

}  // namespace wsh::subject::beast_subject
