#pragma once
// The ladder (sequence) diagram of one result, as inline SVG: the harness's
// peer on the left, the subject on the right, time going down. One arrow per
// frame (data-kind="frame"), raw byte writes and TCP FIN/RST as their own
// arrows, faults and notes on the peer's side, the subject's application
// events (open, read, close_called, cleanup) on its lifeline.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace wsh::report {

// `detail` is a results/N.json document. A long exchange is drawn in part:
// its first and last max_items / 2 records and events, and between them
// everything but data frames (up to max_items more), with one row counting
// each run left out (the transcript table and the JSON have everything).
std::string ladder_svg(const nlohmann::json& detail, std::size_t max_items = 120);

// The one-line label of a transcript record ("close 1000 \"bye\"",
// "text 5 B \"hello\"", "TCP FIN"), unescaped.
std::string record_label(const nlohmann::json& record);

}  // namespace wsh::report
