#include "serve/case_server.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <thread>

#include "cases/baseline.hpp"
#include "cases/version_range.hpp"
#include "engine/connection_channel.hpp"
#include "net/net_error.hpp"
#include "report/json_report.hpp"
#include "report/report_directory.hpp"
#include "serve/autobahn_request.hpp"
#include "serve/prefixed_channel.hpp"
#include "serve/served_case.hpp"
#include "wire/close_payload.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/frame_encoder.hpp"
#include "wire/handshake.hpp"
#include "wire/http_message.hpp"

namespace wsh::serve {
namespace {

using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

// A client has this long to finish TLS and send its HTTP request; a short
// answer (count, info, status, report) this long to answer our close.
constexpr Millis kRequestDeadline{5000};
constexpr Millis kCloseReplyDeadline{2000};
// An HTTP head larger than this is refused: no Autobahn driver sends one.
constexpr std::size_t kMaxHead = 16 * 1024;
// Connections answered at once; more get 503 (the drivers run one at a time).
constexpr std::size_t kMaxConnections = 32;
constexpr Millis kAcceptSlice{200};
// How long /updateReports waits for cases still being judged.
constexpr Millis kRecordDeadline{10000};

// Bytes from a client, shown in a log line: printable ASCII as is, the rest
// as \xNN, at most 200 characters.
std::string escaped(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 200)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f && c != '\\') out += c;
    else out += fmt::format("\\x{:02x}", byte);
  }
  if (text.size() > 200) out += "...";
  return out;
}

std::string http_refusal(int status, std::string_view reason, const std::string& body) {
  return fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n"
      "Connection: close\r\n\r\n{}",
      status, reason, body.size() + 1, body + "\n");
}

bool write_text(peer::PeerChannel& channel, std::string_view text, Clock::time_point deadline) {
  return channel.write(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), deadline);
}

// A short answer on an accepted WebSocket: one text message (if any), then
// the closing handshake, server side (§7.1.1: the server closes TCP first,
// once the client's close has arrived or its deadline passed).
void answer_and_close(peer::PeerChannel& channel, const std::optional<std::string>& message, wire::CloseCode code,
                      std::string_view reason) {
  const auto deadline = Clock::now() + kCloseReplyDeadline;
  if (message) channel.write(wire::encode_frame(wire::Opcode::Text, wire::to_bytes(*message)), deadline);
  channel.write(wire::encode_frame(wire::Opcode::Close, wire::build_close_payload(code, reason)), deadline);
  // Whatever the client sends now (perhaps an echo) is read and dropped
  // until its close frame arrives, it closes, or the deadline passes. The
  // client waits for the server to close TCP first, so waiting for the
  // client to close would cost every connection the whole deadline.
  wire::FrameDecoder decoder({.role = wire::Role::Server, .structure_only = true});
  std::vector<wire::Frame> frames;
  while (true) {
    const auto read = channel.read(deadline);
    if (read.status != peer::ChannelStatus::Data || !decoder.feed(read.data, frames)) break;
    if (std::ranges::any_of(frames, [](const wire::Frame& frame) {
          return frame.opcode == static_cast<std::uint8_t>(wire::Opcode::Close);
        }))
      break;
    frames.clear();
  }
  channel.close();
}

// The result's expectation from the agent's baseline entry, if any, and
// the outcome that makes (as engine/executor.cpp does for a subject).
void judge_against(engine::CaseResult& result, const cases::Baseline* baseline) {
  // The agent's name may carry its version (beast@1.81.0), as a subject's
  // does, for entries that hold for some releases only.
  const auto* entry =
      baseline ? baseline->find(result.id, cases::role_name(result.role), engine::transport_name(result.transport),
                                cases::subject_version(result.subject))
               : nullptr;
  if (entry) {
    result.expected.verdicts.clear();
    for (const auto& name : entry->verdicts) result.expected.verdicts.push_back(*oracles::parse_verdict(name));
    result.expected.intermittent = entry->intermittent;
    result.expected.rate = entry->rate;
    result.expected_reason = entry->reason;
    result.expected_link = entry->link;
    result.expected_where = entry->where.to_string();
  }
  result.outcome = oracles::judge_outcome(result.verdict, result.expected, true);
}

}  // namespace

