#pragma once
// A fault's parameters as a case file gives them: name → integer, string or
// bool (TOML's scalar types). The same shapes as wsh::cases::FaultParams, so
// the case loader passes its map straight through.

#include <cstdint>
#include <map>
#include <string>
#include <variant>

namespace wsh::faults {

using FaultParam = std::variant<std::int64_t, std::string, bool>;
using FaultParams = std::map<std::string, FaultParam>;

}  // namespace wsh::faults
