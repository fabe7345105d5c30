// End-to-end smoke test of the wsh-subject-httplib executable against the
// subject protocol: it is started as a process, talked to over loopback with
// hand-written frames, and its JSON-lines events are read from its stdout.
// The harness proper tests httplib; this only proves the wrapper speaks the
// protocol. Every wait has a deadline.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
constexpr auto kDeadline = 10s;

int millis_left(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

// Reads whatever is available on `fd` into `buffer` before `deadline`; false
// on EOF, error or timeout.
bool read_more(int fd, std::string& buffer, Clock::time_point deadline) {
  pollfd ready{fd, POLLIN, 0};
  if (poll(&ready, 1, millis_left(deadline)) <= 0) return false;
  char chunk[4096];
  const ssize_t n = read(fd, chunk, sizeof chunk);
  if (n <= 0) return false;
  buffer.append(chunk, static_cast<std::size_t>(n));
  return true;
}

class SubjectProcess {
 public:
  explicit SubjectProcess(std::vector<std::string> args) {
    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    args.insert(args.begin(), WSH_SUBJECT_HTTPLIB_PATH);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    stdout_ = out[0];
  }
  SubjectProcess(const SubjectProcess&) = delete;
  SubjectProcess& operator=(const SubjectProcess&) = delete;
  ~SubjectProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stdout_ >= 0) close(stdout_);
  }

  // The next event on stdout, or nullopt at the deadline.
  std::optional<nlohmann::json> next_event() {
    const auto deadline = Clock::now() + kDeadline;
    while (true) {
      const auto newline = pending_.find('\n');
      if (newline != std::string::npos) {
        const std::string line = pending_.substr(0, newline);
        pending_.erase(0, newline + 1);
        return nlohmann::json::parse(line);
      }
      if (!read_more(stdout_, pending_, deadline)) return std::nullopt;
    }
  }

  // The exit status after SIGTERM, or nullopt when it did not exit in time.
  std::optional<int> terminate() {
    kill(pid_, SIGTERM);
    const auto deadline = Clock::now() + kDeadline;
    while (Clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      usleep(10'000);
    }
    return std::nullopt;
  }

  bool started() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
  int stdout_ = -1;
  std::string pending_;
};

struct Frame {
  std::uint8_t opcode = 0;
  std::string payload;
};

