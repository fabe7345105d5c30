#pragma once
// Faults by name, as case files refer to them (`fault = "chop", size = 1`).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faults/fault.hpp"
#include "faults/fault_info.hpp"
#include "faults/fault_params.hpp"

namespace wsh::faults {

// Builds the fault `name` with `params`. Throws FaultSpecError:
//   unknown fault 'x'; known: blackhole, burst, chop, ...
//   unknown parameter 'sise' for fault 'chop'; known: size, delay_ms, variation
//   fault 'chop': parameter 'size' must be a positive integer, got 0
//   fault 'corrupt': missing parameter 'offset' (...)
std::unique_ptr<Fault> make_fault(std::string_view name, const FaultParams& params);

// The same checks without building: the message, or nullopt when valid.
// Fits wsh::cases::FaultValidator.
std::optional<std::string> validate_fault(std::string_view name, const FaultParams& params);

// Every fault, sorted by name, for help text and `wsharness list`.
const std::vector<FaultInfo>& list_faults();

}  // namespace wsh::faults
