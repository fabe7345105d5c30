#include "connection.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

#include "wire/close_payload.hpp"
#include "wire/frame_encoder.hpp"
#include "wire/opcode.hpp"

namespace wsh::subject::faulty {
namespace {

using net::Clock;

// How often a reader blocked in read() looks up from the socket: a close()
// from another thread starts the close timeout, which the reader must keep.
constexpr Millis kPollSlice{20};
// A write that cannot finish within this (the peer stopped reading) breaks
// the connection, when no read timeout gives a better bound.
constexpr Millis kDefaultWriteTimeout{5000};
// no-close-reply-tcp with no read timeout: how long the server, which never
// closes TCP, still waits for the peer to do it.
constexpr Millis kPeerCloseWait{30000};
// The last close_notify before the socket is closed: best effort, briefly.
constexpr Millis kFinalWriteBound{200};
// short-write: how long a data frame's write may wait before it returns
// with whatever it sent (a stalled peer's buffers fill well before this).
constexpr Millis kShortWriteBound{200};
// oversize-pong: one byte past §5.5's limit of 125 for a control frame.
constexpr std::size_t kOversizeControlPayload = 126;

std::string failure_from(const wire::DecodeError& error) {
  return error.message + " (RFC 6455 §" + std::string(error.rfc_section) + ")";
}

std::string failure_from(const wire::MessageError& error) {
  return error.message + " (RFC 6455 §" + std::string(error.rfc_section) + ")";
}

}  // namespace

Connection::Connection(std::unique_ptr<Transport> transport, ConnectionConfig config, net::Bytes early_bytes)
    : transport_(std::move(transport)),
      config_(std::move(config)),
      decoder_(wire::DecoderConfig{config_.role, kMaxMessageBytes}),
      assembler_(wire::AssemblerConfig{kMaxMessageBytes}),
      last_input_at_(Clock::now()),
      last_ping_at_(Clock::now()),
      mask_random_(std::random_device{}()) {
  take_bytes(early_bytes);
}

Connection::~Connection() {
  if (ended_) return;
  // The handler left without close(): what the implementation does at the
  // end of a handler. "Normal Closure": the handler finished.
  close(wire::close_code::kNormalClosure, {});
  std::string ignored;
  while (read(ignored) != ReadResult::Fail) {
  }
}

// ---- reading ---------------------------------------------------------------

ReadResult Connection::read(std::string& message) {
  while (!ended_) {
    if (!inbox_.empty()) {
      Inbound next = std::move(inbox_.front());
      inbox_.pop_front();
      if (next.failure) {
        if (config_.bugs.has(Bug::IgnoreProtocolError)) {
          // The bug: the error is logged and the connection left as it is;
          // decoding stopped, so the subject hears nothing more until TCP ends.
          log("ignore-protocol-error: not failing the connection: " + *next.failure);
          continue;
        }
        fail(next.failure_code, *next.failure);
        continue;
      }
      const wire::Message& received = *next.message;
      if (wire::is_data(received.opcode)) {
        message.assign(received.payload.begin(), received.payload.end());
        return received.opcode == wire::to_raw(wire::Opcode::Text) ? ReadResult::Text : ReadResult::Binary;
      }
      on_control(received);
      continue;
    }
    if (write_failed_) {
      log("a write failed; closing TCP");
      end_tcp(false, false, Millis{0});
      continue;
    }
    if (reset_now_) {
      reset_tcp();
      continue;
    }
    wait_for_input();
    if (read_timed_out_ && !ended_) {
      read_timed_out_ = false;
      return ReadResult::Timeout;
    }
  }
  return ReadResult::Fail;
}

void Connection::wait_for_input() {
  const auto deadline = next_deadline();
  auto chunk = transport_->read_some(std::min(deadline, Clock::now() + kPollSlice));
  switch (chunk.status) {
    case ChunkStatus::Data:
      last_input_at_ = Clock::now();
      take_bytes(chunk.data);
      if (config_.bugs.has(Bug::HeaderSplitFails) && decoder_.mid_header() && !stop_decoding_) {
        // The bug: each header part is one read() that must return all of
        // it, so a header cut by the end of a read (a TCP segment, a TLS
        // record) reads as a broken frame.
        inbox_.push_back(
            {std::nullopt, "header-split-fails: a frame header split across reads", wire::close_code::kProtocolError});
        stop_decoding_ = true;
      }
      return;
    case ChunkStatus::Eof:
      log("the peer closed TCP");
      end_tcp(false, false, Millis{0});
      return;
    case ChunkStatus::Reset:
      log("the peer reset TCP");
      end_tcp(false, false, Millis{0});
      return;
    case ChunkStatus::Error:
      log("read error: " + chunk.error);
      end_tcp(false, false, Millis{0});
      return;
    case ChunkStatus::Timeout:
      if (Clock::now() >= deadline) on_deadline();
      return;
  }
}

net::Deadline Connection::next_deadline() const {
  if (close_sent()) return close_sent_at() + config_.close_timeout;
  auto deadline = Clock::now() + std::chrono::hours(1);
  if (config_.read_timeout.count() > 0) deadline = std::min(deadline, last_input_at_ + config_.read_timeout);
  // The next ping is due, or the pong to the last one is overdue, one
  // interval after the last ping.
  if (config_.ping_interval.count() > 0 && !ignoring_peer_)
    deadline = std::min(deadline, last_ping_at_ + config_.ping_interval);
  return deadline;
}

void Connection::on_deadline() {
  const auto now = Clock::now();
  if (close_sent()) {
    // A close() from another thread may have come after this deadline was
    // computed: only its own timeout ends the wait.
    if (now < close_sent_at() + config_.close_timeout) return;
    log("no close frame from the peer within the close timeout; closing TCP");
    end_tcp(true, false, Millis{0});
    return;
  }
  if (config_.ping_interval.count() > 0 && !ignoring_peer_ && now >= last_ping_at_ + config_.ping_interval) {
    if (awaiting_pong_) {
      fail(wire::close_code::kInternalError, "no pong within the ping interval");
      return;
    }
    last_ping_at_ = now;
    awaiting_pong_ = true;
    send_frame(wire::Opcode::Ping, net::as_byte_view("wsh-faulty heartbeat"));
  }
  if (config_.read_timeout.count() > 0 && now >= last_input_at_ + config_.read_timeout) {
    if (ignoring_peer_) {
      log("idle timeout after swallowing the peer's close; closing TCP");
      end_tcp(false, false, Millis{0});
      return;
    }
    log("idle timeout: nothing from the peer for " + std::to_string(config_.read_timeout.count()) + " ms");
    if (config_.read_timeout_result) {
      // Emulated ReadResult::Timeout: report it, keep the connection, and
      // count the next timeout from now.
      read_timed_out_ = true;
      last_input_at_ = now;
      if (!config_.bugs.has(Bug::TimeoutEndsConnection)) return;
      log("timeout-ends-connection: closing the connection the timeout left open");
    }
    close(wire::close_code::kGoingAway, "idle timeout");
  }
}

void Connection::take_bytes(net::ByteView bytes) {
  if (stop_decoding_ || bytes.empty()) return;
  std::vector<wire::Frame> frames;
  const bool ok = decoder_.feed(bytes, frames);
  for (auto& frame : frames) {
    if (stop_decoding_) return;
    take_frame(std::move(frame));
  }
  if (!ok && !stop_decoding_) {
    const auto& error = *decoder_.error();
    inbox_.push_back({std::nullopt, failure_from(error), wire::close_code_for(error.kind)});
    stop_decoding_ = true;
  }
}

void Connection::take_frame(wire::Frame frame) {
  if (config_.bugs.has(Bug::CloseReplyLimit) && close_sent() && frame.payload.size() > 125) {
    // The bug: the close reply is read with a 125-byte limit, so a longer
    // frame still in flight (§5.5.1 lets the peer finish its message first)
    // fails that read, and the connection is dropped with the reply unread.
    log("close-reply-limit: a " + std::to_string(frame.payload.size()) +
        "-byte frame while waiting for the close reply; resetting TCP");
    reset_now_ = true;
    stop_decoding_ = true;
    return;
  }
  if (config_.bugs.has(Bug::EchoInvalidCode) && frame.opcode == wire::to_raw(wire::Opcode::Close)) {
    auto parsed = wire::parse_close_payload(frame.payload);
    if (parsed.error == wire::ClosePayloadError::InvalidCode) {
      // The bug: take the code as it came instead of failing with 1002.
      wire::Message close{frame.opcode, std::move(frame.payload), std::move(parsed.payload), frame.stream_offset, 1};
      inbox_.push_back({std::move(close), std::nullopt});
      stop_decoding_ = true;
      return;
    }
  }
  std::vector<wire::Message> messages;
  const bool ok = assembler_.push(std::move(frame), messages);
  for (auto& message : messages) {
    // §5.5.1: nothing the peer sends after its close frame matters.
    if (message.opcode == wire::to_raw(wire::Opcode::Close)) stop_decoding_ = true;
    inbox_.push_back({std::move(message), std::nullopt});
  }
  if (!ok) {
    const auto& error = *assembler_.error();
    inbox_.push_back({std::nullopt, failure_from(error), error.close_code});
    stop_decoding_ = true;
  }
}

void Connection::on_control(const wire::Message& message) {
  switch (static_cast<wire::Opcode>(message.opcode)) {
    case wire::Opcode::Ping:
      // §5.5.2: answer with a pong carrying the same application data.
      if (config_.bugs.has(Bug::OversizePong)) {
        // The bug: padded past §5.5's 125-byte limit for control frames.
        net::Bytes padded = message.payload;
        padded.resize(std::max<std::size_t>(padded.size(), kOversizeControlPayload), 'x');
        send_frame(wire::Opcode::Pong, padded);
        return;
      }
      send_frame(wire::Opcode::Pong, message.payload);
      return;
    case wire::Opcode::Pong:
      // §5.5.3: an unsolicited pong needs no answer; any pong proves the
      // peer is alive.
      awaiting_pong_ = false;
      return;
    case wire::Opcode::Close: on_close_frame(message); return;
    default: return;
  }
}

void Connection::on_close_frame(const wire::Message& message) {
  if (config_.bugs.has(Bug::CrashOnClose)) crash("crash-on-close: a close frame was received");
  if (config_.bugs.has(Bug::HangOnClose)) hang_forever("hang-on-close: a close frame was received");
  if (config_.bugs.has(Bug::FakeSanitizerReport))
    fake_sanitizer_report("fake-sanitizer-report: a close frame was received");
  if (config_.bugs.has(Bug::NeverAnswerClose)) {
    log("never-answer-close: swallowing the peer's close frame");
    ignoring_peer_ = true;
    return;
  }
  if (!close_sent()) {
    // §5.5.1: answer with a close frame, "typically echoing the status code
    // it received"; an empty body is answered with an empty body.
    CloseBody echo;
    if (message.close && message.close->code) echo.code = *message.close->code;
    send_close_frame(echo);
  }
  if (config_.role == wire::Role::Client) {
    // §7.1.1: the client waits for the server to close TCP first.
    end_tcp(false, true, config_.close_timeout);
  } else if (config_.bugs.has(Bug::NoCloseReplyTcp)) {
    log("no-close-reply-tcp: leaving TCP open for the peer to close");
    end_tcp(false, true, config_.read_timeout.count() > 0 ? config_.read_timeout : kPeerCloseWait);
  } else {
    // §7.1.1: the server closes the TCP connection first.
    end_tcp(true, true, config_.close_timeout);
  }
}

void Connection::fail(wire::CloseCode code, const std::string& why) {
  log("failing the connection with " + std::to_string(code) + ": " + why);
  // §7.1.7: send a close frame with the code if none was sent yet, then
  // close TCP; FIN first, then a bounded wait for the peer's, so the close
  // frame is not lost to an RST.
  if (config_.bugs.has(Bug::DropInsteadOfClose)) {
    log("drop-instead-of-close: closing TCP without a close frame");
    end_tcp(false, false, Millis{0});
    return;
  }
  if (!close_sent()) send_close_frame({code, std::string(fit_close_reason(why))});
  end_tcp(true, true, config_.close_timeout);
}

void Connection::end_tcp(bool fin_first, bool wait_for_fin, Millis bound) {
  if (fin_first) shut_down_write(config_.close_timeout);
  if (wait_for_fin) drain_until_eof(Clock::now() + bound);
  // Under TLS a close_notify always goes first (RFC 8446 §6.1), on every
  // path; over TCP the FIN is what close() would send anyway.
  shut_down_write(kFinalWriteBound);
  {
    std::lock_guard lock(write_mutex_);
    if (!transport_closed_) {
      // leak-fd-every-10th counts connections across the process, so one
      // connection (every single-connection case) never leaks.
      static std::atomic<std::uint64_t> connections_ended{0};
      const auto ended = ++connections_ended;
      if (config_.bugs.has(Bug::LeakFd) || (config_.bugs.has(Bug::LeakFdEvery10th) && ended % 10 == 0)) {
        const int leaked = ::dup(transport_->fd());
        log("leak-fd: fd " + std::to_string(leaked) + " stays open for good");
      }
      transport_->close();
      transport_closed_ = true;
    }
  }
  ended_ = true;
}

void Connection::reset_tcp() {
  {
    std::lock_guard lock(write_mutex_);
    if (!transport_closed_) {
      transport_->reset();
      transport_closed_ = true;
    }
  }
  ended_ = true;
}

void Connection::shut_down_write(Millis bound) {
  std::lock_guard lock(write_mutex_);
  if (transport_closed_ || write_shut_down_) return;
  write_shut_down_ = true;
  transport_->shutdown_write(Clock::now() + bound);
}

void Connection::drain_until_eof(net::Deadline deadline) {
  for (;;) {
    const auto chunk = transport_->read_some(deadline);
    if (chunk.status != ChunkStatus::Data) return;
  }
}

// ---- writing ---------------------------------------------------------------

bool Connection::send_text(std::string_view text) { return send_frame(wire::Opcode::Text, net::as_byte_view(text)); }

bool Connection::send_binary(std::string_view bytes) {
  return send_frame(wire::Opcode::Binary, net::as_byte_view(bytes));
}

bool Connection::send_text_unsynchronised(std::string_view text) {
  return send_frame(wire::Opcode::Text, net::as_byte_view(text), false);
}

void Connection::close(wire::CloseCode code, std::string_view reason) {
  if (close_sent()) return;
  const CloseBody body =
      close_body_for(code, reason, config_.bugs.has(Bug::Send1005), config_.bugs.has(Bug::CloseReasonCut));
  if (!body.code && code != wire::close_code::kNoStatusReceived) {
    log("close(" + std::to_string(code) +
        "): not a code that may go on the wire (RFC 6455 §7.4); "
        "sending a close frame without a status code");
  }
  send_close_frame(body);
}

bool Connection::send_close_frame(const CloseBody& body) {
  if (config_.bugs.has(Bug::CrashOnClose) && !close_sent()) crash("crash-on-close: sending a close frame");
  auto payload = wire::build_close_payload(body.code, body.reason);
  if (config_.bugs.has(Bug::InvalidUtf8CloseReason) && payload.size() > 2) {
    // The bug: the reason's first byte becomes 0xFF, which UTF-8 never holds.
    payload[2] = 0xFF;
  }
  if (config_.bugs.has(Bug::BadClosePayload)) {
    // The bug: a 1-byte body, half a status code (§5.5.1: a body starts with 2).
    payload.resize(1, 0x03);
  }
  const bool sent = send_frame(wire::Opcode::Close, payload);
  if (sent && config_.bugs.has(Bug::DataAfterClose)) {
    log("data-after-close: sending a text frame after the close frame");
    send_frame(wire::Opcode::Text, net::as_byte_view("data after close"), true, true);
  }
  return sent;
}

bool Connection::send_frame(wire::Opcode opcode, net::ByteView payload, bool take_write_mutex, bool after_close) {
  std::unique_lock lock(write_mutex_, std::defer_lock);
  if (take_write_mutex) lock.lock();
  if (transport_closed_ || write_shut_down_ || write_failed_) return false;
  if (opcode == wire::Opcode::Close) {
    if (close_sent()) return false;  // §5.5.1: one close frame per endpoint
    close_sent_at_ = Clock::now().time_since_epoch().count();
  } else if (close_sent() && !after_close) {
    return false;  // §5.5.1: no data frames after a close frame (and no pings or pongs either)
  }
  if (config_.bugs.has(Bug::LoseMessage) && !wire::is_control(opcode) && ++data_frames_ == 2) {
    log("lose-message: dropping the second data frame and reporting it sent");
    return true;
  }

  wire::EncodeOptions options;
  // §5.1: a client masks every frame with a fresh unpredictable key; a
  // server never masks (unless the mask-server-frames bug says so).
  if (config_.role == wire::Role::Client || config_.bugs.has(Bug::MaskServerFrames)) {
    const std::uint32_t key = mask_random_();
    options.mask = wire::MaskKey{static_cast<std::uint8_t>(key >> 24), static_cast<std::uint8_t>(key >> 16),
                                 static_cast<std::uint8_t>(key >> 8), static_cast<std::uint8_t>(key)};
  }
  // race-send encodes into its own buffer: the race it shows is on the
  // wire and in the transport, not a torn vector that would crash first.
  net::Bytes unlocked_buffer;
  net::Bytes& frame = take_write_mutex ? send_buffer_ : unlocked_buffer;
  frame.clear();
  wire::append_frame(frame, opcode, payload, options);

  // short-write: a data frame's write returns after kShortWriteBound, done or
  // not, as a blocking send() returns a short count when its timeout passes.
  const bool short_write = config_.bugs.has(Bug::ShortWrite) && !wire::is_control(opcode) && !transport_->secure();
  const Millis bound = short_write                        ? kShortWriteBound
                       : wire::is_control(opcode)         ? config_.close_timeout
                       : config_.read_timeout.count() > 0 ? config_.read_timeout
                                                          : kDefaultWriteTimeout;
  const auto deadline = Clock::now() + bound;
  const net::ByteView bytes(frame);
  // race-send writes header and payload in two writes, as an implementation
  // without gathered writes does: with no lock, another thread's frame can
  // land between them.
  const std::size_t first = take_write_mutex ? bytes.size() : bytes.size() - payload.size();
  auto sent = transport_->write(bytes.first(first), deadline);
  if (sent.ok() && first < bytes.size()) {
    // Where a preempted writer would be descheduled: the other thread's
    // frame gets in between often enough for a repeated case to see it.
    std::this_thread::yield();
    sent = transport_->write(bytes.subspan(first), deadline);
  }
  if (!sent.ok() && short_write && sent.status == net::WriteStatus::Timeout) {
    // The bug: only a negative result counts as a failure, so the rest of
    // the frame is never sent, and the next frame starts inside this one.
    log("short-write: " + std::to_string(sent.written) + " of " + std::to_string(bytes.size()) +
        " bytes sent; counting the frame as sent");
    return true;
  }
  if (!sent.ok()) {
    write_failed_ = true;
    log("sending a " + std::string(wire::opcode_name(opcode)) +
        " frame failed: " + std::string(net::to_string(sent.status)) + " " + sent.error);
    return false;
  }
  return true;
}

// ---- helpers ---------------------------------------------------------------

net::Deadline Connection::close_sent_at() const { return net::Deadline(Clock::duration(close_sent_at_.load())); }

void Connection::log(const std::string& what) const {
  std::fprintf(stderr, "faulty [conn %s]: %s\n", config_.name.c_str(), what.c_str());
}

}  // namespace wsh::subject::faulty
