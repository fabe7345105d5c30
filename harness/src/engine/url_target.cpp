#include "engine/url_target.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

namespace wsh::engine {
namespace {

bool is_ipv4(const std::string& host) {
  in_addr address{};
  return inet_pton(AF_INET, host.c_str(), &address) == 1;
}

bool is_ipv6(const std::string& host) {
  in6_addr address{};
  return inet_pton(AF_INET6, host.c_str(), &address) == 1;
}

}  // namespace

std::string UrlTarget::authority() const {
  return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port) : fmt::format("{}:{}", host, port);
}

std::variant<UrlTarget, std::string> parse_url_target(const std::string& url) {
  const auto bad = [&](const std::string& why) { return fmt::format("--url {}: {}", url, why); };
  UrlTarget target;
  target.url = url;
  std::string rest;
  if (url.rfind("ws://", 0) == 0) {
    rest = url.substr(5);
  } else if (url.rfind("wss://", 0) == 0) {
    target.tls = true;
    rest = url.substr(6);
  } else {
    return bad("not a WebSocket URL: it must start with ws:// or wss://");
  }
  const auto path_at = rest.find_first_of("/?#");
  std::string authority = rest.substr(0, path_at);
  if (path_at != std::string::npos) {
    if (rest[path_at] == '#') return bad("a fragment (#...) has no meaning in a WebSocket URL (RFC 6455 §3)");
    target.target = rest[path_at] == '?' ? "/" + rest.substr(path_at) : rest.substr(path_at);
    if (target.target.find('#') != std::string::npos)
      return bad("a fragment (#...) has no meaning in a WebSocket URL (RFC 6455 §3)");
  }
  for (const char c : target.target)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return bad("the path holds a space or a control character");
  if (authority.find('@') != std::string::npos) return bad("user information (user@host) is not supported");
  std::string port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string::npos) return bad("an IPv6 host needs its closing ']'");
    target.host = authority.substr(1, close - 1);
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("expected ':PORT' after the IPv6 host");
      port_text = after.substr(1);
    }
    if (!is_ipv6(target.host)) return bad(fmt::format("'{}' is not an IPv6 address", target.host));
  } else {
    const auto colon = authority.rfind(':');
    target.host = authority.substr(0, colon);
    if (colon != std::string::npos) port_text = authority.substr(colon + 1);
    if (target.host.empty()) return bad("no host");
    if (target.host != "localhost" && !is_ipv4(target.host))
      return bad(
          fmt::format("host '{}' is not an IP address or localhost: wsharness does not resolve names", target.host));
  }
  if (port_text.empty()) {
    if (authority.back() == ':') return bad("':' with no port after it");
    target.port = target.tls ? 443 : 80;
  } else {
    if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos)
      return bad(fmt::format("port '{}' is not a number", port_text));
    const int port = std::stoi(port_text);
    if (port < 1 || port > 65535) return bad(fmt::format("port {} is outside 1-65535", port));
    target.port = static_cast<std::uint16_t>(port);
  }
  return target;
}

}  // namespace wsh::engine
