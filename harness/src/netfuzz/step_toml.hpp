#pragma once
// Steps back into the case-file notation (cases/README.md, "Steps"): the
// inverse of cases/step_parser for the verbs the fuzzer generates (send,
// send_raw, fault, sleep). Loading what this writes gives back the same
// steps, byte for byte; the fuzzer's round-trip test holds it to that.

#include <string>

#include "cases/case_model.hpp"

namespace wsh::netfuzz {

// One step as an inline TOML table: `{ send = "close", code = 1002, reason_hex = "ff" }`.
std::string render_step(const cases::Step& step);

// A TOML basic string with every byte outside printable ASCII escaped.
std::string toml_string(std::string_view text);

}  // namespace wsh::netfuzz
