#pragma once
// Writes the subject protocol's events: one JSON object per line on stdout,
// flushed after each line, never anything else on stdout (PROTOCOL.md, "Events"). Safe to
// call from any thread: a line is written whole under a lock, so events from a
// reader thread and a /spam or /close-async thread never interleave.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::subject {

// The connection id: the peer's TCP port as the subject sees it.
using ConnId = std::string;

// Timeout: the implementation's read() timed out and left the connection
// open (PROTOCOL.md; the feature "read-timeout").
enum class ReadKind { Text, Binary, Fail, Timeout };

struct Hello {
  std::string impl;                   // "beast", "httplib", "faulty", ...
  std::string version;                // the implementation's version
  std::vector<std::string> roles;     // "server", "client"
  std::vector<std::string> features;  // "tls", "threads", "leave", "heartbeat"
  // Timeouts in force, reported so the report can show what a subject waited.
  int close_timeout_ms = 0;
  int read_timeout_ms = 0;
  int ping_interval_ms = 0;
  // The largest message read() accepts ("limits":{"max_message":N}).
  std::optional<std::uint64_t> max_message;
  // The faulty subject's bug switches in force ("bugs":[...]); omitted when unset.
  std::optional<std::vector<std::string>> bugs;
};

void emit_hello(const Hello& hello);
void emit_ready(std::uint16_t port);
void emit_open(const ConnId& conn);
void emit_read(const ConnId& conn, ReadKind kind);
void emit_close_called(const ConnId& conn, int code);
void emit_cleanup(const ConnId& conn);
void emit_spam_done(const ConnId& conn, std::size_t sent);
// For fatal start-up problems: {"event":"error","message":...}; the harness
// reports it with the stderr tail.
void emit_error(std::string_view message);

}  // namespace wsh::subject
