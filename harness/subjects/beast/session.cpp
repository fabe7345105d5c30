#include "session.hpp"

#include <boost/asio/strand.hpp>
#include <string>
#include <utility>

#include "error_text.hpp"
#include "stderr_log.hpp"
#include "stream_sessions.hpp"

namespace wsh::subject::beast_subject {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using boost::system::error_code;

void serve_connection(tcp::socket socket, ssl::context* tls, const SessionEnvironment& env) {
  error_code error;
  const auto peer = socket.remote_endpoint(error);
  if (error) {
    // The peer reset before we looked: there is no connection to report.
    log_line("accepted connection lost before it started: " + describe(error));
    return;
  }
  ConnId id = std::to_string(peer.port());
  if (tls) {
    serve_tls(std::move(socket), *tls, std::move(id), env);
  } else {
    serve_plain(std::move(socket), std::move(id), env);
  }
}

void connect_client(net::io_context& io, std::vector<tcp::endpoint> endpoints, const WsUrl& url, ssl::context* tls,
                    const SessionEnvironment& env) {
  tcp::socket socket(net::make_strand(io));
  // The client's conn is the server's port: the peer as the client sees it.
  ConnId id = std::to_string(url.port);
  if (tls) {
    connect_tls(std::move(socket), std::move(endpoints), url, *tls, std::move(id), env);
  } else {
    connect_plain(std::move(socket), std::move(endpoints), url, std::move(id), env);
  }
}

}  // namespace wsh::subject::beast_subject
