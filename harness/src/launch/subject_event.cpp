#include "launch/subject_event.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "base/name_table.hpp"

namespace wsh::launch {
namespace {

constexpr NameTable<EventKind, 8> kEventNames{{
    {EventKind::Hello, "hello"},
    {EventKind::Ready, "ready"},
    {EventKind::Open, "open"},
    {EventKind::Read, "read"},
    {EventKind::CloseCalled, "close_called"},
    {EventKind::Cleanup, "cleanup"},
    {EventKind::SpamDone, "spam_done"},
    {EventKind::Error, "error"},
}};

constexpr NameTable<ReadResult, 4> kReadResultNames{{
    {ReadResult::Text, "text"},
    {ReadResult::Binary, "binary"},
    {ReadResult::Fail, "fail"},
    {ReadResult::Timeout, "timeout"},
}};

bool contains(const std::vector<std::string>& values, std::string_view wanted) {
  return std::find(values.begin(), values.end(), wanted) != values.end();
}

}  // namespace

std::string_view to_string(EventKind kind) { return name_in(kEventNames, kind, "unknown"); }

std::string_view to_string(ReadResult result) { return name_in(kReadResultNames, result, "unknown"); }

std::optional<EventKind> event_kind_from_name(std::string_view name) { return value_named(kEventNames, name); }

std::optional<ReadResult> read_result_from_name(std::string_view name) { return value_named(kReadResultNames, name); }

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
