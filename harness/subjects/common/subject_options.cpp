#include "subject_options.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdlib>
#include <string_view>

namespace wsh::subject {

std::optional<WsUrl> parse_ws_url(const std::string& text) {
  WsUrl url;
  std::string_view rest = text;
  if (rest.starts_with("ws://")) {
    rest.remove_prefix(5);
  } else if (rest.starts_with("wss://")) {
    url.secure = true;
    rest.remove_prefix(6);
  } else {
    return std::nullopt;
  }
  const auto slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  url.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));

  // [::1]:port or host:port
  std::string_view host, port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || close + 1 >= authority.size() || authority[close + 1] != ':')
      return std::nullopt;
    host = authority.substr(1, close - 1);
    port = authority.substr(close + 2);
  } else {
    const auto colon = authority.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  unsigned value = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (host.empty() || error != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535)
    return std::nullopt;
  url.host = std::string(host);
  url.port = static_cast<std::uint16_t>(value);
  return url;
}

SubjectOptions parse_subject_options(int argc, char** argv, const std::string& description,
                                     const std::vector<ExtraListFlag>& extras) {
  SubjectOptions options;
  CLI::App app{description};
  app.require_subcommand(1, 1);

  auto* server = app.add_subcommand("server", "accept WebSocket connections");
  server->add_option("--port", options.port, "port to listen on (0: any free port)");
  server->add_option("--tls-cert", options.tls_cert, "PEM certificate (serves wss://)")->check(CLI::ExistingFile);
  server->add_option("--tls-key", options.tls_key, "PEM private key")->check(CLI::ExistingFile);

  std::string url_text;
  auto* client = app.add_subcommand("client", "connect to a WebSocket server");
  client->add_option("--url", url_text, "ws://127.0.0.1:PORT/PATH or wss://...")->required();
  client->add_option("--tls-ca", options.tls_ca, "PEM CA certificate for wss://")->check(CLI::ExistingFile);

  for (auto* role : {server, client}) {
    role->add_option("--close-timeout-ms", options.close_timeout_ms, "close handshake timeout")
        ->check(CLI::NonNegativeNumber);
    role->add_option("--read-timeout-ms", options.read_timeout_ms, "idle read timeout")->check(CLI::NonNegativeNumber);
    role->add_option("--ping-interval-ms", options.ping_interval_ms, "heartbeat interval (0: off)")
        ->check(CLI::NonNegativeNumber);
  }
  for (const auto& extra : extras) app.add_option(extra.name, *extra.values, extra.help);
  if (!extras.empty())
    for (auto* role : {server, client}) role->fallthrough();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    std::exit(app.exit(error));
  }

  if (client->parsed()) {
    options.role = Role::Client;
    auto url = parse_ws_url(url_text);
    if (!url) {
      std::fprintf(stderr, "--url: '%s' is not a ws:// or wss:// URL with host and port\n", url_text.c_str());
      std::exit(2);
    }
    options.url = *url;
  } else if (options.tls_cert.empty() != options.tls_key.empty()) {
    std::fprintf(stderr, "--tls-cert and --tls-key go together\n");
    std::exit(2);
  }
  return options;
}

}  // namespace wsh::subject
