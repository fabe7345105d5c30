#pragma once
// The events of the subject protocol (harness/subjects/PROTOCOL.md,
// "Events"), as the harness receives them: one JSON object per stdout line,
// validated and stamped with its arrival time.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "launch/clock.hpp"

namespace wsh::launch {

// The connection id: the peer's TCP port as the subject sees it, so the
// harness can match events to its own socket's local port.
using ConnId = std::string;

enum class EventKind { Hello, Ready, Open, Read, CloseCalled, Cleanup, SpamDone, Error };

// What the application's blocking read() returned. Timeout: its read timeout
// passed and the connection stays open (cpp-httplib >= 0.56.0); never a Fail.
enum class ReadResult { Text, Binary, Fail, Timeout };

// The protocol's names: "hello", "close_called", ...; "text", "binary", "fail", "timeout".
std::string_view to_string(EventKind kind);
std::string_view to_string(ReadResult result);
std::optional<EventKind> event_kind_from_name(std::string_view name);
std::optional<ReadResult> read_result_from_name(std::string_view name);

// The timeouts a subject reports in hello, so a report can show what it waited.
struct SubjectTimeouts {
  std::optional<Millis> close;
  std::optional<Millis> read;
  std::optional<Millis> ping_interval;
};

struct Hello {
  std::string impl;                   // "beast", "httplib", ...
  std::string version;                // the implementation's version
  std::vector<std::string> roles;     // "server", "client"
  std::vector<std::string> features;  // "tls", "threads", "leave", "heartbeat"
  std::optional<SubjectTimeouts> timeouts;
  // "limits":{"max_message":N}: the largest message (payload bytes after
  // reassembly) read() accepts. Cases sized by it are SKIP without it.
  std::optional<std::uint64_t> max_message;

  bool has_role(std::string_view role) const;
  bool has_feature(std::string_view feature) const;
};

// One event. Which fields mean something depends on `kind`; the others keep
// their defaults.
struct SubjectEvent {
  EventKind kind = EventKind::Error;
  ConnId conn;                                // open, read, close_called, cleanup, spam_done
  ReadResult read_result = ReadResult::Fail;  // read
  int close_code = 0;                         // close_called: the code passed to close()
  std::uint64_t sent = 0;                     // spam_done: messages sent
  std::uint16_t port = 0;                     // ready: the listening port
  std::string message;                        // error
  std::optional<Hello> hello;                 // hello
  nlohmann::json raw;                         // the object as received, extra fields included
  Clock::time_point at{};                     // when the line arrived
  std::size_t line_number = 0;                // 1-based line of the subject's stdout
};

// One-line summary for messages: "read(conn=51234, result=fail)".
std::string describe(const SubjectEvent& event);

}  // namespace wsh::launch
