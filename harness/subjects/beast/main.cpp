// wsh-subject-beast: Boost.Beast's websocket::stream behind the subject
// protocol (PROTOCOL.md), in both roles, over ws:// and wss://.

#include "beast_hello.hpp"
#include "client.hpp"
#include "event_sink.hpp"
#include "process_events.hpp"
#include "server.hpp"
#include "shutdown_signal.hpp"
#include "subject_options.hpp"
#include "timeout_policy.hpp"

namespace {

// The signal thread is detached and may fire while main returns, so what it
// touches must never be destroyed: allocated once and deliberately kept.
wsh::subject::beast_subject::ProcessEvents& process_events() {
  static auto* const events = new wsh::subject::beast_subject::ProcessEvents();
  return *events;
}

}  // namespace

int main(int argc, char** argv) {
  namespace subject = wsh::subject;
  namespace beast_subject = wsh::subject::beast_subject;

  auto& events = process_events();
  // First, before any thread starts: SIGTERM is /shutdown.
  subject::on_termination_signal([&events] { events.request_shutdown(); });

  const auto options =
      subject::parse_subject_options(argc, argv, "Boost.Beast websocket::stream behind the wsharness subject protocol");
  const auto timeouts = beast_subject::timeout_policy_from(options);
  subject::emit_hello(beast_subject::make_hello(timeouts));

  return options.role == subject::Role::Server ? beast_subject::run_server(options, timeouts, events)
                                               : beast_subject::run_client(options, timeouts, events);
}
