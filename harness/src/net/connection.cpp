#include "net/connection.hpp"

#include <array>
#include <thread>

#include <fmt/format.h>

#include "net/socket_sink.hpp"

namespace wsh::net {

std::string_view to_string(ReceivedStatus status) {
  switch (status) {
    case ReceivedStatus::Data: return "data";
    case ReceivedStatus::CloseNotify: return "close_notify";
    case ReceivedStatus::Eof: return "eof";
    case ReceivedStatus::Reset: return "reset";
    case ReceivedStatus::Timeout: return "timeout";
    case ReceivedStatus::Error: return "error";
  }
  return "error";
}

struct Connection::State {
  State(TcpSocket tcp, std::optional<TlsEndpoint> tls_endpoint)
      : socket(std::move(tcp)), tls(std::move(tls_endpoint)), sink(socket) {}

  TcpSocket socket;
  std::optional<TlsEndpoint> tls;
  SocketSink sink;  // refers to `socket`: both live here, so moves keep it valid
  ByteSink* outgoing = nullptr;
  bool stalled = false;
  bool close_notify_reported = false;
  std::array<std::uint8_t, 16 * 1024> buffer{};
};

namespace {

Received from_socket(const ReadOutcome& outcome) {
  switch (outcome.status) {
    case ReadStatus::Data: return {ReceivedStatus::Data, {}, false, {}};
    case ReadStatus::Eof: return {ReceivedStatus::Eof, {}, false, {}};
    case ReadStatus::Reset: return {ReceivedStatus::Reset, {}, false, {}};
    case ReadStatus::Timeout: return {ReceivedStatus::Timeout, {}, false, {}};
    case ReadStatus::Error: break;
  }
  return {ReceivedStatus::Error, {}, false, outcome.error};
}

}  // namespace

Connection::Connection(TcpSocket socket, std::optional<TlsEndpoint> tls)
    : state_(std::make_unique<State>(std::move(socket), std::move(tls))) {
  // The scripted peer decides how bytes are grouped into segments (one write,
  // one segment; burst and chop reshape that). Nagle would regroup them and
  // hold small frames back waiting for an ACK.
  state_->sink.set_nodelay(true);
}
Connection::~Connection() = default;
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;

HandshakeOutcome Connection::handshake(Deadline deadline) {
  if (!state_->tls) return {HandshakeResult::Done, {}};
  TlsEndpoint& tls = *state_->tls;
  for (;;) {
    const HandshakeStep step = tls.handshake_step();
    // Send what the step produced even when it failed: the alert tells the
    // peer why, as a real TLS stack would.
    const WriteOutcome sent = send_pending_ciphertext(deadline);
    if (step.status == HandshakeStatus::Failed) return {HandshakeResult::Failed, step.reason};
    if (!sent.ok()) {
      if (sent.status == WriteStatus::Timeout) return {HandshakeResult::Timeout, "sending a TLS flight timed out"};
      return {HandshakeResult::Closed, fmt::format("sending a TLS flight: {} {}", to_string(sent.status), sent.error)};
    }
    if (step.status == HandshakeStatus::Done) return {HandshakeResult::Done, tls.protocol_version()};

    const ReadOutcome got = state_->socket.read_some(state_->buffer, deadline);
    switch (got.status) {
      case ReadStatus::Data: tls.feed_ciphertext(ByteView(state_->buffer.data(), got.n)); break;
      case ReadStatus::Eof: return {HandshakeResult::Closed, "the peer closed TCP (FIN) during the TLS handshake"};
      case ReadStatus::Reset: return {HandshakeResult::Closed, "the peer reset TCP (RST) during the TLS handshake"};
      case ReadStatus::Timeout: return {HandshakeResult::Timeout, "no TLS handshake reply before the deadline"};
      case ReadStatus::Error: return {HandshakeResult::Failed, got.error};
    }
  }
}

WriteOutcome Connection::write(ByteView plaintext, Deadline deadline) {
  if (!state_->tls) return outgoing().write(plaintext, deadline);
  const TlsWrite encrypted = state_->tls->write_plaintext(plaintext);
  if (!encrypted.ok) return {WriteStatus::Error, 0, "TLS: " + encrypted.reason};
  WriteOutcome sent = send_pending_ciphertext(deadline);
  if (sent.ok()) sent.written = plaintext.size();
  return sent;
}

WriteOutcome Connection::flush(Deadline deadline) { return outgoing().flush(deadline); }

Received Connection::read_some(Deadline deadline) {
  if (state_->stalled) {
    // Not reading is the fault; waiting out the deadline keeps a read loop
    // from spinning while it lasts.
    std::this_thread::sleep_until(deadline);
    return {ReceivedStatus::Timeout, {}, false, {}};
  }
  if (state_->tls) return read_tls(deadline);

  const ReadOutcome got = state_->socket.read_some(state_->buffer, deadline);
  Received received = from_socket(got);
  if (got.status == ReadStatus::Data)
    received.data.assign(state_->buffer.begin(), state_->buffer.begin() + static_cast<std::ptrdiff_t>(got.n));
  return received;
}

Received Connection::read_tls(Deadline deadline) {
  if (state_->close_notify_reported) return read_after_close_notify(deadline);
  TlsEndpoint& tls = *state_->tls;
  for (;;) {
    Received received;
    const TlsRead decrypted = tls.read_plaintext(received.data);
    // Reading can produce ciphertext (a post-handshake reply, an alert); a
    // failure to send it shows up on the next read or write.
    send_pending_ciphertext(deadline);
    switch (decrypted.status) {
      case TlsReadStatus::Data: received.status = ReceivedStatus::Data; return received;
      case TlsReadStatus::CloseNotify:
        state_->close_notify_reported = true;
        received.status = ReceivedStatus::CloseNotify;
        return received;
      case TlsReadStatus::Failed:
        received.status = ReceivedStatus::Error;
        received.error = "TLS: " + decrypted.reason;
        return received;
      case TlsReadStatus::WantMore: break;
    }
    const ReadOutcome got = state_->socket.read_some(state_->buffer, deadline);
    if (got.status == ReadStatus::Data) {
      tls.feed_ciphertext(ByteView(state_->buffer.data(), got.n));
      continue;
    }
    received = from_socket(got);
    received.tls_truncated = got.status == ReadStatus::Eof;
    return received;
  }
}

Received Connection::read_after_close_notify(Deadline deadline) {
  const ReadOutcome got = state_->socket.read_some(state_->buffer, deadline);
  if (got.status != ReadStatus::Data) return from_socket(got);
  // RFC 8446 §6.1: nothing may follow close_notify on that side.
  return {ReceivedStatus::Error, {}, false, fmt::format("{} bytes arrived after the peer's TLS close_notify", got.n)};
}

WriteOutcome Connection::send_close_notify(Deadline deadline) {
  if (!state_->tls) return {WriteStatus::Ok, 0, {}};
  state_->tls->send_close_notify();
  return send_pending_ciphertext(deadline);
}

WriteOutcome Connection::send_pending_ciphertext(Deadline deadline) {
  if (!state_->tls->has_ciphertext()) return {WriteStatus::Ok, 0, {}};
  const Bytes ciphertext = state_->tls->take_ciphertext();
  return outgoing().write(ciphertext, deadline);
}

void Connection::shutdown_write() { outgoing().shutdown_write(); }

void Connection::reset() { state_->socket.reset(); }

void Connection::close() { state_->socket.close(); }

void Connection::stall_reading(bool stalled) { state_->stalled = stalled; }

bool Connection::reading_stalled() const { return state_->stalled; }

bool Connection::is_tls() const { return state_->tls.has_value(); }

TcpSocket& Connection::socket() { return state_->socket; }

TlsEndpoint* Connection::tls() { return state_->tls ? &*state_->tls : nullptr; }

ByteSink& Connection::socket_sink() { return state_->sink; }

void Connection::route_outgoing(ByteSink* front) { state_->outgoing = front; }

ByteSink& Connection::outgoing() { return state_->outgoing != nullptr ? *state_->outgoing : state_->sink; }

}  // namespace wsh::net
