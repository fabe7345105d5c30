#pragma once
// The body of the /spam thread (PROTOCOL.md: "a second thread sends N text
// messages of SIZE bytes while the handler keeps reading").
//
// Beast's stream is not thread-safe, so the thread cannot write itself: it
// hands each message to the connection's strand and waits for that write to
// finish before handing over the next, as a blocking send() would. That keeps
// the messages in order, never loses one, and bounds what is queued to one
// message per sender.

#include <cstddef>
#include <functional>
#include <stop_token>
#include <string>

#include "chat_command.hpp"

namespace wsh::subject::beast_subject {

// Reports whether one queued message was written to the connection.
using WriteCompletion = std::function<void(bool written)>;
// Queues `message` on the connection; `done` is called exactly once when the
// write finished or failed. Returns false when the connection is gone (and
// then never calls `done`).
using QueueTextMessage = std::function<bool(std::string message, WriteCompletion done)>;

// Sends spam_message(i, spam.size) for i in 0..spam.count-1, one at a time;
// stops at the first failed write, when the connection is gone, or when `stop`
// is requested (a completion that never comes cannot hold the process).
// Returns how many messages were written.
std::size_t send_spam(const Spam& spam, const QueueTextMessage& queue, std::stop_token stop);

}  // namespace wsh::subject::beast_subject