std::vector<const cases::CaseInstance*> served_cases(const cases::Catalogue& catalogue,
                                                     const std::vector<std::string>& filters,
                                                     engine::Transport transport) {
  std::vector<const cases::CaseInstance*> served;
  const auto transport_text = engine::transport_name(transport);
  for (const auto& instance : catalogue.cases) {
    if (std::find(instance.roles.begin(), instance.roles.end(), cases::Role::Client) == instance.roles.end()) continue;
    if (instance.fleet) continue;
    if (std::find(instance.transports.begin(), instance.transports.end(), transport_text) == instance.transports.end())
      continue;
    if (!filters.empty() && std::none_of(filters.begin(), filters.end(), [&](const std::string& glob) {
          return cases::glob_match(glob, instance.result_id);
        }))
      continue;
    served.push_back(&instance);
  }
  return served;
}

std::string_view autobahn_behavior(oracles::Verdict verdict) {
  switch (verdict) {
    case oracles::Verdict::Pass: return "OK";
    case oracles::Verdict::NonStrict: return "NON-STRICT";
    case oracles::Verdict::Informational: return "INFORMATIONAL";
    case oracles::Verdict::Skip: return "UNIMPLEMENTED";
    default: return "FAILED";
  }
}

CaseServer::CaseServer(std::vector<const cases::CaseInstance*> cases, ServeOptions options,
                       std::function<void(const std::string&)> log)
    : cases_(std::move(cases)), options_(std::move(options)), log_(std::move(log)), started_at_(Clock::now()) {}

CaseServer::~CaseServer() = default;

std::uint16_t CaseServer::listen() {
  net::AddressPolicy policy;
  policy.allow_non_loopback = options_.allow_non_loopback;
  listener_ = net::TcpListener::listen(options_.listen, policy);
  return listener_.port();
}

