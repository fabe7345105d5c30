// wsharness serve: the harness as a server in Autobahn|Testsuite's
// fuzzingserver URL scheme, for a client under test driven by its own loop
// (README.md, "Test a client, Autobahn's way"). Runs until SIGINT or SIGTERM.

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <optional>
#include <random>

#include "cli/commands.hpp"
#include "cli/interrupt_watcher.hpp"
#include "cli/selection.hpp"
#include "cli/timestamp.hpp"
#include "net/net_error.hpp"
#include "net/tls_material.hpp"
#include "serve/case_server.hpp"

namespace wsh::cli {

CLI::App* add_serve_command(CLI::App& app, ServeArgs& args) {
  auto* command = app.add_subcommand(
      "serve", "play the client-role cases to clients that connect in Autobahn's fuzzingserver URL scheme");
  command->add_option("--port", args.port, "port to listen on (0: any free port, printed)")
      ->check(CLI::Range(0, 65535));
  command->add_option("--listen", args.listen, "address to listen on (default 127.0.0.1)");
  command->add_option("--transport", args.transport, "ws | wss (wss: a throwaway CA, its path printed)")
      ->check(CLI::IsMember({"ws", "wss"}));
  command->add_option("--filter", args.filters, "only result ids matching this glob (repeatable)");
  command->add_option("--report-dir", args.report_dir, "where /updateReports writes index.json, junit.xml, index.html");
  command->add_option("--cases", args.cases_dir, "directory of case files (default: the source tree's cases/)");
  command->add_option("--seed", args.seed, "seed of every random choice (default: random, printed)")
      ->each([&args](const std::string&) { args.seed_given = true; });
  command->add_option("--agent-baseline", args.agent_baselines,
                      "AGENT=FILE: judge that agent's results against a subject baseline (repeatable)");
  command->add_flag("--quiet", args.quiet, "log nothing but errors");
  return command;
}

int run_serve(const ServeArgs& args) {
  std::atomic<bool> stop{false};
  InterruptWatcher interrupts([&stop](int) { stop.store(true); });
  const auto cases_dir = cases_directory(args.cases_dir);
  const auto catalogue = load_cases_or_report(cases_dir);
  if (!catalogue) return kExitUsage;
  const auto transport = args.transport == "wss" ? engine::Transport::Wss : engine::Transport::Ws;
  auto cases = serve::served_cases(*catalogue, args.filters, transport);
  if (cases.empty()) {
    std::fprintf(stderr, "wsharness serve: the selection is empty: no client-role case matches %s\n",
                 args.filters.empty() ? "the catalogue"
                                      : fmt::format("--filter {}", fmt::join(args.filters, " --filter ")).c_str());
    return kExitUsage;
  }

  std::optional<net::ScopedPki> pki;
  serve::ServeOptions options;
  options.listen =
      net::Endpoint{args.listen.empty() ? "127.0.0.1" : args.listen, static_cast<std::uint16_t>(args.port)};
  // Naming an address with --listen is the opt-in to leave loopback.
  options.allow_non_loopback = !args.listen.empty();
  options.transport = transport;
  options.report_dir = args.report_dir;
  options.seed = args.seed_given ? args.seed : std::random_device{}();
  options.harness_version = WSH_VERSION;
  options.started = iso8601_now();
  options.command_line = args.command_line;
  for (const auto& pair : args.agent_baselines) {
    const auto equals = pair.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == pair.size()) {
      std::fprintf(stderr, "wsharness serve: --agent-baseline '%s': expected AGENT=FILE\n", pair.c_str());
      return kExitUsage;
    }
    const std::filesystem::path file = pair.substr(equals + 1);
    if (!std::filesystem::exists(file)) {
      std::fprintf(stderr, "wsharness serve: --agent-baseline %s: no such file\n", file.c_str());
      return kExitUsage;
    }
    auto baseline = cases::load_baseline(file, cases_dir.parent_path());
    if (!baseline.errors.empty()) {
      for (const auto& error : baseline.errors) std::fprintf(stderr, "%s\n", error.to_string().c_str());
      return kExitUsage;
    }
    options.agent_baselines[pair.substr(0, equals)] = std::move(baseline);
  }
  try {
    if (transport == engine::Transport::Wss) {
      pki.emplace();
      options.tls = &pki->material();
    }
  } catch (const net::NetError& error) {
    std::fprintf(stderr, "wsharness serve: cannot make the TLS certificates: %s\n", error.what());
    return kExitUsage;
  }

  const bool quiet = args.quiet;
  serve::CaseServer server(std::move(cases), options, [quiet](const std::string& line) {
    if (!quiet) std::fprintf(stderr, "wsharness serve: %s\n", line.c_str());
  });
  std::uint16_t port = 0;
  try {
    port = server.listen();
  } catch (const net::NetError& error) {
    std::fprintf(stderr, "wsharness serve: cannot listen on %s:%d: %s\n", options.listen.host.c_str(), args.port,
                 error.what());
    return kExitUsage;
  }
  // The one line a script waits for: where to connect, how many cases.
  std::fprintf(stderr, "wsharness serve: listening on %s://%s:%u/ with %zu case(s), seed %llu\n",
               engine::transport_name(transport).data(), options.listen.host.c_str(), static_cast<unsigned>(port),
               serve::served_cases(*catalogue, args.filters, transport).size(),
               static_cast<unsigned long long>(options.seed));
  if (options.tls) std::fprintf(stderr, "wsharness serve: clients trust the CA in %s\n", options.tls->ca_cert.c_str());
  std::fflush(stderr);

  server.run(stop);
  // Results no /updateReports has written yet are written now, marked incomplete.
  if (const auto unreported = server.unreported(); unreported > 0) {
    std::string error;
    if (!server.write_report(error, "serve stopped by a signal before /updateReports")) {
      std::fprintf(stderr, "wsharness serve: cannot write the report: %s\n", error.c_str());
      return kExitUsage;
    }
    std::fprintf(stderr,
                 "wsharness serve: stopped; the report in %s now holds %zu result(s) no /updateReports "
                 "had written (marked incomplete)\n",
                 args.report_dir.c_str(), unreported);
  }
  (void)interrupts;
  return kExitOk;
}

}  // namespace wsh::cli
