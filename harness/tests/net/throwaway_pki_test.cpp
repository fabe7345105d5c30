#include "net/tls_material.hpp"

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>

#include <gtest/gtest.h>

#include "net_test_support.hpp"

namespace wsh::net {
namespace {

using namespace test;

struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
using X509Handle = std::unique_ptr<X509, X509Free>;

X509Handle load_certificate(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) return nullptr;
  X509Handle cert(PEM_read_X509(file, nullptr, nullptr, nullptr));
  std::fclose(file);
  return cert;
}

class ThrowawayPki : public ::testing::Test {
 protected:
  ScopedTempDir dir;
  TlsMaterial material = make_throwaway_pki(dir.path());
};

TEST_F(ThrowawayPki, WritesTheThreeFilesIntoTheGivenDirectory) {
  EXPECT_EQ(material.ca_cert.parent_path(), dir.path());
  EXPECT_TRUE(std::filesystem::exists(material.ca_cert));
  EXPECT_TRUE(std::filesystem::exists(material.server_cert));
  EXPECT_TRUE(std::filesystem::exists(material.server_key));
  // Only these three: the CA's key never touches the disk.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 3);
}

TEST_F(ThrowawayPki, KeyFileIsPrivate) {
  struct stat info {};
  ASSERT_EQ(::stat(material.server_key.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(ThrowawayPki, ServerCertificateIsSignedByTheCa) {
  const X509Handle ca = load_certificate(material.ca_cert);
  const X509Handle server = load_certificate(material.server_cert);
  ASSERT_TRUE(ca && server);

  EXPECT_EQ(X509_check_ca(ca.get()), 1);
  EXPECT_EQ(X509_check_ca(server.get()), 0);
  EXPECT_EQ(X509_verify(server.get(), X509_get0_pubkey(ca.get())), 1);
}

TEST_F(ThrowawayPki, ServerCertificateNamesLoopbackAndLocalhost) {
  const X509Handle server = load_certificate(material.server_cert);
  ASSERT_TRUE(server);

  EXPECT_EQ(X509_check_ip_asc(server.get(), "127.0.0.1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(server.get(), "::1", 0), 1);
  EXPECT_EQ(X509_check_host(server.get(), "localhost", 0, 0, nullptr), 1);
  EXPECT_NE(X509_check_host(server.get(), "example.com", 0, 0, nullptr), 1);
}

TEST_F(ThrowawayPki, CertificatesAreValidNowAndForADay) {
  const X509Handle server = load_certificate(material.server_cert);
  ASSERT_TRUE(server);
  std::time_t now = std::time(nullptr);
  std::time_t in_23_hours = now + 23 * 3600;
  std::time_t in_25_hours = now + 25 * 3600;

  EXPECT_LT(X509_cmp_time(X509_get0_notBefore(server.get()), &now), 0);
  EXPECT_GT(X509_cmp_time(X509_get0_notAfter(server.get()), &in_23_hours), 0);
  EXPECT_LT(X509_cmp_time(X509_get0_notAfter(server.get()), &in_25_hours), 0);
}

TEST(ScopedPki, MakesTheFilesAndRemovesTheirDirectoryWhenItGoes) {
  std::filesystem::path dir;
  {
    const ScopedPki pki;
    const auto& material = pki.material();
    EXPECT_TRUE(std::filesystem::exists(material.ca_cert));
    EXPECT_TRUE(std::filesystem::exists(material.server_cert));
    EXPECT_TRUE(std::filesystem::exists(material.server_key));
    dir = material.ca_cert.parent_path();
    EXPECT_EQ(dir.filename().string().rfind("wsharness-pki-", 0), 0u) << dir;
  }
  EXPECT_FALSE(std::filesystem::exists(dir)) << dir;
}

}  // namespace
}  // namespace wsh::net
