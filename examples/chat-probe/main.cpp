// An echo server as cpp-httplib's cookbook shapes one (a WebSocket handler
// that reads until read() fails, then cleans up), with wsharness's probe:
// four calls, and the harness sees what this handler sees.
//
//   WSHARNESS_EVENTS=$PWD/events.jsonl ./chat-probe --port 9001 &
//   wsharness run --url ws://127.0.0.1:9001/chat --probe-events events.jsonl
//
// Text and binary messages are echoed; the text "bye" closes the
// connection with 1000. Prints "listening on 127.0.0.1:PORT" once bound
// (--port 0: any free port); SIGINT or SIGTERM stops it.

#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "wsharness/probe.hpp"

namespace {

void chat(const httplib::Request& req, httplib::ws::WebSocket& ws) {
  auto probe = wsharness::probe::open(req.remote_addr, req.remote_port);  // 1. open
  wsharness::probe::CleanupGuard cleanup_on_return(probe);                // 4. cleanup, on every way out
  std::string message;
  while (true) {
    const auto result = ws.read(message);
    if (result == httplib::ws::Fail) {
      probe.read(wsharness::probe::Read::Fail);  // 2. read result
      break;
    }
    probe.read(result == httplib::ws::Text ? wsharness::probe::Read::Text : wsharness::probe::Read::Binary);
    if (result == httplib::ws::Text && message == "bye") {
      probe.close_called(1000);  // 3. close called
      ws.close(httplib::ws::CloseStatus::Normal, "bye");
      continue;  // read() reports the end of the connection: Fail
    }
    if (result == httplib::ws::Text) ws.send(message);
    else ws.send(message.data(), message.size());
  }
  // The handler's own cleanup would go here: connection registries, buffers.
#ifdef CHAT_PROBE_DOUBLE_CLEANUP
  probe.cleanup();  // the bug: cleaned up here and again by the guard
#endif
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
      port = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--port N]\n", argv[0]);
      return 2;
    }
  }
  // Signals go to one thread that stops the server; block them everywhere else.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  httplib::Server server;
  server.WebSocket("/chat", chat);
  const int bound =
      port == 0 ? server.bind_to_any_port("127.0.0.1") : (server.bind_to_port("127.0.0.1", port) ? port : -1);
  if (bound <= 0) {
    std::fprintf(stderr, "chat-probe: cannot listen on 127.0.0.1:%d\n", port);
    return 1;
  }
  std::printf("listening on 127.0.0.1:%d\n", bound);
  std::fflush(stdout);
  std::thread stopper([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    server.stop();
  });
  server.listen_after_bind();
  // Stopped some other way: wake the stopper (the signal is blocked, so it
  // stays pending for sigwait) before joining it.
  ::kill(::getpid(), SIGTERM);
  stopper.join();
  return 0;
}
