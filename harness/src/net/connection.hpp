#pragma once
// A scripted peer's connection: a TcpSocket, optionally TLS through memory
// BIOs, and the route its outgoing TCP bytes take (straight to the socket, or
// through a fault pipeline the caller installs with route_outgoing). The
// caller speaks plaintext; faults act on what really goes over TCP.
//
// Single-threaded: one driver owns a Connection.

#include <memory>
#include <optional>
#include <string>

#include "net/byte_sink.hpp"
#include "net/bytes.hpp"
#include "net/deadline.hpp"
#include "net/io_outcome.hpp"
#include "net/tcp_socket.hpp"
#include "net/tls_endpoint.hpp"

namespace wsh::net {

enum class HandshakeResult {
  Done,     // TLS established (at once for plain TCP)
  Failed,   // TLS refused: bad certificate, alert, protocol error
  Closed,   // the peer closed (FIN) or reset TCP mid-handshake
  Timeout,  // the deadline passed
};

struct HandshakeOutcome {
  HandshakeResult status = HandshakeResult::Failed;
  std::string detail;
  bool ok() const { return status == HandshakeResult::Done; }
};

enum class ReceivedStatus {
  Data,         // `data` holds plaintext (the TCP bytes, without TLS)
  CloseNotify,  // TLS: the peer ended the TLS stream in order; TCP may still be open
  Eof,          // TCP FIN (under TLS: see `tls_truncated`)
  Reset,        // TCP RST
  Timeout,      // nothing before the deadline (always, while reading is stalled)
  Error,        // a TLS failure (e.g. a corrupted record) or a socket error; see `error`
};

struct Received {
  ReceivedStatus status = ReceivedStatus::Error;
  Bytes data;
  // TLS only: TCP ended (FIN) without a close_notify first, i.e. the TLS
  // stream was truncated (RFC 8446 §6.1 requires close_notify before closing).
  bool tls_truncated = false;
  std::string error;
};

std::string_view to_string(ReceivedStatus status);

class Connection {
 public:
  // Sets TCP_NODELAY: each write leaves as it was written.
  explicit Connection(TcpSocket socket, std::optional<TlsEndpoint> tls = std::nullopt);
  ~Connection();
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;

  // TLS: runs the handshake (its flights go through the outgoing route too).
  // Plain TCP: Done at once.
  HandshakeOutcome handshake(Deadline deadline);

  // Encrypts (TLS) and sends `plaintext` as one write into the outgoing route.
  // `written` is plaintext.size() on success.
  WriteOutcome write(ByteView plaintext, Deadline deadline);
  // Releases what the outgoing route holds back (a burst).
  WriteOutcome flush(Deadline deadline);
  // Waits for plaintext, the end of the stream or the deadline. Under TLS,
  // reads ciphertext until a record decrypts; after CloseNotify has been
  // reported once, further reads report what TCP does next (Eof, Reset).
  Received read_some(Deadline deadline);

  // TLS: sends close_notify through the outgoing route. Plain TCP: Ok, nothing sent.
  WriteOutcome send_close_notify(Deadline deadline);
  // FIN through the outgoing route (no close_notify: that is send_close_notify).
  void shutdown_write();
  // RST now, bypassing the outgoing route.
  void reset();
  void close();

  // The `stall` fault: while stalled, read_some does not read the socket, so
  // the kernel's receive buffer fills and the subject's writes block (use
  // socket().set_recv_buffer to make that quick). read_some waits out its
  // deadline and reports Timeout.
  void stall_reading(bool stalled);
  bool reading_stalled() const;

  bool is_tls() const;
  TcpSocket& socket();
  TlsEndpoint* tls();

  // The sink that writes to this connection's socket: where a fault pipeline
  // ends. Stable for the Connection's lifetime, moves included.
  ByteSink& socket_sink();
  // Sends every outgoing TCP byte through `front` (which must end in
  // socket_sink() and outlive this routing); nullptr restores the direct route.
  void route_outgoing(ByteSink* front);
  ByteSink& outgoing();

 private:
  struct State;
  WriteOutcome send_pending_ciphertext(Deadline deadline);
  Received read_tls(Deadline deadline);
  Received read_after_close_notify(Deadline deadline);
  std::unique_ptr<State> state_;
};

}  // namespace wsh::net
