#pragma once
// The hello event of the httplib subject: what the build supports and the
// timeouts actually in force (PROTOCOL.md, "Events").

#include "event_sink.hpp"
#include "httplib_build.hpp"
#include "timeouts_in_force.hpp"

namespace wsh::subject::httplib_subject {

Hello make_hello(const HttplibBuild& build, const TimeoutPlan& timeouts);

}  // namespace wsh::subject::httplib_subject
