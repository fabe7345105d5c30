// wsh-subject-faulty: the negative control. A small WebSocket implementation
// on the harness's own codec and sockets, correct by default on every close
// path, with --bug switches that each break one behaviour (bugs.hpp) so that
// every oracle of the harness can be shown to fail.

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bugs.hpp"
#include "event_sink.hpp"
#include "open_connections.hpp"
#include "roles.hpp"
#include "shutdown_signal.hpp"
#include "subject_options.hpp"

namespace {

using namespace wsh::subject;
using namespace wsh::subject::faulty;

// Never destroyed: the signal thread may ring the latch while exit() runs
// the destructors of statics.
ShutdownLatch* const shutdown_latch = new ShutdownLatch;
OpenConnections* const open_connections = new OpenConnections;

Hello make_hello(const SubjectOptions& options, const BugSet& bugs) {
  Hello hello;
  hello.impl = "faulty";
  hello.version = WSH_FAULTY_VERSION;
  hello.roles = {"server", "client"};
  hello.features = {"tls", "threads", "leave", "heartbeat"};
  hello.close_timeout_ms = options.close_timeout_ms;
  hello.read_timeout_ms = options.read_timeout_ms;
  hello.ping_interval_ms = options.ping_interval_ms;
  hello.max_message = kMaxMessageBytes;
  hello.bugs = bugs.names();
  return hello;
}

}  // namespace

int main(int argc, char** argv) {
  // First, before any thread starts: SIGTERM means /shutdown.
  on_termination_signal([] { shutdown_latch->request(); });

  std::vector<std::string> bug_names;
  std::string known;
  for (const auto& name : all_bug_names()) known += (known.empty() ? "" : ", ") + name;
  const SubjectOptions options = parse_subject_options(
      argc, argv, "wsh-subject-faulty: the harness's negative control (correct unless a --bug is given)",
      ExtraListFlag{"--bug", "break one behaviour on purpose (repeatable): " + known, &bug_names});
  const BugParse bugs = parse_bugs(bug_names);
  if (bugs.error) {
    std::fprintf(stderr, "%s\n", bugs.error->c_str());
    return 2;
  }

  if (options.role == Role::Client && options.url.secure && options.tls_ca.empty()) {
    std::fprintf(stderr, "--tls-ca: a wss:// URL needs the CA certificate to trust\n");
    return 2;
  }

  emit_hello(make_hello(options, bugs.bugs));
  const ProcessContext context{options, bugs.bugs, *open_connections, *shutdown_latch};
  return options.role == Role::Server ? run_server(context) : run_client(context);
}
