// An Autobahn|Testsuite client driver for the faulty subject's WebSocket
// implementation, written the way such drivers are: ask /getCaseCount, run
// /runCase?case=N&agent=A for N = 1..count echoing every data message back,
// then /updateReports?agent=A. It knows nothing of wsharness but that URL
// scheme. --bug switches (bugs.hpp) break the connection as in the subject.
//
//   wsh-faulty-autobahn-driver ws://127.0.0.1:9001 AGENT [--bug NAME]...
//
// Exit: 0 when every step ran; 1 when getCaseCount gave no number; 2 usage.
// A watchdog ends the process (exit 3) if one connection outlives 60 s.

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "bugs.hpp"
#include "connection.hpp"
#include "net/net_error.hpp"
#include "opening_handshake.hpp"
#include "subject_options.hpp"

namespace {

using namespace wsh::subject;
using namespace wsh::subject::faulty;

constexpr std::chrono::seconds kConnectionBound{60};
std::atomic<long long> watchdog_deadline{0};

void arm_watchdog() {
  watchdog_deadline = std::chrono::duration_cast<std::chrono::milliseconds>(
                          (std::chrono::steady_clock::now() + kConnectionBound).time_since_epoch())
                          .count();
}

// One connection to `target`; every data message received is echoed, and
// the last text one is returned (getCaseCount's answer).
std::optional<std::string> converse(const WsUrl& base, const std::string& target, const BugSet& bugs) {
  arm_watchdog();
  WsUrl url = base;
  url.target = target;
  const auto deadline = wsh::net::Clock::now() + std::chrono::seconds(5);
  std::unique_ptr<Transport> transport;
  HandshakeOutcome handshake;
  try {
    auto socket = wsh::net::TcpSocket::connect(wsh::net::Endpoint{url.host, url.port}, deadline);
    transport = std::make_unique<Transport>(std::move(socket));
    handshake = request_websocket(*transport, url, deadline);
  } catch (const wsh::net::NetError& error) {
    std::fprintf(stderr, "driver: %s: %s\n", target.c_str(), error.what());
    return std::nullopt;
  }
  if (!handshake.ok) {
    std::fprintf(stderr, "driver: %s: opening handshake failed: %s\n", target.c_str(), handshake.error.c_str());
    return std::nullopt;
  }
  ConnectionConfig config;
  config.role = wsh::wire::Role::Client;
  config.bugs = bugs;
  config.name = target;
  Connection ws(std::move(transport), config, std::move(handshake.early_bytes));
  std::optional<std::string> last_text;
  std::string message;
  while (true) {
    const auto result = ws.read(message);
    if (result == ReadResult::Fail) break;
    if (result == ReadResult::Text) {
      last_text = message;
      ws.send_text(message);
    } else if (result == ReadResult::Binary) {
      ws.send_binary(message);
    }
  }
  return last_text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s ws://HOST:PORT AGENT [--bug NAME]...\n", argv[0]);
    return 2;
  }
  const auto url = parse_ws_url(argv[1]);
  if (!url || url->secure) {
    std::fprintf(stderr, "driver: '%s' is not a ws:// URL\n", argv[1]);
    return 2;
  }
  const std::string agent = argv[2];
  std::vector<std::string> bug_names;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) != "--bug") {
      std::fprintf(stderr, "driver: unknown argument '%s'\n", argv[i]);
      return 2;
    }
    bug_names.emplace_back(argv[i + 1]);
  }
  const auto bugs = parse_bugs(bug_names);
  if (bugs.error) {
    std::fprintf(stderr, "%s\n", bugs.error->c_str());
    return 2;
  }
  arm_watchdog();
  std::thread([] {
    while (true) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      const auto now =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
              .count();
      if (now > watchdog_deadline.load()) {
        std::fprintf(stderr, "driver: a connection outlived %lld s; giving up\n",
                     static_cast<long long>(kConnectionBound.count()));
        _exit(3);
      }
    }
  }).detach();

  const auto count_text = converse(*url, "/getCaseCount", bugs.bugs);
  long count = 0;
  try {
    count = count_text ? std::stol(*count_text) : -1;
  } catch (const std::exception&) {
    count = -1;
  }
  if (count < 0) {
    std::fprintf(stderr, "driver: /getCaseCount gave no number\n");
    return 1;
  }
  std::fprintf(stderr, "driver: %ld case(s)\n", count);
  for (long n = 1; n <= count; ++n) converse(*url, "/runCase?case=" + std::to_string(n) + "&agent=" + agent, bugs.bugs);
  converse(*url, "/updateReports?agent=" + agent, bugs.bugs);
  return 0;
}
