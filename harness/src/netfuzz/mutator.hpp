#pragma once
// Structure-aware mutation of what a peer sends. A generated case is a
// catalogue seed (or two spliced) with a few mutations applied, each of
// which knows the frame structure: opcodes (reserved ones included), FIN and
// RSV bits, masking, the payload length and its encoding (including a
// declared length that lies), close codes and reasons (invalid UTF-8, longer
// than 125 bytes), fragmentation, control frames in the middle of a
// message, truncated frames, and delivery faults (chop, delay, truncate,
// corrupt, RST, FIN). Everything is a function of the case seed.

#include <chrono>
#include <string>
#include <vector>

#include "netfuzz/fuzz_random.hpp"
#include "netfuzz/seed_pool.hpp"

namespace wsh::netfuzz {

// Bounds that keep every generated case small and quick.
struct MutatorLimits {
  std::size_t max_steps = 24;
  std::size_t max_frame_payload = 256 * 1024;  // bytes in one send
  std::size_t max_case_bytes = 1024 * 1024;    // sum over sends (x repeat) and raw bytes
  int max_repeat = 16;
  int max_mutations = 4;
  std::chrono::milliseconds max_added_delay{400};  // sleeps, delay and chop pauses together, roughly
};

struct GeneratedSteps {
  std::vector<cases::Step> steps;
  std::vector<std::string> sources;    // the seeds' result ids
  std::vector<std::string> mutations;  // what was done, in order, for the case's description
};

// `harness_is_client`: the harness masks by default (the subject is the
// server); a truncated frame is encoded that way before it is cut.
GeneratedSteps generate_steps(const std::vector<Seed>& seeds, std::uint64_t case_seed, bool harness_is_client,
                              const MutatorLimits& limits = {});

// The bytes a generated case puts on the wire at most (sends x repeat, raw).
std::size_t case_bytes(const std::vector<cases::Step>& steps);

}  // namespace wsh::netfuzz
