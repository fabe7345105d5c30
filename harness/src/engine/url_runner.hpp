#pragma once
// Black-box mode: a case run against a server the user started, found by
// URL (url_target.hpp). One connection per case, no process launched: the
// wire oracles judge what the server sent; the application oracles judge the
// probe's events when the server writes them (observed: probe) and are
// otherwise not observed (observed: wire-only), never PASS. Health and exit
// need the process and are never observed here.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "engine/case_runner.hpp"
#include "engine/url_target.hpp"

namespace wsh::engine {

// The SKIP result for a case a running server cannot be tested with by URL
// (it needs the process, its hello, the chat commands without
// --speaks-protocol, or application events without probe events), or nullopt.
std::optional<CaseResult> url_skip_reason(const PlannedResult& planned);

// One case, one connection to planned.subject->url. Never throws, never hangs.
CaseResult run_url_case(const PlannedResult& planned, const RunContext& context);

// The oracles a black-box result cannot judge, for the report: every
// application oracle without probe events, and health and exit always.
std::vector<std::string> unobserved_oracles(bool probe);

// Before a run: the target's flags are consistent, its host is allowed, and
// one connection shows a WebSocket server that stays open (the opening
// handshake answered with 101, a ping answered, a clean close). Returns the
// problem, naming the flag at fault, within `budget`; nullopt when it is fine.
std::optional<std::string> check_url_target(const UrlTarget& target, std::chrono::milliseconds budget);

// The subject a target is tested as: named by its agent, server role only,
// nothing to launch.
SubjectSpec url_subject(const UrlTarget& target);

// The subjects of options.url_targets, one each; narrows options.roles to
// server and options.transports to those the URLs name. The caller adds them
// to options.subjects. The entry point of every way of naming a running
// server (`run --url`, an Autobahn config's servers).
std::vector<SubjectSpec> use_url_targets(RunOptions& options);

}  // namespace wsh::engine
