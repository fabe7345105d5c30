#pragma once
// Writes a baseline back as TOML (`wsharness baseline update`): the file's
// opening comment, its [subject] table, then every entry with the comment
// that stood above it, keys in one fixed order. Values are quoted and
// escaped by toml++, so a reason holding quotes or newlines stays one value.

#include <string>

#include "cases/baseline.hpp"

namespace wsh::cases {

std::string baseline_toml(const Baseline& baseline);

}  // namespace wsh::cases
