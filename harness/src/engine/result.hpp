#pragma once
// The result types, made by the engine and named engine:: by its code and
// its users; they live below it (results/case_result.hpp) so that the report
// can read them without knowing the engine.

#include "results/case_result.hpp"

namespace wsh::engine {

using results::CaseResult;
using results::FleetSummary;
using results::Transport;
using results::transport_name;

}  // namespace wsh::engine
