#pragma once
// Parses one entry of a case's `steps` array into a typed Step. The verb is
// the one key of the entry that names a step kind; every other key must be a
// parameter of that verb.

#include <functional>
#include <optional>

#include "cases/case_model.hpp"
#include "cases/table_reader.hpp"

namespace wsh::cases {

// Checks a fault step against the fault registry; returns an error message
// ("unknown fault 'x'; known: ...") or nullopt. Injected so the case loader
// does not depend on the fault implementations.
using FaultValidator = std::function<std::optional<std::string>(const FaultStep&)>;

// What the case around a step allows.
struct StepContext {
  // The case runs in the pair topology, whose steps name the subject they act
  // on (`to`, `from`, `subject`, `direction`); elsewhere those keys are errors.
  bool pair = false;
  // The case runs its steps on many connections at once (`connections` with
  // concurrency = "all"), so a step may say `on = "first"`.
  bool fleet_all = false;
  // The case names `connections` (any concurrency).
  bool fleet = false;
};

// A step's inline table as one line of TOML, the form LocatedStep::text and
// the fuzzer's found cases show it in: `{ code = 1000, send = "close" }`.
std::string inline_table_text(const toml::table& table);

std::optional<LocatedStep> parse_step(const toml::node& entry, const std::string& file, const Bindings& bindings,
                                      const FaultValidator& validate_fault, LoadErrors& errors,
                                      StepContext context = {});

}  // namespace wsh::cases
