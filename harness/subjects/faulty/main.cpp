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

// What --emulate can add: a feature another implementation has, so the cases
// for it can be proven here before any real subject reports it.
constexpr const char* kReadTimeoutFeature = "read-timeout";

Hello make_hello(const SubjectOptions& options, const BugSet& bugs, bool emulate_read_timeout) {
  Hello hello;
  hello.impl = "faulty";
  hello.version = WSH_FAULTY_VERSION;
  hello.roles = {"server", "client"};
  hello.features = {"tls", "threads", "leave", "heartbeat"};
  if (emulate_read_timeout) hello.features.emplace_back(kReadTimeoutFeature);
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
  on_termination_signal([] { shutdown_latch->request(/*by_signal=*/true); });

  std::vector<std::string> bug_names, emulated;
  std::string known;
  for (const auto& name : all_bug_names()) known += (known.empty() ? "" : ", ") + name;
  const SubjectOptions options = parse_subject_options(
      argc, argv, "wsh-subject-faulty: the harness's negative control (correct unless a --bug is given)",
      {ExtraListFlag{"--bug", "break one behaviour on purpose (repeatable): " + known, &bug_names},
       ExtraListFlag{"--emulate",
                     "read-timeout: read() reports its read timeout as \"timeout\" and the connection stays "
                     "open (cpp-httplib >= 0.56.0), instead of closing it with 1001",
                     &emulated}});
  const BugParse bugs = parse_bugs(bug_names);
  if (bugs.error) {
    std::fprintf(stderr, "%s\n", bugs.error->c_str());
    return 2;
  }

  if (options.role == Role::Client && options.url.secure && options.tls_ca.empty()) {
    std::fprintf(stderr, "--tls-ca: a wss:// URL needs the CA certificate to trust\n");
    return 2;
  }

  bool emulate_read_timeout = false;
  for (const auto& feature : emulated) {
    if (feature != kReadTimeoutFeature) {
      std::fprintf(stderr, "--emulate: unknown feature '%s'; known: %s\n", feature.c_str(), kReadTimeoutFeature);
      return 2;
    }
    emulate_read_timeout = true;
  }

  emit_hello(make_hello(options, bugs.bugs, emulate_read_timeout));
  const ProcessContext context{options, bugs.bugs, *open_connections, *shutdown_latch, emulate_read_timeout};
  return options.role == Role::Server ? run_server(context) : run_client(context);
}
