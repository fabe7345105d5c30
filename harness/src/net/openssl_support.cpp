#include "net/openssl_support.hpp"

#include <openssl/err.h>

namespace wsh::net::openssl {

std::string drain_errors() {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    char line[256];
    ERR_error_string_n(code, line, sizeof line);
    if (!text.empty()) text += "; ";
    text += line;
  }
  return text.empty() ? "no OpenSSL error queued" : text;
}

}  // namespace wsh::net::openssl