class RawClient {
 public:
  explicit RawClient(std::uint16_t port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;
  ~RawClient() { close(fd_); }

  // Sends the upgrade request; true on a 101 answer.
  bool handshake() {
    const std::string request =
        "GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    if (!connected_ || write(fd_, request.data(), request.size()) != static_cast<ssize_t>(request.size())) return false;
    const auto deadline = Clock::now() + kDeadline;
    while (pending_.find("\r\n\r\n") == std::string::npos) {
      if (!read_more(fd_, pending_, deadline)) return false;
    }
    const bool switched = pending_.starts_with("HTTP/1.1 101");
    pending_.erase(0, pending_.find("\r\n\r\n") + 4);
    return switched;
  }

  // A masked client frame (RFC 6455 §5.3: clients MUST mask).
  void send_frame(std::uint8_t opcode, const std::string& payload) {
    std::string frame;
    frame.push_back(static_cast<char>(0x80 | opcode));
    frame.push_back(static_cast<char>(0x80 | payload.size()));  // tests send < 126 bytes
    const char mask[4] = {0x11, 0x22, 0x33, 0x44};
    frame.append(mask, 4);
    for (std::size_t i = 0; i < payload.size(); ++i) frame.push_back(static_cast<char>(payload[i] ^ mask[i % 4]));
    ASSERT_EQ(write(fd_, frame.data(), frame.size()), static_cast<ssize_t>(frame.size()));
  }

  // The next unmasked server frame with a payload under 126 bytes.
  std::optional<Frame> read_frame() {
    const auto deadline = Clock::now() + kDeadline;
    while (true) {
      if (pending_.size() >= 2) {
        const auto length = static_cast<std::size_t>(pending_[1] & 0x7f);
        if (length < 126 && pending_.size() >= 2 + length) {
          Frame frame{static_cast<std::uint8_t>(pending_[0] & 0x0f), pending_.substr(2, length)};
          pending_.erase(0, 2 + length);
          return frame;
        }
      }
      if (!read_more(fd_, pending_, deadline)) return std::nullopt;
    }
  }

  // True when the subject closes TCP before the deadline.
  bool sees_eof() {
    const auto deadline = Clock::now() + kDeadline;
    std::string ignored;
    while (Clock::now() < deadline) {
      pollfd ready{fd_, POLLIN, 0};
      if (poll(&ready, 1, millis_left(deadline)) <= 0) return false;
      char chunk[256];
      if (read(fd_, chunk, sizeof chunk) <= 0) return true;
    }
    return false;
  }

  // Closes TCP after the close handshake, as a client may (RFC 6455 §7.1.1),
  // so the subject's blocked read() sees EOF instead of waiting for its
  // read timeout.
  void close_tcp() { shutdown(fd_, SHUT_RDWR); }

  std::string local_port() const {
    sockaddr_in address{};
    socklen_t size = sizeof address;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
    return std::to_string(ntohs(address.sin_port));
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::string pending_;
};

std::uint16_t start_server(SubjectProcess& subject) {
  const auto hello = subject.next_event();
  EXPECT_TRUE(hello && (*hello)["event"] == "hello" && (*hello)["impl"] == "httplib");
  const auto ready = subject.next_event();
  EXPECT_TRUE(ready && (*ready)["event"] == "ready");
  return ready ? (*ready)["port"].get<std::uint16_t>() : 0;
}

std::string close_payload(std::uint16_t code, const std::string& reason) {
  return std::string{static_cast<char>(code >> 8), static_cast<char>(code & 0xff)} + reason;
}

TEST(SubjectProcess, ServerQuitSendsGoodbyeThenClose1000AndReportsEachEventOnce) {
  SubjectProcess subject({"server", "--port", "0"});
  ASSERT_TRUE(subject.started());
  const auto port = start_server(subject);
  RawClient client(port);
  ASSERT_TRUE(client.handshake());
  const std::string conn = client.local_port();

  client.send_frame(0x1, "/quit");
  const auto goodbye = client.read_frame();
  ASSERT_TRUE(goodbye);
  EXPECT_EQ(goodbye->opcode, 0x1);
  EXPECT_EQ(goodbye->payload, "goodbye");
  const auto close_frame = client.read_frame();
  ASSERT_TRUE(close_frame);
  EXPECT_EQ(close_frame->opcode, 0x8);
  EXPECT_EQ(close_frame->payload, close_payload(1000, "user quit"));
  client.send_frame(0x8, close_payload(1000, ""));
  EXPECT_TRUE(client.sees_eof());

  std::vector<std::string> seen;
  for (int i = 0; i < 5; ++i) {
    const auto event = subject.next_event();
    ASSERT_TRUE(event) << "after " << i << " events";
    EXPECT_EQ((*event)["conn"], conn);
    seen.push_back((*event)["event"].get<std::string>() +
                   (event->contains("result") ? ":" + (*event)["result"].get<std::string>() : ""));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"open", "read:text", "close_called", "read:fail", "cleanup"}));
  EXPECT_EQ(subject.terminate(), 0);
}

TEST(SubjectProcess, ServerEchoesTextAndExitsZeroOnSigterm) {
  SubjectProcess subject({"server", "--port", "0"});
  ASSERT_TRUE(subject.started());
  RawClient client(start_server(subject));
  ASSERT_TRUE(client.handshake());
  client.send_frame(0x1, "hello");
  const auto echo = client.read_frame();
  ASSERT_TRUE(echo);
  EXPECT_EQ(echo->payload, "hello");
  // SIGTERM == /shutdown: GoingAway reaches the open connection.
  std::optional<int> status;
  std::thread terminator([&] { status = subject.terminate(); });
  const auto going_away = client.read_frame();
  if (going_away) client.send_frame(0x8, close_payload(1001, ""));
  client.close_tcp();
  terminator.join();
  ASSERT_TRUE(going_away);
  EXPECT_EQ(going_away->opcode, 0x8);
  EXPECT_EQ(going_away->payload, close_payload(1001, "server shutting down"));
  EXPECT_EQ(status, 0);
}

TEST(SubjectProcess, ClientThatCannotConnectExitsOne) {
  // Port 1 on loopback: nothing listens there in a test environment.
  SubjectProcess subject({"client", "--url", "ws://127.0.0.1:1/chat"});
  ASSERT_TRUE(subject.started());
  const auto hello = subject.next_event();
  ASSERT_TRUE(hello);
  EXPECT_EQ((*hello)["event"], "hello");
  EXPECT_FALSE(subject.next_event());  // no open: stdout ends
  EXPECT_EQ(subject.terminate(), 1);
}

}  // namespace
