#pragma once
// Names of enum values, written once: a table of (value, name) pairs looked
// up both ways. The names are contracts (index.json, the subject protocol,
// baselines), so each is spelled in exactly one table.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace wsh {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

// The name of `value`, or `otherwise` when the table lacks it.
template <typename Enum, std::size_t N>
constexpr std::string_view name_in(const NameTable<Enum, N>& table, Enum value, std::string_view otherwise) {
  for (const auto& [candidate, name] : table)
    if (candidate == value) return name;
  return otherwise;
}

// The value called `name`, if the table has one.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_named(const NameTable<Enum, N>& table, std::string_view name) {
  for (const auto& [value, candidate] : table)
    if (candidate == name) return value;
  return std::nullopt;
}

}  // namespace wsh
