#pragma once
// How a result's application side was seen (index.json `observed`):
// through the subject protocol's events, through the probe header's events
// (include/wsharness/probe.hpp), or not at all: a subject reached only over
// the wire (`run --url`, `serve`), where the application oracles are "not
// observed" -- a state of their own, never PASS.

#include <string_view>

namespace wsh::engine {

enum class Observed { Protocol, Probe, WireOnly };

inline std::string_view observed_name(Observed observed) {
  switch (observed) {
    case Observed::Probe: return "probe";
    case Observed::WireOnly: return "wire-only";
    case Observed::Protocol: break;
  }
  return "protocol";
}

}  // namespace wsh::engine
