#include "wire/sha1.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace wsh::wire {

Sha1Digest sha1(ByteView bytes) {
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  Sha1Digest digest{};
  unsigned int digest_size = 0;
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha1(), nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest.data(), &digest_size) != 1 || digest_size != digest.size()) {
    throw std::runtime_error("OpenSSL SHA-1 failed");
  }
  return digest;
}

}  // namespace wsh::wire
