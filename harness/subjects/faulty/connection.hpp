#pragma once
// One WebSocket connection of the faulty subject, after the opening
// handshake: the blocking read() of the seed's chat handler, send(), and
// close(), with RFC 6455's closing rules.
//
// Correct by default, on every ending:
//  - a received close is answered with a close echoing its code (§5.5.1);
//    then a server closes TCP first (§7.1.1) and a client waits, bounded by
//    the close timeout, for the server's FIN;
//  - after sending close, the connection waits for the peer's close, bounded
//    by the close timeout, then closes TCP;
//  - a protocol error fails the connection (§7.1.7): close 1002 (1007 for
//    invalid UTF-8, 1009 for a message over 16 MiB), FIN, then a bounded wait
//    for the peer to close;
//  - EOF, RST, a TLS failure, a write that cannot complete, an idle read
//    timeout and a missed pong all end it too;
//  - read() returns Fail once the connection has ended, and on every call
//    after; the socket is closed by then.
//
// Timeouts (reported in hello): close_timeout bounds every wait of the
// closing handshake. read_timeout, when not 0, is an idle timeout: with no
// byte from the peer for that long the connection starts the closing
// handshake with 1001 (Going Away: this end leaves an idle connection).
// ping_interval, when not 0, sends a ping every interval; a pong must arrive
// within the next interval, else the connection is failed with 1011, the
// code the Python websockets library uses for "keepalive ping timeout": the
// peer broke §5.5.2's "MUST send a Pong" or is gone, and §7.1.7 asks for a
// close frame before TCP is closed even so.
//
// Threads: read() belongs to one thread (the handler), which is also the
// only one that closes the socket. send_*() and close() may be called from
// any thread; a per-connection write mutex keeps each frame whole.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "bugs.hpp"
#include "close_request.hpp"
#include "net/deadline.hpp"
#include "transport.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/message_assembler.hpp"
#include "wire/opcode.hpp"
#include "wire/role.hpp"

namespace wsh::subject::faulty {

using Millis = std::chrono::milliseconds;

// Timeout: with ConnectionConfig::read_timeout_result, the read timeout
// passed and the connection stays open (cpp-httplib >= 0.56.0's
// ReadResult::Timeout, emulated).
enum class ReadResult { Text, Binary, Fail, Timeout };

struct ConnectionConfig {
  wire::Role role = wire::Role::Server;
  Millis close_timeout{1000};
  Millis read_timeout{5000};  // 0: no idle timeout
  Millis ping_interval{0};    // 0: no heartbeat
  // --emulate read-timeout: the read timeout makes read() return Timeout
  // and leaves the connection open, instead of closing it with 1001.
  bool read_timeout_result = false;
  BugSet bugs;
  std::string name;  // how stderr logs name the connection (its conn id)
};

// The subject's limit on a message, and on a frame (§10.4).
inline constexpr std::uint64_t kMaxMessageBytes = 16 * 1024 * 1024;

class Connection {
 public:
  // `early_bytes`: what arrived right behind the opening handshake.
  Connection(std::unique_ptr<Transport> transport, ConnectionConfig config, net::Bytes early_bytes = {});
  // The implementation's end-of-handler path (/leave): a connection still
  // open is closed with 1000 and its closing handshake completed, bounded.
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Handler thread only. The next data message, or Fail when the connection
  // has ended (on this and every later call).
  ReadResult read(std::string& message);

  // Any thread. False when the frame could not be sent: after a close frame
  // (§5.5.1: no data frames after it) or once the connection is broken.
  bool send_text(std::string_view text);
  bool send_binary(std::string_view bytes);
  // The race-send bug: send_text without taking the write mutex.
  bool send_text_unsynchronised(std::string_view text);

  // Any thread. Starts the closing handshake with the body close_request.hpp
  // chooses for `code`; read() then completes it. Later calls do nothing.
  void close(wire::CloseCode code, std::string_view reason);

 private:
  struct Inbound {
    std::optional<wire::Message> message;
    std::optional<std::string> failure;  // why the connection must be failed
    wire::CloseCode failure_code = wire::close_code::kProtocolError;
  };

  // `after_close`: the data-after-close bug's frame, sent past §5.5.1's rule.
  bool send_frame(wire::Opcode opcode, net::ByteView payload, bool take_write_mutex = true, bool after_close = false);
  bool send_close_frame(const CloseBody& body);
  void take_bytes(net::ByteView bytes);
  void take_frame(wire::Frame frame);
  void wait_for_input();
  void on_deadline();
  void on_control(const wire::Message& message);
  void on_close_frame(const wire::Message& message);
  void fail(wire::CloseCode code, const std::string& why);
  // Ends TCP and the connection. `fin_first`: shut down our write side,
  // then wait (bounded) for the peer's FIN; otherwise wait for it first
  // when `wait_for_fin` (a client after the closing handshake).
  void end_tcp(bool fin_first, bool wait_for_fin, Millis bound);
  // The close-reply-limit bug's ending: RST, whatever is unread.
  void reset_tcp();
  void shut_down_write(Millis bound);
  void drain_until_eof(net::Deadline deadline);
  net::Deadline next_deadline() const;
  bool close_sent() const { return close_sent_at_.load() != kNever; }
  net::Deadline close_sent_at() const;
  void log(const std::string& what) const;

  static constexpr net::Clock::rep kNever = 0;

  const std::unique_ptr<Transport> transport_;
  const ConnectionConfig config_;

  // Reader-side state: touched only by the thread that calls read().
  wire::FrameDecoder decoder_;
  wire::MessageAssembler assembler_;
  std::deque<Inbound> inbox_;
  bool stop_decoding_ = false;   // a close or an error is queued: the rest is ignored
  bool ended_ = false;           // TCP closed, read() fails from now on
  bool ignoring_peer_ = false;   // never-answer-close: the close was swallowed
  bool read_timed_out_ = false;  // read_timeout_result: the next read() returns Timeout
  bool reset_now_ = false;       // close-reply-limit: the reply was over 125 bytes
  net::Deadline last_input_at_;
  net::Deadline last_ping_at_;
  bool awaiting_pong_ = false;

  // Writer-side state, under write_mutex_ (the race-send bug skips it).
  std::mutex write_mutex_;
  net::Bytes send_buffer_;  // reused for every frame
  std::mt19937 mask_random_;
  bool transport_closed_ = false;
  bool write_shut_down_ = false;  // FIN (and close_notify) sent
  // Set by any thread, read by the reader without the write mutex (a writer
  // blocked on a stalled peer must not stall the reader's clock).
  std::atomic<net::Clock::rep> close_sent_at_{kNever};
  std::atomic<bool> write_failed_{false};
  std::atomic<int> data_frames_{0};  // lose-message: which data frame to drop
};

}  // namespace wsh::subject::faulty
