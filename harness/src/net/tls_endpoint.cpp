#include "net/tls_endpoint.hpp"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <array>

#include <fmt/format.h>

#include "net/net_error.hpp"
#include "net/openssl_support.hpp"

namespace wsh::net {

using namespace openssl;

struct TlsEndpoint::State {
  State(SSL_CTX* context, bool is_client);

  SslPtr ssl;
  BIO* ciphertext_in = nullptr;   // owned by `ssl`
  BIO* ciphertext_out = nullptr;  // owned by `ssl`
  bool client = false;
};

namespace {

[[noreturn]] void fail_setup(const std::string& what) {
  throw NetError(NetErrorKind::Tls, fmt::format("TLS set-up: {}: {}", what, drain_errors()));
}

bool is_ip_literal(const std::string& name) {
  std::array<unsigned char, sizeof(in6_addr)> scratch{};
  return inet_pton(AF_INET, name.c_str(), scratch.data()) == 1 ||
         inet_pton(AF_INET6, name.c_str(), scratch.data()) == 1;
}

// Why the last SSL call failed, with the verify result when the peer's
// certificate was the reason ("certificate verify failed" alone does not say
// whether the name or the issuer was wrong).
std::string failure_reason(SSL* ssl, int ssl_error) {
  std::string reason =
      ssl_error == SSL_ERROR_SYSCALL ? std::string("unexpected end of the TLS stream") : drain_errors();
  const long verify = SSL_get_verify_result(ssl);
  if (verify != X509_V_OK) reason += fmt::format(" (certificate: {})", X509_verify_cert_error_string(verify));
  return reason;
}

// SSL_set_tlsext_host_name without its macro's C-style cast.
bool set_sni(SSL* ssl, const std::string& name) {
  return SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(name.c_str())) == 1;
}

}  // namespace

// Wraps `context` in an SSL whose transport is a pair of memory BIOs. An
// empty memory BIO reports "retry" rather than EOF (eof_return -1), so
// OpenSSL says WANT_READ and the caller decides what the TCP stream did.
TlsEndpoint::State::State(SSL_CTX* context, bool is_client) : ssl(SSL_new(context)), client(is_client) {
  // SSL_new takes its own reference to the context.
  if (!ssl) fail_setup("SSL_new");
  BioPtr in(BIO_new(BIO_s_mem()));
  BioPtr out(BIO_new(BIO_s_mem()));
  if (!in || !out) fail_setup("BIO_new");
  BIO_set_mem_eof_return(in.get(), -1);
  BIO_set_mem_eof_return(out.get(), -1);
  ciphertext_in = in.release();
  ciphertext_out = out.release();
  SSL_set_bio(ssl.get(), ciphertext_in, ciphertext_out);
}

TlsEndpoint::TlsEndpoint(std::unique_ptr<State> state) : state_(std::move(state)) {}
TlsEndpoint::~TlsEndpoint() = default;
TlsEndpoint::TlsEndpoint(TlsEndpoint&&) noexcept = default;
TlsEndpoint& TlsEndpoint::operator=(TlsEndpoint&&) noexcept = default;

TlsEndpoint TlsEndpoint::client(const std::filesystem::path& ca_cert, const std::string& server_name) {
  ERR_clear_error();
  SslCtxPtr context(SSL_CTX_new(TLS_client_method()));
  if (!context) fail_setup("SSL_CTX_new");
  if (SSL_CTX_load_verify_locations(context.get(), ca_cert.c_str(), nullptr) != 1) {
    fail_setup(fmt::format("loading CA certificate {}", ca_cert.string()));
  }
  SSL_CTX_set_verify(context.get(), SSL_VERIFY_PEER, nullptr);

  auto state = std::make_unique<State>(context.get(), true);
  SSL* ssl = state->ssl.get();
  if (!server_name.empty()) {
    if (is_ip_literal(server_name)) {
      if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), server_name.c_str()) != 1) {
        fail_setup(fmt::format("expecting IP {}", server_name));
      }
    } else if (!set_sni(ssl, server_name) || SSL_set1_host(ssl, server_name.c_str()) != 1) {
      fail_setup(fmt::format("expecting host {}", server_name));
    }
  }
  SSL_set_connect_state(ssl);
  return TlsEndpoint(std::move(state));
}

TlsEndpoint TlsEndpoint::insecure_client(const std::string& server_name) {
  ERR_clear_error();
  SslCtxPtr context(SSL_CTX_new(TLS_client_method()));
  if (!context) fail_setup("SSL_CTX_new");
  SSL_CTX_set_verify(context.get(), SSL_VERIFY_NONE, nullptr);
  auto state = std::make_unique<State>(context.get(), true);
  SSL* ssl = state->ssl.get();
  if (!server_name.empty() && !is_ip_literal(server_name) && !set_sni(ssl, server_name)) {
    fail_setup(fmt::format("sending SNI {}", server_name));
  }
  SSL_set_connect_state(ssl);
  return TlsEndpoint(std::move(state));
}

