// Connection<Stream> for wss://: Beast's websocket::stream over an SSL stream.

#include "beast_connection.hpp"
#include "stream_sessions.hpp"

namespace wsh::subject::beast_subject {

using tcp = boost::asio::ip::tcp;
namespace ssl = boost::asio::ssl;

void serve_tls(tcp::socket socket, ssl::context& tls, ConnId id, const SessionEnvironment& env) {
  detail::make_connection<detail::TlsStream>(std::move(socket), &tls, Role::Server, std::move(id), env)->serve();
}

void connect_tls(tcp::socket socket, std::vector<tcp::endpoint> endpoints, const WsUrl& url, ssl::context& tls,
                 ConnId id, const SessionEnvironment& env) {
  detail::make_connection<detail::TlsStream>(std::move(socket), &tls, Role::Client, std::move(id), env)
      ->connect(std::move(endpoints), url);
}

}  // namespace wsh::subject::beast_subject
