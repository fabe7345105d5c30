#include "event_sink.hpp"

#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>

namespace wsh::subject {
namespace {

std::mutex& stdout_mutex() {
  static std::mutex mutex;
  return mutex;
}

void write_line(const nlohmann::json& event) {
  // Subjects echo untrusted bytes in close reasons; `replace` keeps invalid
  // UTF-8 from throwing mid-event and leaving a torn line.
  const std::string line = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard lock(stdout_mutex());
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

const char* read_kind_name(ReadKind kind) {
  switch (kind) {
    case ReadKind::Text: return "text";
    case ReadKind::Binary: return "binary";
    case ReadKind::Fail: return "fail";
    case ReadKind::Timeout: return "timeout";
  }
  return "fail";
}

}  // namespace

void emit_hello(const Hello& hello) {
  nlohmann::json event = {{"event", "hello"},
                          {"impl", hello.impl},
                          {"version", hello.version},
                          {"roles", hello.roles},
                          {"features", hello.features},
                          {"timeouts",
                           {{"close_ms", hello.close_timeout_ms},
                            {"read_ms", hello.read_timeout_ms},
                            {"ping_interval_ms", hello.ping_interval_ms}}}};
  if (hello.max_message) event["limits"] = {{"max_message", *hello.max_message}};
  if (hello.bugs) event["bugs"] = *hello.bugs;
  write_line(event);
}

void emit_ready(std::uint16_t port) { write_line({{"event", "ready"}, {"port", port}}); }

void emit_open(const ConnId& conn) { write_line({{"event", "open"}, {"conn", conn}}); }

void emit_read(const ConnId& conn, ReadKind kind) {
  write_line({{"event", "read"}, {"conn", conn}, {"result", read_kind_name(kind)}});
}

void emit_close_called(const ConnId& conn, int code) {
  write_line({{"event", "close_called"}, {"conn", conn}, {"code", code}});
}

void emit_cleanup(const ConnId& conn) { write_line({{"event", "cleanup"}, {"conn", conn}}); }

void emit_spam_done(const ConnId& conn, std::size_t sent) {
  write_line({{"event", "spam_done"}, {"conn", conn}, {"sent", sent}});
}

void emit_error(std::string_view message) { write_line({{"event", "error"}, {"message", std::string(message)}}); }

}  // namespace wsh::subject
