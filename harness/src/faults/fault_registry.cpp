#include "faults/fault_registry.hpp"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "faults/blackhole_fault.hpp"
#include "faults/burst_fault.hpp"
#include "faults/chop_fault.hpp"
#include "faults/corrupt_fault.hpp"
#include "faults/delay_fault.hpp"
#include "faults/fault_args.hpp"
#include "faults/fault_spec_error.hpp"
#include "faults/fin_fault.hpp"
#include "faults/rst_fault.hpp"
#include "faults/stall_fault.hpp"
#include "faults/truncate_fault.hpp"

namespace wsh::faults {
namespace {

struct Entry {
  const FaultInfo& info;
  std::function<std::unique_ptr<Fault>(const FaultArgs&)> make;
};

// Sorted by name: list_faults() and the "known:" list read alphabetically.
const std::vector<Entry>& registry() {
  static const std::vector<Entry> entries{
      {BlackholeFault::info(), &BlackholeFault::make},
      {BurstFault::info(), &BurstFault::make},
      {ChopFault::info(), &ChopFault::make},
      {CorruptFault::info(), &CorruptFault::make},
      {DelayFault::info(), &DelayFault::make},
      {FinFault::info(), &FinFault::make},
      {RstFault::info(), &RstFault::make},
      {StallFault::stall_info(), &StallFault::make_stall},
      {TruncateFault::info(), &TruncateFault::make},
      {StallFault::unstall_info(), &StallFault::make_unstall},
  };
  return entries;
}

const Entry& find_entry(std::string_view name) {
  const auto& entries = registry();
  const auto found =
      std::find_if(entries.begin(), entries.end(), [&](const Entry& entry) { return entry.info.name == name; });
  if (found != entries.end()) return *found;
  std::string known;
  for (const Entry& entry : entries) known += (known.empty() ? "" : ", ") + entry.info.name;
  throw FaultSpecError(fmt::format("unknown fault '{}'; known: {}", name, known));
}

}  // namespace

std::unique_ptr<Fault> make_fault(std::string_view name, const FaultParams& params) {
  const Entry& entry = find_entry(name);
  return entry.make(FaultArgs(entry.info, params));
}

std::optional<std::string> validate_fault(std::string_view name, const FaultParams& params) {
  try {
    const Entry& entry = find_entry(name);
    FaultArgs checked(entry.info, params);
  } catch (const FaultSpecError& error) {
    return std::string(error.what());
  }
  return std::nullopt;
}

const std::vector<FaultInfo>& list_faults() {
  static const std::vector<FaultInfo> infos = [] {
    std::vector<FaultInfo> all;
    for (const Entry& entry : registry()) all.push_back(entry.info);
    return all;
  }();
  return infos;
}

}  // namespace wsh::faults
