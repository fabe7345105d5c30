// An Autobahn|Testsuite client driver for Boost.Beast, written the way such
// drivers are: ask /getCaseCount, run /runCase?case=N&agent=A for N =
// 1..count echoing every data message back, then /updateReports?agent=A.
// It knows nothing of wsharness but that URL scheme.
//
//   wsh-beast-autobahn-driver ws://127.0.0.1:9001 AGENT
//
// Exit: 0 when every step ran; 1 when getCaseCount gave no number; 2 usage.
// A watchdog ends the process (exit 3) if one connection outlives 60 s.

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds kConnectionBound{60};
std::atomic<long long> watchdog_deadline{0};

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
void arm_watchdog() { watchdog_deadline = now_ms() + kConnectionBound.count() * 1000; }

// One connection to `target`; every data message received is echoed, and
// the last text one is returned (getCaseCount's answer).
std::optional<std::string> converse(const std::string& host, const std::string& port, const std::string& target) {
  arm_watchdog();
  asio::io_context io;
  std::optional<std::string> last_text;
  try {
    tcp::resolver resolver(io);
    websocket::stream<tcp::socket> ws(io);
    asio::connect(ws.next_layer(), resolver.resolve(host, port));
    ws.handshake(host + ":" + port, target);
    while (true) {
      beast::flat_buffer buffer;
      ws.read(buffer);
      ws.text(ws.got_text());
      if (ws.got_text()) last_text = beast::buffers_to_string(buffer.data());
      ws.write(buffer.data());
    }
  } catch (const beast::system_error& error) {
    // websocket::error::closed: the server closed, as every case ends.
    if (error.code() != websocket::error::closed)
      std::fprintf(stderr, "driver: %s: %s\n", target.c_str(), error.code().message().c_str());
  }
  return last_text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s ws://HOST:PORT AGENT\n", argv[0]);
    return 2;
  }
  std::string url = argv[1];
  if (url.rfind("ws://", 0) != 0) {
    std::fprintf(stderr, "driver: '%s' is not a ws:// URL\n", argv[1]);
    return 2;
  }
  url = url.substr(5);
  if (const auto slash = url.find('/'); slash != std::string::npos) url.resize(slash);
  const auto colon = url.rfind(':');
  const std::string host = colon == std::string::npos ? url : url.substr(0, colon);
  const std::string port = colon == std::string::npos ? "80" : url.substr(colon + 1);
  const std::string agent = argv[2];

  arm_watchdog();
  std::thread([] {
    while (true) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      if (now_ms() > watchdog_deadline.load()) {
        std::fprintf(stderr, "driver: a connection outlived %lld s; giving up\n",
                     static_cast<long long>(kConnectionBound.count()));
        _exit(3);
      }
    }
  }).detach();

  const auto count_text = converse(host, port, "/getCaseCount");
  long count = -1;
  try {
    if (count_text) count = std::stol(*count_text);
  } catch (const std::exception&) {
  }
  if (count < 0) {
    std::fprintf(stderr, "driver: /getCaseCount gave no number\n");
    return 1;
  }
  std::fprintf(stderr, "driver: %ld case(s)\n", count);
  for (long n = 1; n <= count; ++n) converse(host, port, "/runCase?case=" + std::to_string(n) + "&agent=" + agent);
  converse(host, port, "/updateReports?agent=" + agent);
  return 0;
}
