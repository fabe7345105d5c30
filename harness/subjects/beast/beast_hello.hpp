#pragma once
// The hello event of the Beast subject (PROTOCOL.md, "Events"): impl "beast",
// the Boost release it was built against, both roles, every optional feature,
// and the timeouts actually in force.

#include <string>

#include "event_sink.hpp"
#include "timeout_policy.hpp"

namespace wsh::subject::beast_subject {

// BOOST_VERSION encodes major * 100000 + minor * 100 + patch: 108100 is "1.81.0".
std::string boost_version_string(long boost_version);

// Beast ships with Boost, so the Boost release is the version a user names;
// BOOST_BEAST_VERSION, Beast's own counter (345 in 1.81, 358 in 1.89), follows
// as build metadata so a report tells the exact Beast: "1.81.0+beast.345".
std::string beast_version_string(long boost_version, int beast_version);

Hello make_hello(const TimeoutPolicy& timeouts);

}  // namespace wsh::subject::beast_subject
