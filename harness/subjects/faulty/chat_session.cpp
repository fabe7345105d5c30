#include "chat_session.hpp"

#include <chrono>
#include <cstdio>
#include <variant>

namespace wsh::subject::faulty {
namespace {

// Late enough to miss the harness's 2000 ms cleanup wait, early enough to
// land well inside the 2000 ms SIGTERM grace that follows (at 3 s, a loaded
// CI machine now and then killed the subject first).
constexpr std::chrono::milliseconds kSlowCleanupDelay{2500};

ReadKind read_kind(ReadResult result) {
  switch (result) {
    case ReadResult::Text: return ReadKind::Text;
    case ReadResult::Binary: return ReadKind::Binary;
    case ReadResult::Timeout: return ReadKind::Timeout;
    case ReadResult::Fail: break;
  }
  return ReadKind::Fail;
}

}  // namespace

ChatSession::ChatSession(Connection& ws, ConnId conn, const BugSet& bugs, OpenConnections& open_connections,
                         std::function<void()> request_shutdown)
    : ws_(ws),
      conn_(std::move(conn)),
      bugs_(bugs),
      open_connections_(open_connections),
      request_shutdown_(std::move(request_shutdown)) {}

ChatSession::~ChatSession() { join_helpers(); }

void ChatSession::run() {
  emit_open(conn_);
  if (bugs_.has(Bug::GarbageStdout)) {
    // One fwrite: stdio's lock keeps it from tearing an event line.
    static constexpr char kGarbage[] = "faulty garbage-stdout: this line is not a JSON event\n";
    std::fwrite(kGarbage, 1, sizeof kGarbage - 1, stdout);
    std::fflush(stdout);
  }
  const auto registration =
      open_connections_.add([this](std::uint16_t code, const std::string& reason) { close_with(code, reason); });

  for (;;) {
    std::string message;
    const ReadResult result = ws_.read(message);
    if (result == ReadResult::Fail) {
      if (bugs_.has(Bug::CleanupBeforeFail)) {
        // The bug: the cleanup runs before the handler learns read() failed.
        cleanup();
        cleaned_up_ = true;
      }
      if (bugs_.has(Bug::ReadFailUnreported)) {
        // The bug: the loop ends on an error the handler never reports as a
        // Fail, as one that checks a flag instead of read()'s result.
        std::fprintf(stderr, "faulty [conn %s]: read-fail-unreported: leaving the loop silently\n", conn_.c_str());
        break;
      }
      emit_read(conn_, ReadKind::Fail);
      // read-fail-twice: the handler calls read() once more, which fails again.
      if (bugs_.has(Bug::ReadFailTwice) && ws_.read(message) == ReadResult::Fail) emit_read(conn_, ReadKind::Fail);
      if (bugs_.has(Bug::ReadAfterFail)) emit_read(conn_, ReadKind::Text);
      break;
    }
    emit_read(conn_, read_kind(result));
    if (result == ReadResult::Timeout) continue;  // the connection is still open: read on
    if (result == ReadResult::Binary) {
      ws_.send_binary(message);
      continue;
    }
    const Next next =
        std::visit([&](const auto& command) { return act(command, message); }, parse_chat_command(message));
    if (next == Next::Leave) break;
  }

  open_connections_.remove(registration);
  join_helpers();
  if (!cleaned_up_) cleanup();
}

void ChatSession::close_with(std::uint16_t code, const std::string& reason) {
  emit_close_called(conn_, code);
  ws_.close(code, reason);
}

ChatSession::Next ChatSession::act(const Echo&, const std::string& text) {
  if (bugs_.has(Bug::InvalidUtf8Echo)) {
    // 0xFF can never appear in UTF-8 (RFC 3629 §1).
    std::string corrupted = text.empty() ? std::string(1, '\xFF') : text;
    corrupted[0] = '\xFF';
    ws_.send_text(corrupted);
  } else {
    ws_.send_text(text);
  }
  return Next::KeepReading;
}

ChatSession::Next ChatSession::act(const CloseCommand& command, const std::string&) {
  // Keep reading: read() reports Fail once the closing handshake is over.
  close_with(command.code, command.reason);
  return Next::KeepReading;
}

ChatSession::Next ChatSession::act(const Quit&, const std::string&) {
  ws_.send_text(kGoodbyeText);
  close_with(kNormalClosure, std::string(kQuitReason));
  return Next::KeepReading;
}

ChatSession::Next ChatSession::act(const Shutdown&, const std::string&) {
  // The shutdown thread closes this connection too, while this handler reads on.
  request_shutdown_();
  return Next::KeepReading;
}

ChatSession::Next ChatSession::act(const Leave&, const std::string&) {
  if (bugs_.has(Bug::CrashOnLeave)) crash("crash-on-leave: /leave received");
  return Next::Leave;
}

ChatSession::Next ChatSession::act(const Spam& spam, const std::string&) {
  const bool unsynchronised = bugs_.has(Bug::RaceSend);
  helpers_.emplace_back([this, spam, unsynchronised] {
    std::size_t sent = 0;
    for (std::size_t i = 0; i < spam.count; ++i) {
      // spam-reorder: 1, 0, 2, 3, ... (every message whole, two out of order).
      const std::size_t index = bugs_.has(Bug::SpamReorder) && spam.count >= 2 && i < 2 ? 1 - i : i;
      const std::string text = spam_message(index, spam.size);
      const bool ok = unsynchronised ? ws_.send_text_unsynchronised(text) : ws_.send_text(text);
      if (!ok) break;
      ++sent;
    }
    emit_spam_done(conn_, sent);
  });
  return Next::KeepReading;
}

ChatSession::Next ChatSession::act(const CloseAsync& command, const std::string&) {
  // close() from a second thread while this one goes back to blocking in read().
  helpers_.emplace_back([this, command] { close_with(command.code, command.reason); });
  return Next::KeepReading;
}

void ChatSession::join_helpers() {
  for (auto& helper : helpers_)
    if (helper.joinable()) helper.join();
  helpers_.clear();
}

// The cleanup after the read loop: exactly once, unless a bug says otherwise.
void ChatSession::cleanup() {
  if (bugs_.has(Bug::NoCleanup)) {
    std::fprintf(stderr, "faulty [conn %s]: no-cleanup: skipping the cleanup\n", conn_.c_str());
    return;
  }
  if (bugs_.has(Bug::SlowCleanup)) std::this_thread::sleep_for(kSlowCleanupDelay);
  emit_cleanup(conn_);
  if (bugs_.has(Bug::DoubleCleanup)) emit_cleanup(conn_);
}

}  // namespace wsh::subject::faulty
