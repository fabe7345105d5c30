#include "autobahn_map.hpp"

#include <algorithm>
#include <array>
#include <span>

namespace wsh::cases {
namespace {

// Current master (0.8.1 and later), in case order.
constexpr std::array<std::uint16_t, 13> kValidCodes77 = {1000, 1001, 1002, 1003, 1007, 1008, 1009,
                                                         1010, 1011, 3000, 3999, 4000, 4999};
constexpr std::array<std::uint16_t, 9> kInvalidCodes79 = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999};
constexpr std::array<std::uint16_t, 2> kUndefinedCodes713 = {5000, 65535};

struct Family {
  std::string_view prefix;  // "7.7."
  std::span<const std::uint16_t> codes;
};

constexpr std::array<Family, 3> kFamilies = {{
    {"7.7.", kValidCodes77},
    {"7.9.", kInvalidCodes79},
    {"7.13.", kUndefinedCodes713},
}};

// The fixed (non-family) section-7 cases.
constexpr std::array<std::string_view, 13> kFixedCases = {"7.1.1", "7.1.2", "7.1.3", "7.1.4", "7.1.5", "7.1.6", "7.3.1",
                                                          "7.3.2", "7.3.3", "7.3.4", "7.3.5", "7.3.6", "7.5.1"};

const Family* family_of(std::string_view name) {
  for (const auto& family : kFamilies) {
    if (name.size() == family.prefix.size() + 1 && name.starts_with(family.prefix) && name.back() == 'x')
      return &family;
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> resolve_autobahn(std::string_view name, std::optional<std::uint16_t> code) {
  const Family* family = family_of(name);
  if (!family) return std::string(name);
  if (!code) return std::nullopt;
  const auto it = std::find(family->codes.begin(), family->codes.end(), *code);
  if (it == family->codes.end()) return std::nullopt;
  return std::string(family->prefix) + std::to_string(it - family->codes.begin() + 1);
}

bool is_known_autobahn_case(std::string_view name) {
  if (family_of(name)) return true;
  if (std::find(kFixedCases.begin(), kFixedCases.end(), name) != kFixedCases.end()) return true;
  for (const auto& family : kFamilies) {
    if (!name.starts_with(family.prefix)) continue;
    const auto index = name.substr(family.prefix.size());
    for (std::size_t i = 1; i <= family.codes.size(); ++i)
      if (index == std::to_string(i)) return true;
  }
  return false;
}

}  // namespace wsh::cases
