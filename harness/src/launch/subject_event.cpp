#include "launch/subject_event.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace wsh::launch {
namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, 8> kEventNames{{
    {EventKind::Hello, "hello"},
    {EventKind::Ready, "ready"},
    {EventKind::Open, "open"},
    {EventKind::Read, "read"},
    {EventKind::CloseCalled, "close_called"},
    {EventKind::Cleanup, "cleanup"},
    {EventKind::SpamDone, "spam_done"},
    {EventKind::Error, "error"},
}};

constexpr std::array<std::pair<ReadResult, std::string_view>, 4> kReadResultNames{{
    {ReadResult::Text, "text"},
    {ReadResult::Binary, "binary"},
    {ReadResult::Fail, "fail"},
    {ReadResult::Timeout, "timeout"},
}};

bool contains(const std::vector<std::string>& values, std::string_view wanted) {
  return std::find(values.begin(), values.end(), wanted) != values.end();
}

}  // namespace

std::string_view to_string(EventKind kind) {
  for (const auto& [candidate, name] : kEventNames) {
    if (candidate == kind) return name;
  }
  return "unknown";
}

std::string_view to_string(ReadResult result) {
  for (const auto& [candidate, name] : kReadResultNames) {
    if (candidate == result) return name;
  }
  return "unknown";
}

std::optional<EventKind> event_kind_from_name(std::string_view name) {
  for (const auto& [kind, candidate] : kEventNames) {
    if (candidate == name) return kind;
  }
  return std::nullopt;
}

std::optional<ReadResult> read_result_from_name(std::string_view name) {
  for (const auto& [result, candidate] : kReadResultNames) {
    if (candidate == name) return result;
  }
  return std::nullopt;
}

bool Hello::has_role(std::string_view role) const { return contains(roles, role); }

bool Hello::has_feature(std::string_view feature) const { return contains(features, feature); }

std::string describe(const SubjectEvent& event) {
  const auto name = to_string(event.kind);
  switch (event.kind) {
    case EventKind::Hello:
      return event.hello ? fmt::format("{}(impl={}, version={})", name, event.hello->impl, event.hello->version)
                         : std::string(name);
    case EventKind::Ready: return fmt::format("{}(port={})", name, event.port);
    case EventKind::Open:
    case EventKind::Cleanup: return fmt::format("{}(conn={})", name, event.conn);
    case EventKind::Read: return fmt::format("{}(conn={}, result={})", name, event.conn, to_string(event.read_result));
    case EventKind::CloseCalled: return fmt::format("{}(conn={}, code={})", name, event.conn, event.close_code);
    case EventKind::SpamDone: return fmt::format("{}(conn={}, sent={})", name, event.conn, event.sent);
    case EventKind::Error: return fmt::format("{}(message={:?})", name, event.message);
  }
  return std::string(name);
}

}  // namespace wsh::launch
