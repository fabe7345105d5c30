#pragma once
// The bytes under one WebSocket connection: a TCP socket, or TLS over it
// through wsh::net::TlsEndpoint (memory BIOs).
//
// Threads: one reader thread (read_some, close) and any number of writers
// (write, shutdown_write). Over TLS every write is serialised here, because
// the TLS session is one object whose records must leave in the order they
// were sealed; over plain TCP writes are NOT serialised: keeping frames whole
// is the WebSocket connection's job (its write mutex), and the race-send bug
// depends on that being the only guard.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "net/bytes.hpp"
#include "net/deadline.hpp"
#include "net/io_outcome.hpp"
#include "net/tcp_socket.hpp"
#include "net/tls_endpoint.hpp"

namespace wsh::subject::faulty {

enum class ChunkStatus { Data, Eof, Reset, Timeout, Error };

struct Chunk {
  ChunkStatus status = ChunkStatus::Error;
  net::Bytes data;    // Data: the plaintext that arrived
  std::string error;  // Error: what went wrong
};

class Transport {
 public:
  explicit Transport(net::TcpSocket socket, std::optional<net::TlsEndpoint> tls = std::nullopt);
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // TLS: runs the handshake until done, failed or the deadline; plain TCP:
  // nothing to do. Returns the reason on failure.
  std::optional<std::string> handshake(net::Deadline deadline);

  // Reader thread only. Waits for plaintext, the end of the stream or the
  // deadline. A TLS close_notify reads as Eof.
  Chunk read_some(net::Deadline deadline);

  // Any thread. Sends every byte or says why not.
  net::WriteOutcome write(net::ByteView plaintext, net::Deadline deadline);

  // Any thread. TLS: close_notify first. Then FIN; reading stays possible.
  void shutdown_write(net::Deadline deadline);

  // Reader thread, with no write in progress. Releases the socket.
  void close();
  // Reader thread, with no write in progress: an abortive close (RST).
  void reset();
  bool secure() const { return tls_.has_value(); }
  bool is_open() const { return socket_.is_open(); }

  int fd() const { return socket_.fd(); }

 private:
  net::WriteOutcome send_pending_ciphertext(net::Deadline deadline);
  Chunk read_tls(net::Deadline deadline);

  net::TcpSocket socket_;
  std::optional<net::TlsEndpoint> tls_;
  // Lock order: output_mutex_ then tls_mutex_. output_mutex_ keeps sealing
  // a record and writing it one step, so records leave in sequence order.
  std::mutex output_mutex_;
  std::mutex tls_mutex_;
  net::Bytes read_buffer_ = net::Bytes(16 * 1024);
};

}  // namespace wsh::subject::faulty
