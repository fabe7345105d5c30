#include "server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <exception>
#include <memory>
#include <string>

#include "connection_registry.hpp"
#include "event_sink.hpp"
#include "graceful_shutdown.hpp"
#include "io_threads.hpp"
#include "session.hpp"
#include "stderr_log.hpp"
#include "tls_context.hpp"
#include "worker_threads.hpp"

namespace wsh::subject::beast_subject {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using boost::system::error_code;

// Binds the loopback address only, never 0.0.0.0 (PROTOCOL.md). An error names
// the step and the address, since it is what the harness shows.
bool listen_on_loopback(tcp::acceptor& acceptor, std::uint16_t port, std::string& problem) {
  const tcp::endpoint endpoint(net::ip::address_v4::loopback(), port);
  error_code error;
  const auto step = [&](const char* what) {
    if (!error) return false;
    problem = std::string("cannot ") + what + " 127.0.0.1:" + std::to_string(port) + ": " + error.message();
    return true;
  };
  acceptor.open(endpoint.protocol(), error);
  if (step("open a socket for")) return false;
  // A quick restart must not fail on the previous run's TIME_WAIT sockets.
  acceptor.set_option(net::socket_base::reuse_address(true), error);
  if (step("set SO_REUSEADDR on")) return false;
  acceptor.bind(endpoint, error);
  if (step("bind")) return false;
  acceptor.listen(net::socket_base::max_listen_connections, error);
  if (step("listen on")) return false;
  return true;
}

// Accepts forever, each connection on a strand of its own, until the
// acceptor is closed.
void accept_next(tcp::acceptor& acceptor, net::io_context& io, net::ssl::context* tls, const SessionEnvironment& env) {
  acceptor.async_accept(net::make_strand(io), [&acceptor, &io, tls, &env](const error_code& error, tcp::socket socket) {
    if (error == net::error::operation_aborted || !acceptor.is_open()) return;
    if (error) {
      log_line("accept failed: " + error.message());
    } else {
      serve_connection(std::move(socket), tls, env);
    }
    accept_next(acceptor, io, tls, env);
  });
}

}  // namespace

int run_server(const SubjectOptions& options, const TimeoutPolicy& timeouts, ProcessEvents& events) {
  std::unique_ptr<net::ssl::context> tls;
  if (options.tls()) {
    try {
      tls = make_server_tls_context(options.tls_cert, options.tls_key);
    } catch (const std::exception& error) {
      log_line(error.what());
      emit_error(error.what());
      return 1;
    }
  }

  ConnectionRegistry registry;
  WorkerThreads workers;
  const SessionEnvironment env{timeouts, registry, workers, events};
  net::io_context io;
  tcp::acceptor acceptor(net::make_strand(io));
  std::string problem;
  if (!listen_on_loopback(acceptor, options.port, problem)) {
    log_line(problem);
    emit_error(problem);
    return 1;
  }
  emit_ready(acceptor.local_endpoint().port());

  IoThreads io_threads(io, kIoThreadCount);
  net::post(acceptor.get_executor(), [&] { accept_next(acceptor, io, tls.get(), env); });

  events.wait_until([](const ProcessState& state) { return state.shutdown_requested; });
  net::post(acceptor.get_executor(), [&acceptor] {
    error_code ignored;
    acceptor.close(ignored);
  });
  close_all_gracefully(registry, shutdown_grace(timeouts));
  wind_down(workers, io_threads, kWorkerWindDownBound);
  return 0;
}

}  // namespace wsh::subject::beast_subject
