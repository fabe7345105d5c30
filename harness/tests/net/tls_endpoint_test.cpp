#include "net/tls_endpoint.hpp"

#include <gtest/gtest.h>

#include "net/net_error.hpp"
#include "tls_test_support.hpp"

namespace wsh::net {
namespace {

using namespace test;

TEST(TlsEndpoint, HandshakesThroughMemoryBios) {
  TlsEndpoint client = pki_client();
  TlsEndpoint server = pki_server();

  const HandshakeResults results = run_handshake(client, server);

  ASSERT_EQ(results.client.status, HandshakeStatus::Done) << results.client.reason;
  ASSERT_EQ(results.server.status, HandshakeStatus::Done) << results.server.reason;
  EXPECT_TRUE(client.handshake_done());
  EXPECT_EQ(client.protocol_version(), "TLSv1.3");
}

TEST(TlsEndpoint, VerifiesTheServerByIpAddress) {
  TlsEndpoint client = pki_client("127.0.0.1");
  TlsEndpoint server = pki_server();
  EXPECT_EQ(run_handshake(client, server).client.status, HandshakeStatus::Done);
}

TEST(TlsEndpoint, CarriesDataBothWays) {
  TlsEndpoint client = pki_client();
  TlsEndpoint server = pki_server();
  ASSERT_EQ(run_handshake(client, server).client.status, HandshakeStatus::Done);

  ASSERT_TRUE(client.write_plaintext(bytes_of("hello server")).ok);
  move_ciphertext(client, server);
  Bytes at_server;
  EXPECT_EQ(server.read_plaintext(at_server).status, TlsReadStatus::Data);
  EXPECT_EQ(at_server, bytes_of("hello server"));

  const Bytes large = pattern(100 * 1024);  // several records
  ASSERT_TRUE(server.write_plaintext(large).ok);
  move_ciphertext(server, client);
  Bytes at_client;
  EXPECT_EQ(client.read_plaintext(at_client).status, TlsReadStatus::Data);
  EXPECT_EQ(at_client, large);
}

TEST(TlsEndpoint, ReadWithoutCiphertextWantsMore) {
  TlsEndpoint client = pki_client();
  TlsEndpoint server = pki_server();
  ASSERT_EQ(run_handshake(client, server).server.status, HandshakeStatus::Done);
  Bytes out;
  EXPECT_EQ(server.read_plaintext(out).status, TlsReadStatus::WantMore);
  EXPECT_TRUE(out.empty());
}

TEST(TlsEndpoint, ReportsThePeersCloseNotify) {
  TlsEndpoint client = pki_client();
  TlsEndpoint server = pki_server();
  ASSERT_EQ(run_handshake(client, server).client.status, HandshakeStatus::Done);

  server.send_close_notify();
  move_ciphertext(server, client);
  Bytes out;

  EXPECT_EQ(client.read_plaintext(out).status, TlsReadStatus::CloseNotify);
  EXPECT_TRUE(client.close_notify_received());
}

TEST(TlsEndpoint, DataBeforeCloseNotifyIsReadFirst) {
  TlsEndpoint client = pki_client();
  TlsEndpoint server = pki_server();
  ASSERT_EQ(run_handshake(client, server).client.status, HandshakeStatus::Done);

  ASSERT_TRUE(server.write_plaintext(bytes_of("bye")).ok);
  server.send_close_notify();
  move_ciphertext(server, client);
  Bytes out;

  EXPECT_EQ(client.read_plaintext(out).status, TlsReadStatus::Data);
  EXPECT_EQ(out, bytes_of("bye"));
  EXPECT_EQ(client.read_plaintext(out).status, TlsReadStatus::CloseNotify);
}

TEST(TlsEndpoint, CorruptedRecordFailsTheRead) {
  TlsEndpoint client = pki_client();
  TlsEndpoint server = pki_server();
  ASSERT_EQ(run_handshake(client, server).client.status, HandshakeStatus::Done);
  ASSERT_TRUE(client.write_plaintext(bytes_of("integrity")).ok);
  Bytes record = client.take_ciphertext();
  record.back() ^= 0x01;  // inside the authentication tag

  server.feed_ciphertext(record);
  Bytes out;
  const TlsRead read = server.read_plaintext(out);

  EXPECT_EQ(read.status, TlsReadStatus::Failed);
  EXPECT_NE(read.reason.find("bad record mac"), std::string::npos) << read.reason;
}

TEST(TlsEndpoint, RejectsAServerFromAnotherCa) {
  ScopedTempDir other_dir;
  const TlsMaterial other = make_throwaway_pki(other_dir.path());
  TlsEndpoint client = TlsEndpoint::client(other.ca_cert, "localhost");
  TlsEndpoint server = pki_server();

  const HandshakeResults results = run_handshake(client, server);

  EXPECT_EQ(results.client.status, HandshakeStatus::Failed);
  EXPECT_NE(results.client.reason.find("certificate verify failed"), std::string::npos) << results.client.reason;
}

TEST(TlsEndpoint, RejectsAServerForAnotherName) {
  TlsEndpoint client = pki_client("example.com");
  TlsEndpoint server = pki_server();

  const HandshakeResults results = run_handshake(client, server);

  EXPECT_EQ(results.client.status, HandshakeStatus::Failed);
  EXPECT_NE(results.client.reason.find("hostname mismatch"), std::string::npos) << results.client.reason;
}

TEST(TlsEndpoint, ServerWithMissingKeyFileThrowsNamingTheFile) {
  try {
    TlsEndpoint::server(shared_pki().server_cert, "/nonexistent/server.key");
    FAIL() << "no error for a missing key";
  } catch (const NetError& error) {
    EXPECT_EQ(error.kind(), NetErrorKind::Tls);
    EXPECT_NE(std::string(error.what()).find("/nonexistent/server.key"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace wsh::net
