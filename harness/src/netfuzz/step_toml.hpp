#pragma once
// Steps back into the case-file notation (cases/README.md, "Steps"): the
// inverse of cases/step_parser for every step kind (std::visit: a new kind
// does not compile until it has its form here). Loading what this writes
// gives back the same steps, byte for byte; the round-trip tests hold it to that.

#include <string>

#include <toml++/toml.h>

#include "cases/case_model.hpp"

namespace wsh::netfuzz {

// One step as an inline TOML table.
toml::table step_table(const cases::Step& step);

// The same as one line of text: `{ send = "close", code = 1002, reason_hex = "ff" }`.
std::string render_step(const cases::Step& step);

}  // namespace wsh::netfuzz
