// wsh-subject-httplib: cpp-httplib's httplib::ws wrapped in the subject
// protocol of PROTOCOL.md.

#include "event_sink.hpp"
#include "hello.hpp"
#include "httplib_build.hpp"
#include "roles.hpp"
#include "shutdown_signal.hpp"
#include "subject_options.hpp"
#include "timeouts_in_force.hpp"

namespace {

using namespace wsh::subject;
using namespace wsh::subject::httplib_subject;

// Never destroyed: the signal thread may pull the latch while exit() runs the
// destructors of statics. Globals, so LeakSanitizer sees them as reachable.
ShutdownLatch* const shutdown_latch = new ShutdownLatch;
OpenConnections* const open_connections = new OpenConnections;

}  // namespace

int main(int argc, char** argv) {
  // First, before any thread starts: SIGTERM means /shutdown.
  on_termination_signal([] { shutdown_latch->request(); });

  const SubjectOptions options =
      parse_subject_options(argc, argv, "cpp-httplib (httplib::ws) behind the wsharness subject protocol");
  const HttplibBuild build = describe_httplib_build();
  const TimeoutPlan timeouts = plan_timeouts(options, build.knobs);
  emit_hello(make_hello(build, timeouts));

  const ShutdownPlumbing plumbing{*shutdown_latch, *open_connections};
  return options.role == Role::Server ? run_server(options, timeouts, plumbing)
                                      : run_client(options, timeouts, plumbing);
}
