#pragma once
// A fault's parameters: base's type, the one the case loader fills, so its
// map passes straight through.

#include "base/fault_params.hpp"

namespace wsh::faults {

using wsh::FaultParam;
using wsh::FaultParams;

}  // namespace wsh::faults
