#pragma once
// A fault's parameters as a case file gives them: name -> integer, string or
// bool (TOML's scalar types). The case loader reads them, the fault registry
// judges them; both speak of this one type.

#include <cstdint>
#include <map>
#include <string>
#include <variant>

namespace wsh {

using FaultParam = std::variant<std::int64_t, std::string, bool>;
using FaultParams = std::map<std::string, FaultParam>;

}  // namespace wsh
