#pragma once
// The chat handler of the subject protocol (PROTOCOL.md, "Behaviour, per connection") for one
// connection, in the shape of the seed's handler: read until read() fails,
// act on each message, then run the cleanup once. Both roles use it.
//
// The handler-level bug switches live here: double-cleanup, no-cleanup,
// slow-cleanup, read-after-fail, read-fail-unreported, read-fail-twice,
// crash-on-leave, race-send and invalid-utf8-echo.

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "bugs.hpp"
#include "chat_command.hpp"
#include "connection.hpp"
#include "event_sink.hpp"
#include "open_connections.hpp"

namespace wsh::subject::faulty {

class ChatSession {
 public:
  // `request_shutdown` is what /shutdown does in this role.
  ChatSession(Connection& ws, ConnId conn, const BugSet& bugs, OpenConnections& open_connections,
              std::function<void()> request_shutdown);
  ChatSession(const ChatSession&) = delete;
  ChatSession& operator=(const ChatSession&) = delete;
  ~ChatSession();

  // open, the read loop, cleanup. Returns when the handler is done; after
  // /leave the connection is still open, and its owner's destructor ends it.
  void run();

  // The subject's own close(): announced with close_called, then passed to
  // the connection unchanged (close_request.hpp decides what goes on the wire).
  void close_with(std::uint16_t code, const std::string& reason);

 private:
  enum class Next { KeepReading, Leave };

  Next act(const Echo&, const std::string& text);
  Next act(const CloseCommand& command, const std::string&);
  Next act(const Quit&, const std::string&);
  Next act(const Shutdown&, const std::string&);
  Next act(const Leave&, const std::string&);
  Next act(const Spam& spam, const std::string&);
  Next act(const CloseAsync& command, const std::string&);
  void join_helpers();
  void cleanup();

  Connection& ws_;
  const ConnId conn_;
  const BugSet bugs_;
  OpenConnections& open_connections_;
  const std::function<void()> request_shutdown_;
  std::vector<std::thread> helpers_;  // /spam and /close-async threads
  bool cleaned_up_ = false;           // cleanup-before-fail ran it early
};

}  // namespace wsh::subject::faulty