void CaseServer::run(const std::atomic<bool>& stop) {
  struct Worker {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::vector<Worker> workers;
  std::uint64_t connection_number = 0;
  const auto reap = [&workers](bool all) {
    for (auto it = workers.begin(); it != workers.end();) {
      if (all || it->done->load()) {
        it->thread.join();
        it = workers.erase(it);
      } else {
        ++it;
      }
    }
  };
  while (!stop.load()) {
    reap(false);
    std::optional<net::TcpSocket> socket;
    try {
      socket = listener_.accept(Clock::now() + kAcceptSlice);
    } catch (const net::NetError& error) {
      if (error.kind() == net::NetErrorKind::Timeout) continue;
      log_(fmt::format("accept failed: {}", error.what()));
      std::this_thread::sleep_for(kAcceptSlice);
      continue;
    }
    ++connection_number;
    if (workers.size() >= kMaxConnections) {
      const auto refusal = http_refusal(503, "Service Unavailable", "wsharness serve: too many connections at once");
      socket->write_all(wire::to_bytes(refusal), Clock::now() + kCloseReplyDeadline);
      log_(fmt::format("connection {}: refused, {} connections are open", connection_number, workers.size()));
      continue;
    }
    auto done = std::make_shared<std::atomic<bool>>(false);
    workers.push_back({std::thread([this, done, number = connection_number, s = std::move(*socket)]() mutable {
                         handle(std::move(s), number);
                         done->store(true);
                       }),
                       done});
  }
  listener_.close();
  reap(true);
}

const engine::SubjectSpec& CaseServer::agent_spec(const std::string& agent) {
  auto [it, added] = agents_.try_emplace(agent);
  if (added) {
    it->second.name = agent;
    it->second.impl = agent;
    it->second.roles = {"client"};
    it->second.argv = {"(a client connected to wsharness serve as agent " + agent + ")"};
  }
  return it->second;
}

void CaseServer::handle(net::TcpSocket socket, std::uint64_t number) {
  const auto start = Clock::now();
  const auto request_deadline = start + kRequestDeadline;
  const std::string who = fmt::format("connection {}", number);
  std::mt19937_64 random(options_.seed ^ number);
  try {
    std::optional<net::TlsEndpoint> tls;
    if (options_.transport == engine::Transport::Wss)
      tls = net::TlsEndpoint::server(options_.tls->server_cert, options_.tls->server_key);
    faults::FaultedConnection faulted(net::Connection(std::move(socket), std::move(tls)), random);
    engine::ConnectionChannel channel(faulted);
    const auto tls_handshake = faulted.connection().handshake(request_deadline);
    if (!tls_handshake.ok()) {
      log_(fmt::format("{}: TLS handshake failed: {}", who, escaped(tls_handshake.detail)));
      return;
    }

    // The HTTP request, read whole before anything is answered.
    std::vector<std::uint8_t> received;
    std::optional<std::size_t> head_end;
    while (!(head_end = wire::find_header_end(wire::as_chars(received)))) {
      if (received.size() > kMaxHead) {
        write_text(channel, http_refusal(431, "Request Header Fields Too Large", "wsharness serve: request too large"),
                   Clock::now() + kCloseReplyDeadline);
        log_(fmt::format("{}: refused: the HTTP request exceeds {} bytes", who, kMaxHead));
        return;
      }
      auto read = channel.read(request_deadline);
      if (read.status != peer::ChannelStatus::Data) {
        log_(fmt::format("{}: no complete HTTP request ({})", who,
                         read.status == peer::ChannelStatus::Timeout ? "deadline passed" : "connection ended"));
        return;
      }
      received.insert(received.end(), read.data.begin(), read.data.end());
    }
    const std::string head(wire::as_chars(received).substr(0, *head_end));
    const auto parsed = wire::parse_request(head);
    if (const auto* error = std::get_if<wire::HandshakeError>(&parsed)) {
      write_text(channel, http_refusal(400, "Bad Request", "wsharness serve: " + error->reason),
                 Clock::now() + kCloseReplyDeadline);
      log_(fmt::format("{}: 400: {}", who, error->reason));
      return;
    }
    const auto& http = std::get<wire::HttpRequest>(parsed);
    const auto request = parse_serve_target(http.target);
    const auto refuse = [&](int status, std::string_view reason, const std::string& body) {
      write_text(channel, http_refusal(status, reason, "wsharness serve: " + body), Clock::now() + kCloseReplyDeadline);
      log_(fmt::format("{}: {} for {}: {}", who, status, escaped(http.target), body));
    };
    if (request.endpoint == Endpoint::Unknown)
      return refuse(404, "Not Found",
                    fmt::format("unknown path '{}'; known: {}", escaped(request.path), known_paths()));
    if (!request.problem.empty()) return refuse(400, "Bad Request", escaped(request.problem));
    if (request.case_number && static_cast<std::size_t>(*request.case_number) > cases_.size())
      return refuse(404, "Not Found",
                    fmt::format("no case {}: /getCaseCount is {}", *request.case_number, cases_.size()));
    const std::size_t index = request.case_number ? static_cast<std::size_t>(*request.case_number - 1) : 0;

    if (request.endpoint == Endpoint::RunCase) {
      // Played on this connection, the one that asked for it.
      engine::PlannedResult planned;
      planned.instance = cases_[index];
      planned.role = cases::Role::Client;
      planned.transport = options_.transport;
      {
        std::lock_guard lock(mutex_);
        planned.subject = &agent_spec(request.agent);
        ++running_;
      }
      planned.seed = engine::result_seed(options_.seed, planned.instance->result_id, request.agent, cases::Role::Client,
                                         options_.transport);
      random.seed(planned.seed);
      // Whatever happens below, the count goes down and waiters wake.
      struct Running {
        CaseServer& server;
        ~Running() {
          std::lock_guard lock(server.mutex_);
          --server.running_;
          server.recorded_.notify_all();
        }
      } running{*this};
      engine::CaseResult result;
      if (auto reason = needs_subject_protocol(*planned.instance)) {
        // Like Autobahn's excluded cases: the connection is opened and closed at once.
        const auto key = http.headers.find("Sec-WebSocket-Key").value_or("");
        if (!wire::validate_client_request(http))
          write_text(channel, wire::build_server_response(key), Clock::now() + kCloseReplyDeadline);
        answer_and_close(channel, std::nullopt, wire::close_code::kNormalClosure, "SKIP: needs the subject protocol");
        result = served_skip(planned, *reason);
      } else {
        PrefixedChannel replay(channel, std::move(received));
        result = play_served_case(planned, replay, random, start);
      }
      const auto baseline = options_.agent_baselines.find(request.agent);
      judge_against(result, baseline == options_.agent_baselines.end() ? nullptr : &baseline->second);
      log_(fmt::format("{}: case {} ({}) for agent {}: {} ({})", who, index + 1, planned.instance->result_id,
                       escaped(request.agent), oracles::verdict_name(result.verdict),
                       oracles::outcome_name(result.outcome)));
      std::lock_guard lock(mutex_);
      results_[request.agent].insert_or_assign(index, std::move(result));
      ++unreported_;
      return;
    }

    // The other endpoints are WebSocket connections too (Autobahn's drivers
    // open them with their WebSocket client), answered by one message.
    if (auto error = wire::validate_client_request(http))
      return refuse(400, "Bad Request",
                    fmt::format("{} needs a WebSocket opening handshake: {} (RFC 6455 §{})", request.path,
                                error->reason, error->rfc_section));
    const auto key = http.headers.find("Sec-WebSocket-Key").value_or("");
    write_text(channel, wire::build_server_response(key), Clock::now() + kCloseReplyDeadline);
    switch (request.endpoint) {
      case Endpoint::GetCaseCount:
        // Autobahn sends json.dumps(count): the number as text.
        answer_and_close(channel, std::to_string(cases_.size()), wire::close_code::kNormalClosure, "");
        break;
      case Endpoint::GetCaseInfo: {
        const auto& instance = *cases_[index];
        nlohmann::json info = {
            {"id", instance.result_id}, {"description", instance.title}, {"autobahn", instance.autobahn}};
        answer_and_close(channel, info.dump(), wire::close_code::kNormalClosure, "");
        break;
      }
      case Endpoint::GetCaseStatus: {
        nlohmann::json status;
        {
          std::lock_guard lock(mutex_);
          const auto agent = results_.find(request.agent);
          const auto found = agent == results_.end() ? nullptr : [&]() -> const engine::CaseResult* {
            const auto it = agent->second.find(index);
            return it == agent->second.end() ? nullptr : &it->second;
          }();
          // A case this agent has not run has no behaviour yet.
          status = {{"behavior", found ? std::string(autobahn_behavior(found->verdict)) : "UNKNOWN"}};
          if (found) status["verdict"] = oracles::verdict_name(found->verdict);
        }
        answer_and_close(channel, status.dump(), wire::close_code::kNormalClosure, "");
        break;
      }
      case Endpoint::UpdateReports: {
        {
          std::unique_lock lock(mutex_);
          if (!recorded_.wait_for(lock, kRecordDeadline, [this] { return running_ == 0; }))
            log_(fmt::format("{}: {} case(s) still running after {} ms; the report leaves them out", who, running_,
                             kRecordDeadline.count()));
        }
        std::string error;
        if (write_report(error)) {
          log_(fmt::format("{}: report for {} result(s) written to {}", who, result_count(),
                           options_.report_dir.string()));
          answer_and_close(channel, std::nullopt, wire::close_code::kNormalClosure, "");
        } else {
          log_(fmt::format("{}: cannot write the report: {}", who, error));
          answer_and_close(channel, std::nullopt, wire::close_code::kInternalError, "cannot write the report");
        }
        break;
      }
      default: break;
    }
  } catch (const std::exception& error) {
    log_(fmt::format("{}: {}", who, error.what()));
  }
}

std::size_t CaseServer::result_count() const {
  std::lock_guard lock(mutex_);
  std::size_t count = 0;
  for (const auto& [agent, results] : results_) count += results.size();
  return count;
}

std::size_t CaseServer::unreported() const {
  std::lock_guard lock(mutex_);
  return unreported_;
}

report::RunSummary CaseServer::summary(const std::string& incomplete) const {
  report::RunSummary run;
  run.harness_version = options_.harness_version;
  run.seed = options_.seed;
  run.started = options_.started;
  run.duration = std::chrono::duration_cast<Millis>(Clock::now() - started_at_);
  run.command_line = options_.command_line;
  run.jobs = 1;
  for (const auto& [name, spec] : agents_) {
    if (!results_.contains(name)) continue;
    run.subjects.push_back({name, spec.impl, "", spec.roles, {}, spec.argv.front(), "", ""});
  }
  for (const auto& [agent, results] : results_)
    for (const auto& [index, result] : results) run.results.push_back(result);
  if (!incomplete.empty()) {
    run.incomplete = true;
    run.incomplete_reason = incomplete;
  }
  return run;
}

bool CaseServer::write_report(std::string& error, const std::string& incomplete) {
  std::lock_guard lock(mutex_);
  try {
    // Staged and renamed into place by the writer: a reader never sees half a report.
    report::write_report(summary(incomplete), options_.report_dir);
    unreported_ = 0;
    return true;
  } catch (const std::exception& failure) {
    error = failure.what();
    return false;
  }
}

}  // namespace wsh::serve