TlsEndpoint TlsEndpoint::server(const std::filesystem::path& cert, const std::filesystem::path& key) {
  ERR_clear_error();
  SslCtxPtr context(SSL_CTX_new(TLS_server_method()));
  if (!context) fail_setup("SSL_CTX_new");
  if (SSL_CTX_use_certificate_chain_file(context.get(), cert.c_str()) != 1) {
    fail_setup(fmt::format("loading certificate {}", cert.string()));
  }
  if (SSL_CTX_use_PrivateKey_file(context.get(), key.c_str(), SSL_FILETYPE_PEM) != 1) {
    fail_setup(fmt::format("loading key {}", key.string()));
  }
  if (SSL_CTX_check_private_key(context.get()) != 1) {
    fail_setup(fmt::format("key {} does not match certificate {}", key.string(), cert.string()));
  }
  auto state = std::make_unique<State>(context.get(), false);
  SSL_set_accept_state(state->ssl.get());
  return TlsEndpoint(std::move(state));
}

bool TlsEndpoint::is_client() const { return state_->client; }

void TlsEndpoint::feed_ciphertext(ByteView ciphertext) {
  std::size_t offset = 0;
  while (offset < ciphertext.size()) {
    std::size_t written = 0;
    // A memory BIO grows as needed; a failure here means memory exhaustion.
    if (BIO_write_ex(state_->ciphertext_in, ciphertext.data() + offset, ciphertext.size() - offset, &written) != 1) {
      throw NetError(NetErrorKind::Tls, "TLS: buffering received ciphertext: " + drain_errors());
    }
    offset += written;
  }
}

Bytes TlsEndpoint::take_ciphertext() {
  Bytes out(BIO_ctrl_pending(state_->ciphertext_out));
  std::size_t taken = 0;
  if (!out.empty() && BIO_read_ex(state_->ciphertext_out, out.data(), out.size(), &taken) != 1) taken = 0;
  out.resize(taken);
  return out;
}

bool TlsEndpoint::has_ciphertext() const { return BIO_ctrl_pending(state_->ciphertext_out) > 0; }

HandshakeStep TlsEndpoint::handshake_step() {
  ERR_clear_error();
  SSL* ssl = state_->ssl.get();
  const int result = SSL_do_handshake(ssl);
  if (result == 1) return {HandshakeStatus::Done, {}};
  const int error = SSL_get_error(ssl, result);
  if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) return {HandshakeStatus::NeedMore, {}};
  return {HandshakeStatus::Failed, failure_reason(ssl, error)};
}

bool TlsEndpoint::handshake_done() const { return SSL_is_init_finished(state_->ssl.get()) == 1; }

TlsWrite TlsEndpoint::write_plaintext(ByteView plaintext) {
  if (plaintext.empty()) return {true, {}};
  ERR_clear_error();
  SSL* ssl = state_->ssl.get();
  std::size_t written = 0;
  // Without SSL_MODE_ENABLE_PARTIAL_WRITE, success means every byte was
  // encrypted; the memory BIO never pushes back.
  if (SSL_write_ex(ssl, plaintext.data(), plaintext.size(), &written) == 1) return {true, {}};
  const int error = SSL_get_error(ssl, 0);
  return {false, failure_reason(ssl, error)};
}

TlsRead TlsEndpoint::read_plaintext(Bytes& out) {
  ERR_clear_error();
  SSL* ssl = state_->ssl.get();
  bool appended = false;
  std::array<std::uint8_t, 16 * 1024> chunk{};
  for (;;) {
    std::size_t got = 0;
    if (SSL_read_ex(ssl, chunk.data(), chunk.size(), &got) == 1) {
      out.insert(out.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(got));
      appended = true;
      continue;
    }
    const int error = SSL_get_error(ssl, 0);
    // Plaintext already decrypted is reported first; the condition that
    // stopped this read (close_notify, a bad record) recurs on the next call.
    if (appended) return {TlsReadStatus::Data, {}};
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) return {TlsReadStatus::WantMore, {}};
    if (error == SSL_ERROR_ZERO_RETURN) return {TlsReadStatus::CloseNotify, {}};
    return {TlsReadStatus::Failed, failure_reason(ssl, error)};
  }
}

void TlsEndpoint::send_close_notify() {
  ERR_clear_error();
  // The first SSL_shutdown queues close_notify and returns 0 (the peer's has
  // not been seen); the caller waits for the peer's through read_plaintext.
  SSL_shutdown(state_->ssl.get());
  ERR_clear_error();
}

bool TlsEndpoint::close_notify_received() const {
  return (SSL_get_shutdown(state_->ssl.get()) & SSL_RECEIVED_SHUTDOWN) != 0;
}

std::string TlsEndpoint::protocol_version() const { return SSL_get_version(state_->ssl.get()); }

}  // namespace wsh::net
