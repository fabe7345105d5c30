#pragma once
// Where generated cases start from: the catalogue's own cases. Each seed is
// what one case instance sends (frames, raw bytes, chat commands, delivery
// faults, short pauses), stripped of its waits and expectations, which only
// make sense for the exact input the case was written for.

#include <string>
#include <vector>

#include "cases/case_loader.hpp"

namespace wsh::netfuzz {

struct Seed {
  std::string source;              // the result id it came from
  std::vector<cases::Step> steps;  // send, send_raw, fault, sleep only
};

// The seeds for one role (server or client): every case instance that
// applies to that role, needs no subject feature, and sends something.
// Identical step lists are kept once.
std::vector<Seed> collect_seeds(const cases::Catalogue& catalogue, cases::Role role);

// Whether the fuzzer may replay this fault by name: the stream faults and
// the TCP ends. `stall` and `blackhole` are left out: they only make a case
// wait for its deadline, which finds nothing and costs the budget.
bool is_fuzzable_fault(const std::string& name);

}  // namespace wsh::netfuzz
