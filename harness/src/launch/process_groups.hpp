#pragma once
// Every process group the harness has started and not yet reaped, so that
// whatever ends the harness from outside (SIGINT, SIGTERM) can end them too.
//
// spawn_process() adds a group before it returns; Subject removes it just
// before it reaps the leader (after that the group id may be reused, so it
// must never be signalled again). Once close_and_terminate() has run, every
// later spawn is refused and the new process killed at once, so a worker that
// was about to start a subject cannot leave one behind.
//
// Thread-safe.

#include <sys/types.h>

#include <cstddef>

#include "launch/clock.hpp"

namespace wsh::launch::process_groups {

// Adds `pgid`. Returns false (and adds nothing) once the registry is closed:
// the caller must kill and reap the process itself.
bool add(pid_t pgid);
// Removes `pgid`; call before reaping its leader.
void remove(pid_t pgid);
// How many groups are live.
std::size_t count();

// Closes the registry, sends SIGTERM to every live group, waits up to `grace`
// for their leaders to end, then sends SIGKILL to every group still listed
// (a subject that ignores SIGTERM, or children that outlived their leader).
// Returns how many groups it signalled. Bounded by `grace` plus a few ms.
std::size_t close_and_terminate(Millis grace);
bool closed();

// For tests: opens the registry again.
void reopen_for_tests();

}  // namespace wsh::launch::process_groups
