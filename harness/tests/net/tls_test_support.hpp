#pragma once
// One throwaway PKI per test binary (key generation is the slow part), and a
// shuttle that runs a TLS handshake between two memory-BIO endpoints.

#include <gtest/gtest.h>

#include "net/tls_endpoint.hpp"
#include "net/tls_material.hpp"
#include "net_test_support.hpp"

namespace wsh::net::test {

inline const TlsMaterial& shared_pki() {
  static const ScopedTempDir dir;
  static const TlsMaterial material = make_throwaway_pki(dir.path());
  return material;
}

inline TlsEndpoint pki_client(const std::string& server_name = "localhost") {
  return TlsEndpoint::client(shared_pki().ca_cert, server_name);
}

inline TlsEndpoint pki_server() { return TlsEndpoint::server(shared_pki().server_cert, shared_pki().server_key); }

inline void move_ciphertext(TlsEndpoint& from, TlsEndpoint& to) {
  const Bytes ciphertext = from.take_ciphertext();
  to.feed_ciphertext(ciphertext);
}

struct HandshakeResults {
  HandshakeStep client;
  HandshakeStep server;
};

// Steps both sides, carrying each flight across, until both are done or one
// failed. TLS 1.3 needs two round trips; 10 is a generous bound.
inline HandshakeResults run_handshake(TlsEndpoint& client, TlsEndpoint& server) {
  HandshakeResults results;
  for (int round = 0; round < 10; ++round) {
    results.client = client.handshake_step();
    move_ciphertext(client, server);
    results.server = server.handshake_step();
    move_ciphertext(server, client);
    const bool failed =
        results.client.status == HandshakeStatus::Failed || results.server.status == HandshakeStatus::Failed;
    const bool done = results.client.status == HandshakeStatus::Done && results.server.status == HandshakeStatus::Done;
    if (failed || done) break;
  }
  return results;
}

}  // namespace wsh::net::test
