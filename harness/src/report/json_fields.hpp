#pragma once
// Reading fields of the report JSON defensively. `wsharness report DIR`
// renders whatever JSON it finds (an older harness, a merged shard, a hand
// edit), so a missing field or a field of another type must give a blank,
// never an exception or a crash.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace wsh::report {

// A string field as is; a number or boolean as its JSON text; an array of
// strings joined with ", "; anything else (or missing) as `fallback`.
std::string field_text(const nlohmann::json& object, std::string_view key, std::string_view fallback = "");

// An integer field, or `fallback` when missing or not a number.
std::int64_t field_int(const nlohmann::json& object, std::string_view key, std::int64_t fallback = 0);

// The array or object at `key`, or an empty one.
const nlohmann::json& field_array(const nlohmann::json& object, std::string_view key);
const nlohmann::json& field_object(const nlohmann::json& object, std::string_view key);

// "12.345 ms" for a time in microseconds.
std::string format_micros(std::int64_t micros);
// "850 ms", "12.3 s", "2 min 5 s" for a duration in milliseconds.
std::string format_millis(std::int64_t millis);

// A repeated case's `runs` object in words: "failed on run 37 of 50",
// "passed all 50 of 50 runs"; empty when there is none.
std::string runs_summary(const nlohmann::json& runs);

}  // namespace wsh::report
