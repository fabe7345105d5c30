#include <fcntl.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "net/net_error.hpp"
#include "net/openssl_support.hpp"
#include "net/tls_material.hpp"

namespace wsh::net {
namespace {

using namespace openssl;

constexpr long kValidFromSeconds = -60L * 60;       // an hour ago
constexpr long kValidUntilSeconds = 24L * 60 * 60;  // one day from now

[[noreturn]] void fail(const std::string& what) {
  throw NetError(NetErrorKind::Tls, fmt::format("throwaway PKI: {}: {}", what, drain_errors()));
}

PkeyPtr make_p256_key() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) fail("generating an EC P-256 key");
  return key;
}

void add_extension(X509* cert, X509V3_CTX& context, int nid, const char* value) {
  X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
  if (!extension || X509_add_ext(cert, extension.get(), -1) != 1) fail(fmt::format("adding extension {}", value));
}

// A fresh v3 certificate for `key`, named CN=`common_name`, with a random
// 64-bit serial (two certificates from two runs must never look identical to
// a client's session cache) and the validity window above. Issuer, extensions
// and signature are the caller's.
X509Ptr make_unsigned_certificate(EVP_PKEY* key, const char* common_name) {
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) fail("creating a certificate");

  BignumPtr serial(BN_new());
  if (!serial || BN_rand(serial.get(), 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr) {
    fail("choosing a serial number");
  }
  if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), kValidFromSeconds) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidUntilSeconds) == nullptr) {
    fail("setting the validity period");
  }
  if (X509_set_pubkey(cert.get(), key) != 1) fail("setting the public key");

  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto* cn = reinterpret_cast<const unsigned char*>(common_name);
  if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("wsharness"), -1, -1,
                                 0) != 1 ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1) {
    fail("setting the subject name");
  }
  return cert;
}

X509Ptr make_ca_certificate(EVP_PKEY* ca_key) {
  X509Ptr cert = make_unsigned_certificate(ca_key, "wsharness throwaway CA");
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())) != 1) fail("setting the CA issuer");
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert.get(), cert.get(), nullptr, nullptr, 0);
  add_extension(cert.get(), context, NID_basic_constraints, "critical,CA:TRUE");
  add_extension(cert.get(), context, NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(cert.get(), context, NID_subject_key_identifier, "hash");
  if (X509_sign(cert.get(), ca_key, EVP_sha256()) == 0) fail("signing the CA certificate");
  return cert;
}

X509Ptr make_server_certificate(EVP_PKEY* server_key, X509* ca_cert, EVP_PKEY* ca_key) {
  X509Ptr cert = make_unsigned_certificate(server_key, "localhost");
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(ca_cert)) != 1) fail("setting the server issuer");
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, ca_cert, cert.get(), nullptr, nullptr, 0);
  add_extension(cert.get(), context, NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), context, NID_key_usage, "critical,digitalSignature");
  add_extension(cert.get(), context, NID_ext_key_usage, "serverAuth");
  // Subjects are reached by IP (ws://127.0.0.1:PORT) as often as by name;
  // clients check the SAN, not the CN (RFC 6125).
  add_extension(cert.get(), context, NID_subject_alt_name, "IP:127.0.0.1,IP:::1,DNS:localhost");
  add_extension(cert.get(), context, NID_subject_key_identifier, "hash");
  add_extension(cert.get(), context, NID_authority_key_identifier, "keyid:always");
  if (X509_sign(cert.get(), ca_key, EVP_sha256()) == 0) fail("signing the server certificate");
  return cert;
}

// Creates `path` with `mode` (0600 for keys: created private rather than
// chmod-ed after the secret is already on disk) and lets `write` fill it.
void write_pem(const std::filesystem::path& path, mode_t mode, const std::function<int(BIO*)>& write) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0)
    throw NetError(NetErrorKind::Tls, describe_errno(fmt::format("throwaway PKI: open {}", path.string()), errno));
  BioPtr bio(BIO_new_fd(fd, BIO_CLOSE));
  if (!bio) {
    ::close(fd);
    fail(fmt::format("opening {}", path.string()));
  }
  if (write(bio.get()) != 1 || BIO_flush(bio.get()) != 1) fail(fmt::format("writing {}", path.string()));
}

}  // namespace

TlsMaterial make_throwaway_pki(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error)
    throw NetError(NetErrorKind::Tls, fmt::format("throwaway PKI: creating {}: {}", dir.string(), error.message()));

  const PkeyPtr ca_key = make_p256_key();
  const X509Ptr ca_cert = make_ca_certificate(ca_key.get());
  const PkeyPtr server_key = make_p256_key();
  const X509Ptr server_cert = make_server_certificate(server_key.get(), ca_cert.get(), ca_key.get());

  TlsMaterial material{dir / "ca.pem", dir / "server.pem", dir / "server.key"};
  write_pem(material.ca_cert, 0644, [&](BIO* bio) { return PEM_write_bio_X509(bio, ca_cert.get()); });
  write_pem(material.server_cert, 0644, [&](BIO* bio) { return PEM_write_bio_X509(bio, server_cert.get()); });
  write_pem(material.server_key, 0600, [&](BIO* bio) {
    return PEM_write_bio_PrivateKey(bio, server_key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
  return material;
}

ScopedPki::ScopedPki() {
  std::string pattern = (std::filesystem::temp_directory_path() / "wsharness-pki-XXXXXX").string();
  if (!mkdtemp(pattern.data()))
    throw NetError(NetErrorKind::Tls, describe_errno("throwaway PKI: cannot create a temporary directory", errno));
  dir_ = pattern;
  try {
    material_ = make_throwaway_pki(dir_);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    throw;
  }
}

ScopedPki::~ScopedPki() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

}  // namespace wsh::net
