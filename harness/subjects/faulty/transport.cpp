#include "transport.hpp"

namespace wsh::subject::faulty {
namespace {

Chunk from_socket(const net::ReadOutcome& outcome) {
  switch (outcome.status) {
    case net::ReadStatus::Data: return {ChunkStatus::Data, {}, {}};
    case net::ReadStatus::Eof: return {ChunkStatus::Eof, {}, {}};
    case net::ReadStatus::Reset: return {ChunkStatus::Reset, {}, {}};
    case net::ReadStatus::Timeout: return {ChunkStatus::Timeout, {}, {}};
    case net::ReadStatus::Error: break;
  }
  return {ChunkStatus::Error, {}, outcome.error};
}

}  // namespace

Transport::Transport(net::TcpSocket socket, std::optional<net::TlsEndpoint> tls)
    : socket_(std::move(socket)), tls_(std::move(tls)) {}

std::optional<std::string> Transport::handshake(net::Deadline deadline) {
  if (!tls_) return std::nullopt;
  for (;;) {
    net::HandshakeStep step;
    {
      std::lock_guard lock(tls_mutex_);
      step = tls_->handshake_step();
    }
    // Send even after a failure: the alert tells the peer why.
    const auto sent = send_pending_ciphertext(deadline);
    if (step.status == net::HandshakeStatus::Failed) return "TLS handshake failed: " + step.reason;
    if (!sent.ok()) return "TLS handshake: sending a flight failed (" + std::string(net::to_string(sent.status)) + ")";
    if (step.status == net::HandshakeStatus::Done) return std::nullopt;

    const auto got = socket_.read_some(read_buffer_, deadline);
    if (got.status != net::ReadStatus::Data) {
      return "TLS handshake: " + std::string(net::to_string(got.status)) + " from the peer " + got.error;
    }
    std::lock_guard lock(tls_mutex_);
    tls_->feed_ciphertext(net::ByteView(read_buffer_.data(), got.n));
  }
}

Chunk Transport::read_some(net::Deadline deadline) {
  if (tls_) return read_tls(deadline);
  const auto got = socket_.read_some(read_buffer_, deadline);
  Chunk chunk = from_socket(got);
  if (got.status == net::ReadStatus::Data)
    chunk.data.assign(read_buffer_.begin(), read_buffer_.begin() + static_cast<std::ptrdiff_t>(got.n));
  return chunk;
}

Chunk Transport::read_tls(net::Deadline deadline) {
  for (;;) {
    Chunk chunk;
    net::TlsRead decrypted;
    bool reply_pending = false;
    {
      std::lock_guard lock(tls_mutex_);
      decrypted = tls_->read_plaintext(chunk.data);
      reply_pending = tls_->has_ciphertext();
    }
    // Reading may produce records to send (a key update, an alert).
    if (reply_pending) send_pending_ciphertext(deadline);
    switch (decrypted.status) {
      case net::TlsReadStatus::Data: chunk.status = ChunkStatus::Data; return chunk;
      case net::TlsReadStatus::CloseNotify: return {ChunkStatus::Eof, {}, {}};
      case net::TlsReadStatus::Failed: return {ChunkStatus::Error, {}, "TLS: " + decrypted.reason};
      case net::TlsReadStatus::WantMore: break;
    }
    const auto got = socket_.read_some(read_buffer_, deadline);
    if (got.status != net::ReadStatus::Data) return from_socket(got);
    std::lock_guard lock(tls_mutex_);
    tls_->feed_ciphertext(net::ByteView(read_buffer_.data(), got.n));
  }
}

net::WriteOutcome Transport::write(net::ByteView plaintext, net::Deadline deadline) {
  if (!tls_) return socket_.write_all(plaintext, deadline);
  std::lock_guard output(output_mutex_);
  net::Bytes ciphertext;
  {
    std::lock_guard lock(tls_mutex_);
    const auto sealed = tls_->write_plaintext(plaintext);
    if (!sealed.ok) return {net::WriteStatus::Error, 0, "TLS: " + sealed.reason};
    ciphertext = tls_->take_ciphertext();
  }
  auto sent = socket_.write_all(ciphertext, deadline);
  if (sent.ok()) sent.written = plaintext.size();
  return sent;
}

net::WriteOutcome Transport::send_pending_ciphertext(net::Deadline deadline) {
  std::lock_guard output(output_mutex_);
  net::Bytes ciphertext;
  {
    std::lock_guard lock(tls_mutex_);
    if (!tls_->has_ciphertext()) return {net::WriteStatus::Ok, 0, {}};
    ciphertext = tls_->take_ciphertext();
  }
  return socket_.write_all(ciphertext, deadline);
}

void Transport::shutdown_write(net::Deadline deadline) {
  if (!tls_) {
    socket_.shutdown_write();
    return;
  }
  // close_notify is a record like any other: sealed, sent and followed by
  // FIN under the output lock, so no record can slip in after it.
  std::lock_guard output(output_mutex_);
  net::Bytes ciphertext;
  {
    std::lock_guard lock(tls_mutex_);
    tls_->send_close_notify();
    ciphertext = tls_->take_ciphertext();
  }
  socket_.write_all(ciphertext, deadline);
  socket_.shutdown_write();
}

void Transport::close() { socket_.close(); }

void Transport::reset() { socket_.reset(); }

}  // namespace wsh::subject::faulty
