#pragma once
// The oracles: each looks at one aspect of an Observation and returns the
// findings that depart from RFC 6455 or from the case's expectation. Every one
// of them is proven able to fail by a bug switch of wsh-subject-faulty (see
// harness/tests/engine/negative_controls_test.cpp).

#include <vector>

#include "cases/case_model.hpp"
#include "oracles/observation.hpp"
#include "oracles/verdict.hpp"

namespace wsh::oracles {

// What the subject put on the wire: well-formed frames for its role (§5.1-5.5),
// legal close payloads (§5.5.1, §7.4.1: 1005/1006/1015 never on the wire),
// valid UTF-8 in text messages and close reasons (§8.1).
std::vector<Finding> check_wire(const Observation& observation);

// How the connection ended against the case's `close`, `codes` and
// `messages` expectations, with Autobahn's grading where the RFC leaves
// latitude (a TCP drop instead of a close frame is NON-STRICT).
std::vector<Finding> check_outcome(const cases::Expectation& expect, const Observation& observation);

// The subject's /spam messages (expect.spam_size): whole and in order, each
// equal to the protocol's message i; with spam_count, all of them. Part of
// check_outcome.
std::vector<Finding> check_spam(const cases::Expectation& expect, const Observation& observation);
// Message `index` of "/spam N SIZE" as PROTOCOL.md defines it.
std::string spam_message(std::size_t index, std::size_t size);

// The application's view: read() ends in exactly one Fail, the last read, and
// cleanup runs exactly once after it; no fd outlives the connection.
std::vector<Finding> check_application(const cases::Expectation& expect, const Observation& observation);

// The subject process: crashes, sanitizer reports, protocol violations.
std::vector<Finding> check_health(const Observation& observation);

// The process ended by itself with the exit code the case expects
// (expect.exit, e.g. 0 after a graceful shutdown).
std::vector<Finding> check_exit(const cases::Expectation& expect, const Observation& observation);

// What one connection shows, without the process-wide health: any step
// failure, the handshake, wire, outcome and application oracles.
std::vector<Finding> check_connection(const cases::Expectation& expect, const Observation& observation);

// All of the above plus any step failure, combined into one judgement.
Judgement evaluate(const cases::Expectation& expect, const Observation& observation);

}  // namespace wsh::oracles
