#pragma once
// A fault named or parameterised wrongly in a case file. The message names
// the fault and the parameter; the case loader prefixes file:line.

#include <stdexcept>
#include <string>

namespace wsh::faults {

class FaultSpecError : public std::invalid_argument {
 public:
  explicit FaultSpecError(const std::string& message) : std::invalid_argument(message) {}
};

}  // namespace wsh::faults
