#pragma once
// A fault's parameters checked against its FaultInfo: every given name is
// known, every value has the right type and range, every required one is
// there. The getters then return the given value or the default.

#include <cstdint>
#include <string>
#include <string_view>

#include "faults/fault_info.hpp"
#include "faults/fault_params.hpp"

namespace wsh::faults {

class FaultArgs {
 public:
  // Throws FaultSpecError with the first problem found.
  FaultArgs(const FaultInfo& info, const FaultParams& params);

  std::int64_t integer(std::string_view name) const;
  const std::string& string(std::string_view name) const;
  bool boolean(std::string_view name) const;

 private:
  const FaultParam& value(std::string_view name) const;

  const FaultInfo& info_;
  const FaultParams& params_;
};

}  // namespace wsh::faults
