#pragma once
// The OpenSSL contexts of the wss:// roles. Both throw std::runtime_error with
// the file and OpenSSL's reason when a file cannot be used, so start-up
// problems reach the harness as an error event plus stderr.

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

namespace wsh::subject::beast_subject {

// Server: presents --tls-cert (a PEM chain) with --tls-key.
std::unique_ptr<boost::asio::ssl::context> make_server_tls_context(const std::string& cert_file,
                                                                   const std::string& key_file);

// Client: verifies the server against --tls-ca, or against the system's
// default trust store when no CA file is given. The host name check is set per
// connection (it depends on the URL).
std::unique_ptr<boost::asio::ssl::context> make_client_tls_context(const std::string& ca_file);

}  // namespace wsh::subject::beast_subject
