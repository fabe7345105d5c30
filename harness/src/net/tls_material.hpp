#pragma once
// Certificates for wss:// runs. docs/ARCHITECTURE.md, "Topologies": the harness makes a throwaway CA
// and server certificate per run; nothing is checked in and nothing is
// written outside the run's own directory.

#include <filesystem>

namespace wsh::net {

struct TlsMaterial {
  std::filesystem::path ca_cert;      // PEM: the CA clients trust (--tls-ca)
  std::filesystem::path server_cert;  // PEM: the server's leaf certificate (--tls-cert)
  std::filesystem::path server_key;   // PEM: its private key, mode 0600 (--tls-key)
};

// Makes a fresh CA (EC P-256, self-signed, CA:TRUE) and a server certificate
// signed by it for SAN IP:127.0.0.1, IP:::1 and DNS:localhost, both valid from
// an hour ago (clock skew between processes is irrelevant on one machine, but
// a certificate that starts "now" can be rejected within the same second) for
// one day. Writes ca.pem, server.pem and server.key into `dir` (created if
// missing). The CA's key is never written: nothing else can be signed with it.
// Throws NetError(Tls) when OpenSSL or the file system fails.
TlsMaterial make_throwaway_pki(const std::filesystem::path& dir);

// make_throwaway_pki in a fresh directory under the system's temp directory,
// removed with everything in it when this object goes.
class ScopedPki {
 public:
  ScopedPki();
  ~ScopedPki();
  ScopedPki(const ScopedPki&) = delete;
  ScopedPki& operator=(const ScopedPki&) = delete;
  const TlsMaterial& material() const { return material_; }

 private:
  std::filesystem::path dir_;
  TlsMaterial material_;
};

}  // namespace wsh::net
