#include "client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "connection_registry.hpp"
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

std::string url_text(const WsUrl& url) {
  return std::string(url.secure ? "wss://" : "ws://") + url.host + ":" + std::to_string(url.port) + url.target;
}

// The harness runs on loopback, so resolving is a lookup in /etc/hosts at
// most and is done synchronously, before any thread starts.
std::vector<tcp::endpoint> resolve(net::io_context& io, const WsUrl& url, std::string& problem) {
  tcp::resolver resolver(io);
  error_code error;
  const auto results = resolver.resolve(url.host, std::to_string(url.port), error);
  std::vector<tcp::endpoint> endpoints;
  if (error) {
    problem = "cannot resolve " + url.host + ": " + error.message();
    return endpoints;
  }
  for (const auto& entry : results) endpoints.push_back(entry.endpoint());
  return endpoints;
}

bool has_ended(const ProcessState& state) { return state.connection_finished || state.connect_failure.has_value(); }

}  // namespace

int run_client(const SubjectOptions& options, const TimeoutPolicy& timeouts, ProcessEvents& events) {
  const std::string target = url_text(options.url);
  std::unique_ptr<net::ssl::context> tls;
  if (options.url.secure) {
    try {
      tls = make_client_tls_context(options.tls_ca);
    } catch (const std::exception& error) {
      log_line("cannot connect to " + target + ": " + error.what());
      return 1;
    }
  }

  ConnectionRegistry registry;
  WorkerThreads workers;
  const SessionEnvironment env{timeouts, registry, workers, events};
  net::io_context io;
  std::string problem;
  auto endpoints = resolve(io, options.url, problem);
  if (endpoints.empty()) {
    log_line("cannot connect to " + target + ": " + problem);
    return 1;
  }

  IoThreads io_threads(io, kIoThreadCount);
  connect_client(io, std::move(endpoints), options.url, tls.get(), env);

  auto state = events.wait_until([](const ProcessState& now) { return now.shutdown_requested || has_ended(now); });
  if (!has_ended(state)) {
    // /shutdown or SIGTERM in the client role: close(1001) the one
    // connection, or, if it is still opening, close it as soon as it opens.
    const auto grace = shutdown_grace(timeouts);
    close_all_gracefully(registry, grace);
    state = events.wait_until(has_ended, ProcessEvents::Clock::now() + grace);
  }
  wind_down(workers, io_threads, kWorkerWindDownBound);

  if (state.connect_failure) {
    log_line("cannot connect to " + target + ": " + *state.connect_failure);
    return 1;
  }
  if (!state.connection_opened) {
    log_line("cannot connect to " + target + ": gave up while connecting");
    return 1;
  }
  return 0;
}

}  // namespace wsh::subject::beast_subject
