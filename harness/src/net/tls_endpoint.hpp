#pragma once
// One side of a TLS session driven through memory BIOs: OpenSSL never touches
// the socket. Ciphertext it produces is taken with take_ciphertext() and sent
// by the caller (through the fault pipeline, so faults act on the TCP bytes
// under TLS); ciphertext read from the socket is given with feed_ciphertext().
// This is what lets a fault truncate a TLS record or reset mid-record.
//
// Not thread-safe: one TlsEndpoint belongs to one connection's driver.

#include <filesystem>
#include <memory>
#include <string>

#include "net/bytes.hpp"

namespace wsh::net {

enum class HandshakeStatus {
  NeedMore,  // feed more ciphertext (after sending what take_ciphertext() holds)
  Done,
  Failed,
};

struct HandshakeStep {
  HandshakeStatus status = HandshakeStatus::Failed;
  std::string reason;  // Failed: OpenSSL's errors and the verify result
};

enum class TlsReadStatus {
  Data,         // plaintext was appended to `out`
  WantMore,     // no complete record: feed more ciphertext
  CloseNotify,  // the peer sent close_notify: its orderly end of the TLS stream
  Failed,       // a fatal alert or a bad record (e.g. a corrupted byte)
};

struct TlsRead {
  TlsReadStatus status = TlsReadStatus::Failed;
  std::string reason;
};

struct TlsWrite {
  bool ok = false;
  std::string reason;
};

class TlsEndpoint {
 public:
  // A client that trusts only `ca_cert` and checks the server's certificate
  // against `server_name`: an IP literal is matched against the SAN's IP
  // entries (and sent without SNI, RFC 6066 §3 forbids literals there); a DNS
  // name is sent as SNI and matched against the SAN's DNS entries. An empty
  // name checks the chain only. Throws NetError(Tls) if `ca_cert` is unusable.
  static TlsEndpoint client(const std::filesystem::path& ca_cert, const std::string& server_name);
  // A client that checks no certificate at all (`wsharness run --url wss://...
  // --insecure`, for a server whose CA the user does not have at hand). A DNS
  // name is still sent as SNI.
  static TlsEndpoint insecure_client(const std::string& server_name);
  // A server presenting `cert` (PEM chain) with `key`. Throws NetError(Tls).
  static TlsEndpoint server(const std::filesystem::path& cert, const std::filesystem::path& key);

  ~TlsEndpoint();
  TlsEndpoint(TlsEndpoint&&) noexcept;
  TlsEndpoint& operator=(TlsEndpoint&&) noexcept;

  bool is_client() const;

  // Ciphertext read from the socket.
  void feed_ciphertext(ByteView ciphertext);
  // Ciphertext waiting to be sent (handshake flights, records, alerts);
  // empties the outgoing buffer.
  Bytes take_ciphertext();
  bool has_ciphertext() const;

  // Advances the handshake as far as the fed ciphertext allows.
  HandshakeStep handshake_step();
  bool handshake_done() const;

  // Encrypts `plaintext` into records (take_ciphertext() then holds them).
  TlsWrite write_plaintext(ByteView plaintext);
  // Decrypts every complete record fed so far, appending to `out`.
  TlsRead read_plaintext(Bytes& out);
  // Queues a close_notify alert (take_ciphertext() then holds it).
  void send_close_notify();
  bool close_notify_received() const;

  // "TLSv1.3" once the handshake is done.
  std::string protocol_version() const;

 private:
  struct State;
  explicit TlsEndpoint(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace wsh::net
