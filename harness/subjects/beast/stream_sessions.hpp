#pragma once
// One connection of each stream type, started: serve_connection() and
// connect_client() (session.hpp) pick one. The plain and the TLS variants live
// in separate translation units (connection_plain.cpp, connection_tls.cpp) so
// that Beast's two heaviest instantiations compile in parallel.

#include <boost/asio/ip/tcp.hpp>
#include <vector>

#include "event_sink.hpp"
#include "session.hpp"

namespace wsh::subject::beast_subject {

void serve_plain(boost::asio::ip::tcp::socket socket, ConnId id, const SessionEnvironment& env);
void serve_tls(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls, ConnId id,
               const SessionEnvironment& env);

void connect_plain(boost::asio::ip::tcp::socket socket, std::vector<boost::asio::ip::tcp::endpoint> endpoints,
                   const WsUrl& url, ConnId id, const SessionEnvironment& env);
void connect_tls(boost::asio::ip::tcp::socket socket, std::vector<boost::asio::ip::tcp::endpoint> endpoints,
                 const WsUrl& url, boost::asio::ssl::context& tls, ConnId id, const SessionEnvironment& env);

}  // namespace wsh::subject::beast_subject
