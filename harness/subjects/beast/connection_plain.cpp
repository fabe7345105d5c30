// Connection<Stream> for ws://: Beast's websocket::stream over plain TCP.

#include "beast_connection.hpp"
#include "stream_sessions.hpp"

namespace wsh::subject::beast_subject {

using tcp = boost::asio::ip::tcp;

void serve_plain(tcp::socket socket, ConnId id, const SessionEnvironment& env) {
  detail::make_connection<detail::PlainStream>(std::move(socket), nullptr, Role::Server, std::move(id), env)->serve();
}

void connect_plain(tcp::socket socket, std::vector<tcp::endpoint> endpoints, const WsUrl& url, ConnId id,
                   const SessionEnvironment& env) {
  detail::make_connection<detail::PlainStream>(std::move(socket), nullptr, Role::Client, std::move(id), env)
      ->connect(std::move(endpoints), url);
}

}  // namespace wsh::subject::beast_subject
