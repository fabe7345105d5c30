#pragma once
// What a fault is, for the registry, the case loader's checks and --help:
// its name, its parameters with their types, limits and defaults, and one
// line saying what happens on the wire.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faults/fault_params.hpp"

namespace wsh::faults {

enum class FaultKind {
  Stream,  // transforms the bytes written from now on
  Action,  // happens once, now
};

enum class ParamType { Integer, String, Bool };

struct ParamInfo {
  std::string name;
  ParamType type = ParamType::Integer;
  std::optional<FaultParam> default_value;  // nullopt: required
  std::string meaning;
  // Integer: the allowed range, inclusive.
  std::int64_t min = 0;
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
  // String: the allowed values (empty: any).
  std::vector<std::string> choices;
};

// What a fault does beyond its bytes, for whoever applies it (toxiproxy's
// toxics declare theirs the same way), so no caller tests a fault's name.
struct FaultEffects {
  // The connection is over the moment the fault acts (rst): the applier
  // records the end of TCP rather than waiting to read it.
  bool ends_connection = false;
  // Everything the sender writes vanishes, its FIN and RST included (blackhole):
  // a relay passes no end of stream on, so the receiver sees a dead path.
  bool swallows_bytes = false;
};

struct FaultInfo {
  std::string name;
  FaultKind kind = FaultKind::Stream;
  std::vector<ParamInfo> params;
  std::string on_the_wire;  // one line: what the peer observes
  FaultEffects effects{};
};

// An integer parameter in [min, max]; no default: required.
ParamInfo integer_param(std::string name, std::optional<std::int64_t> default_value, std::string meaning,
                        std::int64_t min, std::int64_t max = std::numeric_limits<std::int64_t>::max());
// A string parameter that must be one of `choices`.
ParamInfo choice_param(std::string name, std::string default_value, std::vector<std::string> choices,
                       std::string meaning);

// A fault as applied, for transcripts: "chop{delay_ms=5, size=1}", or the
// bare name without parameters.
std::string describe_fault(std::string_view name, const FaultParams& params);

// "chop{size=1, delay_ms=0, variation=0}: sends each write ..." for
// `wsharness list --faults`.
std::string format_help_line(const FaultInfo& info);

// One parameter for `wsharness list --faults`, with what a case file may
// give it: "size (integer >= 1, default 1): bytes per slice".
std::string format_param_help(const ParamInfo& param);

}  // namespace wsh::faults
