#include "tls_context.hpp"

#include <boost/system/system_error.hpp>
#include <stdexcept>

namespace wsh::subject::beast_subject {
namespace {

namespace ssl = boost::asio::ssl;

[[noreturn]] void fail(const std::string& what, const std::string& file, const boost::system::error_code& error) {
  throw std::runtime_error(what + " '" + file + "': " + error.message());
}

}  // namespace

std::unique_ptr<ssl::context> make_server_tls_context(const std::string& cert_file, const std::string& key_file) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3);
  boost::system::error_code error;
  context->use_certificate_chain_file(cert_file, error);
  if (error) fail("--tls-cert", cert_file, error);
  context->use_private_key_file(key_file, ssl::context::pem, error);
  if (error) fail("--tls-key", key_file, error);
  return context;
}

std::unique_ptr<ssl::context> make_client_tls_context(const std::string& ca_file) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3);
  boost::system::error_code error;
  if (ca_file.empty()) {
    context->set_default_verify_paths(error);
    if (error) fail("default CA paths", "", error);
  } else {
    context->load_verify_file(ca_file, error);
    if (error) fail("--tls-ca", ca_file, error);
  }
  context->set_verify_mode(ssl::verify_peer);
  return context;
}

}  // namespace wsh::subject::beast_subject
