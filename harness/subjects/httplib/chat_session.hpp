#pragma once
// What one chat connection does with each message its read loop returns
// (PROTOCOL.md, "Behaviour, per connection"), for either end of httplib::ws: the server's
// ws::WebSocket and the client's ws::WebSocketClient have the same read(),
// send() and close(). The read loop itself stays in the handler (server_role,
// client_role), in the cookbook's shape, because that loop is what is tested.

#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "chat_command.hpp"
#include "event_sink.hpp"
#include "httplib_compat.hpp"
#include "shutdown_latch.hpp"

namespace wsh::subject::httplib_subject {

enum class AfterMessage { KeepReading, Leave };

inline ReadKind read_kind(httplib::ws::ReadResult result) {
  switch (result) {
    case httplib::ws::Text: return ReadKind::Text;
    case httplib::ws::Binary: return ReadKind::Binary;
    case httplib::ws::Fail: break;
  }
  return ReadKind::Fail;
}

template <typename Endpoint>
class ChatSession {
 public:
  ChatSession(Endpoint& ws, ConnId conn, ShutdownLatch& shutdown)
      : ws_(ws), conn_(std::move(conn)), shutdown_(shutdown) {}
  ChatSession(const ChatSession&) = delete;
  ChatSession& operator=(const ChatSession&) = delete;
  // The helpers use the endpoint, which httplib destroys when the handler
  // returns: they must be gone first.
  ~ChatSession() { join_helpers(); }

  // Acts on one message read() returned (Text or Binary).
  AfterMessage on_message(const std::string& message, httplib::ws::ReadResult kind) {
    if (kind == httplib::ws::Binary) {
      ws_.send(message.data(), message.size());  // the (data, len) overload sends Binary
      return AfterMessage::KeepReading;
    }
    return std::visit([&](const auto& command) { return act(command, message); }, parse_chat_command(message));
  }

  // The subject's own close(), announced first so the harness can tell it
  // from a close the implementation makes by itself. The code goes through
  // unchanged, even 1005 or 1006: the point is to see what reaches the wire.
  void close_with(std::uint16_t code, const std::string& reason) {
    emit_close_called(conn_, code);
    ws_.close(static_cast<httplib::ws::CloseStatus>(code), reason);
  }

  // Waits for /spam and /close-async threads; called once the read loop ended.
  void join_helpers() {
    for (auto& helper : helpers_) {
      if (helper.joinable()) helper.join();
    }
    helpers_.clear();
  }

 private:
  AfterMessage act(const Echo&, const std::string& text) {
    ws_.send(text);  // the std::string overload sends Text
    return AfterMessage::KeepReading;
  }
  AfterMessage act(const CloseCommand& command, const std::string&) {
    // Keep reading: read() must now report Fail, exactly once.
    close_with(command.code, command.reason);
    return AfterMessage::KeepReading;
  }
  AfterMessage act(const Quit&, const std::string&) {
    ws_.send(std::string(kGoodbyeText));
    close_with(kNormalClosure, std::string(kQuitReason));
    return AfterMessage::KeepReading;
  }
  AfterMessage act(const Shutdown&, const std::string&) {
    // Done by the shutdown thread, which closes this connection too while
    // this handler goes on reading.
    shutdown_.request();
    return AfterMessage::KeepReading;
  }
  AfterMessage act(const Leave&, const std::string&) { return AfterMessage::Leave; }
  AfterMessage act(const Spam& spam, const std::string&) {
    helpers_.emplace_back([this, spam] {
      std::size_t sent = 0;
      for (std::size_t i = 0; i < spam.count; ++i) {
        if (ws_.send(spam_message(i, spam.size))) ++sent;
      }
      emit_spam_done(conn_, sent);
    });
    return AfterMessage::KeepReading;
  }
  AfterMessage act(const CloseAsync& command, const std::string&) {
    // Closes while this thread goes back to blocking in read().
    helpers_.emplace_back([this, command] { close_with(command.code, command.reason); });
    return AfterMessage::KeepReading;
  }

  Endpoint& ws_;
  const ConnId conn_;
  ShutdownLatch& shutdown_;
  std::vector<std::thread> helpers_;
};

}  // namespace wsh::subject::httplib_subject
