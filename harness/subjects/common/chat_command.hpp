#pragma once
// The chat commands of the subject protocol (PROTOCOL.md, "Behaviour,
// per connection"). Every subject parses a received text message with
// parse_chat_command() and acts on the result, so all implementations agree
// on what "/close 1000 bye" means down to the whitespace.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace wsh::subject {

// Any other text or binary message: send it back unchanged.
struct Echo {};
// "/close CODE REASON": close(CODE, REASON). CODE is passed through unchanged
// (any integer 0..65535) so the harness sees what the implementation puts on
// the wire for reserved codes such as 1005 and 1006.
struct CloseCommand {
  std::uint16_t code = 1000;
  std::string reason;
};
// "/quit": send text "goodbye", then close(1000, "user quit").
struct Quit {};
// "/shutdown" (server): close(1001, "server shutting down") on every open
// connection, then exit 0.
struct Shutdown {};
// "/leave": leave without calling close() (server handler returns; client
// object destroyed while open).
struct Leave {};
// "/spam N SIZE": another thread sends N text messages of SIZE bytes.
struct Spam {
  std::size_t count = 0;
  std::size_t size = 0;
};
// "/close-async CODE REASON": another thread calls close(CODE, REASON) while
// the handler is blocked in read().
struct CloseAsync {
  std::uint16_t code = 1000;
  std::string reason;
};

using ChatCommand = std::variant<Echo, CloseCommand, Quit, Shutdown, Leave, Spam, CloseAsync>;

// Parses a received text message. A message that is not a well-formed command
// (unknown verb, missing or out-of-range number) is an Echo: the subject is a
// chat server, and echoing is its answer to anything it does not understand.
ChatCommand parse_chat_command(std::string_view text);

// The reply text for /quit and the reasons used by /quit and /shutdown.
inline constexpr std::string_view kGoodbyeText = "goodbye";
inline constexpr std::string_view kQuitReason = "user quit";
inline constexpr std::string_view kShutdownReason = "server shutting down";
inline constexpr std::uint16_t kNormalClosure = 1000;
inline constexpr std::uint16_t kGoingAway = 1001;

// The text a /spam sender sends as message `index` of SIZE bytes: a
// recognisable prefix with the index, padded, so the harness can check order
// and integrity. Deterministic; the harness computes the same.
std::string spam_message(std::size_t index, std::size_t size);

}  // namespace wsh::subject
