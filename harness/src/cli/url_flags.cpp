#include "cli/url_flags.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <stdexcept>

#include "engine/url_runner.hpp"

namespace wsh::cli {
namespace {

// The whole check, connection included, answers within this (issue: bad
// input is answered in under 2 s).
constexpr std::chrono::milliseconds kCheckBudget{1500};

}  // namespace

void add_url_flags(CLI::App& command, UrlFlags& flags) {
  auto* url = command.add_option(
      "--url", flags.url,
      "test a running server at ws[s]://HOST:PORT/PATH (black-box mode: nothing is launched, one connection per case, "
      "server role)");
  command.add_option("--agent", flags.agent, "the server's name in the report (with --url; default: url)")->needs(url);
  auto* ca = command.add_option("--tls-ca", flags.tls_ca, "CA certificate (PEM) the wss:// server's chain ends in")
                 ->needs(url);
  command.add_flag("--insecure", flags.insecure, "wss:// without checking the server's certificate")
      ->needs(url)
      ->excludes(ca);
  command
      .add_flag("--speaks-protocol", flags.speaks_protocol,
                "the server runs the subject protocol's chat commands (/close, /quit, ...): run those cases too")
      ->needs(url);
  command.add_flag("--allow-remote", flags.allow_remote, "allow a --url host outside loopback (the report says so)")
      ->needs(url);
  command
      .add_option("--probe-events", flags.probe_events,
                  "the file the server's probe appends to (its WSHARNESS_EVENTS): judge the application from it")
      ->needs(url);
}

std::vector<engine::SubjectSpec> url_subjects(const UrlFlags& flags, engine::RunOptions& options) {
  auto parsed = engine::parse_url_target(flags.url);
  if (auto* problem = std::get_if<std::string>(&parsed)) throw std::invalid_argument(*problem);
  auto target = std::get<engine::UrlTarget>(std::move(parsed));
  target.agent = flags.agent.empty() ? "url" : flags.agent;
  if (target.agent.find_first_of("/\\") != std::string::npos)
    throw std::invalid_argument(fmt::format("--agent {}: a name without '/' or '\\\\'", target.agent));
  if (!flags.tls_ca.empty()) target.tls_ca = flags.tls_ca;
  target.insecure = flags.insecure;
  target.speaks_protocol = flags.speaks_protocol;
  target.allow_remote = flags.allow_remote;
  if (!flags.probe_events.empty()) {
    target.probe_events = std::filesystem::absolute(flags.probe_events);
    if (!std::filesystem::is_directory(target.probe_events->parent_path()))
      throw std::invalid_argument(fmt::format("--probe-events {}: its directory does not exist", flags.probe_events));
  }
  if (auto problem = engine::check_url_target(target, kCheckBudget)) throw std::invalid_argument(*problem);
  options.allow_non_loopback = options.allow_non_loopback || target.allow_remote;
  options.url_targets = {std::move(target)};
  return engine::use_url_targets(options);
}

}  // namespace wsh::cli
