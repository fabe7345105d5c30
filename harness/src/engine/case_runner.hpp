#pragma once
// Runs one planned result from start to verdict: starts the subject, plays the
// case's steps through a scripted peer, drains, collects the subject's
// events, judges with the oracles. Never throws, never hangs: every failure
// of the subject or the harness becomes a verdict with its reason.

#include "engine/engine.hpp"
#include "engine/hang_memory.hpp"
#include "net/tls_material.hpp"

namespace wsh::engine {

struct RunContext {
  const RunOptions& options;
  const net::TlsMaterial* tls = nullptr;  // set when a wss transport is planned
  HangMemory* hangs = nullptr;            // shared by the run's results; null: none
};

// Where `role`'s side of `planned` is remembered in the run's hang memory.
HangScope hang_scope(const PlannedResult& planned, const RunContext& context, std::string_view side);

CaseResult run_case(const PlannedResult& planned, const RunContext& context);

// run_case, up to `limit` times (each run a fresh subject and a derived
// seed, see run_seed), stopping at the first run worse than PASS; the result
// is that run, or the last, with `runs` filled in. A limit of 1 is run_case
// exactly. The limit is the case's `repeat`, or more for a known race
// (a baseline's `intermittent` entry).
CaseResult run_repeated(const PlannedResult& planned, const RunContext& context, int limit);

// The SKIP result for a planned result the subject cannot run, or nullopt.
std::optional<CaseResult> skip_reason(const PlannedResult& planned);

// Fills identity and case fields of a result from its plan.
CaseResult blank_result(const PlannedResult& planned);

}  // namespace wsh::engine
