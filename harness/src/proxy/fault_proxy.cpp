#include "proxy/fault_proxy.hpp"

#include <poll.h>

#include <array>
#include <random>

#include <fmt/format.h>

#include "faults/fault_registry.hpp"
#include "net/fd_wait.hpp"

namespace wsh::proxy {
namespace {

using Kind = RelayRecord::Kind;

// How often a relay looks up from a quiet socket to see whether it must stop.
constexpr std::chrono::milliseconds kReadSlice{20};
constexpr std::chrono::milliseconds kStallSlice{5};

std::string_view sender_name(Flow flow) { return flow == Flow::ToServer ? "client" : "server"; }
std::string_view receiver_name(Flow flow) { return flow == Flow::ToServer ? "server" : "client"; }

// Locks `lock`'s mutex unless `deadline` passes first. (Polling try_lock
// rather than std::timed_mutex: its try_lock_until goes through
// pthread_mutex_clocklock, which ThreadSanitizer does not see.)
bool lock_before(std::unique_lock<std::mutex>& lock, net::Deadline deadline) {
  while (!lock.try_lock()) {
    if (net::Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace

struct FaultProxy::Direction {
  Direction(Flow flow, bool decode) : recorder(flow, decode) {}
  FlowRecorder recorder;  // guarded by the receiving leg's write lock
  std::atomic<bool> ended{false};
  // A blackhole swallows the sender's FIN or RST too: the receiver sees
  // silence, as a dead path would give it, not an orderly end.
  std::atomic<bool> blackholed{false};
};

FaultProxy::FaultProxy(ProxyOptions options)
    : options_(options),
      listener_(net::TcpListener::listen(net::Endpoint{"127.0.0.1", 0}, options_.policy)),
      to_server_(std::make_unique<Direction>(Flow::ToServer, options_.decode)),
      to_client_(std::make_unique<Direction>(Flow::ToClient, options_.decode)) {}

FaultProxy::~FaultProxy() { stop(); }

std::chrono::microseconds FaultProxy::now() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(net::Clock::now() - options_.start);
}

ProxyLeg& FaultProxy::leg_toward(Flow flow) { return flow == Flow::ToServer ? *server_leg_ : *client_leg_; }
FaultProxy::Direction& FaultProxy::direction(Flow flow) { return flow == Flow::ToServer ? *to_server_ : *to_client_; }

void FaultProxy::connect(const net::Endpoint& server, net::Deadline deadline) {
  auto client = listener_.accept(deadline);
  auto upstream = net::TcpSocket::connect(server, deadline, options_.policy);
  // One generator per direction, both drawn from the result's seed: the two
  // relays run in parallel and must not share one.
  std::mt19937_64 seeds(options_.seed);
  const auto reporter = [this](Flow flow) {
    return [this, flow](Kind kind) {
      add({now(),
           flow,
           kind,
           true,
           std::nullopt,
           {},
           fmt::format("the harness {} TCP toward the {}", kind == Kind::Fin ? "half-closed (FIN)" : "reset (RST)",
                       receiver_name(flow)),
           std::nullopt});
    };
  };
  client_leg_ = std::make_unique<ProxyLeg>(std::move(client), seeds(), reporter(Flow::ToClient));
  server_leg_ = std::make_unique<ProxyLeg>(std::move(upstream), seeds(), reporter(Flow::ToServer));
}

std::uint16_t FaultProxy::server_leg_port() const { return server_leg_ ? server_leg_->socket().local_port() : 0; }

std::optional<std::string> FaultProxy::apply_fault(Flow flow, std::string_view name, const faults::FaultParams& params,
                                                   net::Deadline deadline) {
  auto fault = faults::make_fault(name, params);
  ProxyLeg& leg = leg_toward(flow);
  const std::string description = faults::describe_fault(name, params);
  std::unique_lock lock(leg.write_lock(), std::defer_lock);
  if (!lock_before(lock, deadline))
    return fmt::format("could not apply {} {}: the relay toward the {} stayed blocked in a write", description,
                       flow_name(flow), receiver_name(flow));
  add({now(), flow, Kind::Fault, true, std::nullopt, {}, description, std::nullopt});
  if (fault->effects().swallows_bytes) direction(flow).blackholed = true;
  faults::inject(std::move(fault), leg);
  return std::nullopt;
}

void FaultProxy::start(net::Deadline deadline) {
  write_deadline_ = deadline;
  threads_.emplace_back(&FaultProxy::relay, this, Flow::ToServer);
  threads_.emplace_back(&FaultProxy::relay, this, Flow::ToClient);
}

bool FaultProxy::inject(Flow flow, net::ByteView bytes, std::optional<wire::Frame> frame, net::Deadline deadline,
                        std::string& why) {
  if (!options_.decode) {
    why = "over wss:// the proxy relays TLS records blind and cannot insert a frame";
    return false;
  }
  const Direction& dir = direction(flow);
  ProxyLeg& leg = leg_toward(flow);
  while (true) {
    if (leg.reset_by_proxy() || leg.fin_sent()) {
      why = fmt::format("the connection toward the {} has ended", receiver_name(flow));
      return false;
    }
    std::unique_lock lock(leg.write_lock(), std::defer_lock);
    if (!lock_before(lock, deadline)) {
      why = fmt::format("the relay toward the {} stayed blocked in a write", receiver_name(flow));
      return false;
    }
    if (dir.recorder.at_frame_boundary()) {
      add({now(),
           flow,
           frame ? Kind::Frame : Kind::RawBytes,
           true,
           std::move(frame),
           {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(bytes.size(), 4096))},
           fmt::format("injected by the harness toward the {}", receiver_name(flow)),
           std::nullopt});
      const auto outcome = leg.outgoing().write(bytes, deadline);
      if (outcome.ok()) return true;
      why = fmt::format("writing toward the {}: {} {}", receiver_name(flow), net::to_string(outcome.status),
                        outcome.error);
      return false;
    }
    lock.unlock();
    if (net::Clock::now() >= deadline) {
      why = fmt::format(
          "no frame boundary toward the {} before the deadline (the handshake is not through, or a "
          "frame is half-relayed)",
          receiver_name(flow));
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void FaultProxy::relay(Flow flow) {
  Direction& dir = direction(flow);
  ProxyLeg& source = leg_toward(opposite(flow));
  ProxyLeg& dest = leg_toward(flow);
  std::array<std::uint8_t, 16 * 1024> buffer{};
  while (!stopping_) {
    if (source.reading_stalled()) {
      std::this_thread::sleep_for(kStallSlice);
      continue;
    }
    // Wait for something to read before reading it, and look at the stall
    // flag in between: a stall applied while the relay waits must keep what
    // arrives next in the kernel's buffer.
    net::ReadOutcome got;
    {
      std::lock_guard reading(source.read_lock());
      if (source.reset_by_proxy()) break;
      const auto ready = net::wait_for_fd(source.socket().fd(), POLLIN, net::Clock::now() + kReadSlice);
      if (ready == net::FdWait::Timeout || source.reading_stalled()) continue;
      got = source.socket().read_some(buffer, net::Clock::now() + kReadSlice);
    }
    if (got.status == net::ReadStatus::Timeout) continue;
    // The harness aborted that leg: nothing more comes from it.
    if (source.reset_by_proxy() || stopping_) break;

    if (got.status == net::ReadStatus::Data) {
      const net::ByteView bytes(buffer.data(), got.n);
      std::unique_lock lock(dest.write_lock());
      std::vector<RelayRecord> produced;
      dir.recorder.feed(bytes, now(), produced);
      add_all(produced);
      const auto outcome = dest.outgoing().write(bytes, write_deadline_);
      if (outcome.ok()) continue;
      if (outcome.status == net::WriteStatus::Broken && dest.fin_sent()) {
        // The harness half-closed toward the receiver; what follows is lost.
        add({now(),
             flow,
             Kind::Note,
             true,
             std::nullopt,
             {},
             fmt::format("{} bytes from the {} dropped: TCP toward the {} is half-closed", got.n, sender_name(flow),
                         receiver_name(flow)),
             std::nullopt});
        continue;
      }
      lock.unlock();
      if (outcome.status == net::WriteStatus::Timeout) {
        note(flow, fmt::format("the {} stopped reading: relaying toward it timed out", receiver_name(flow)));
        break;
      }
      // What TCP does with data for a connection that is gone: answer RST.
      note(flow, fmt::format("{} bytes from the {} could not be passed on ({}): the {} leg is gone; the proxy resets "
                             "the {} leg",
                             got.n, sender_name(flow), net::to_string(outcome.status), receiver_name(flow),
                             sender_name(flow)));
      std::lock_guard source_lock(source.write_lock());
      source.outgoing().reset();
      break;
    }

    // The sender ended its stream: pass the same end on.
    const bool fin = got.status == net::ReadStatus::Eof;
    std::lock_guard lock(dest.write_lock());
    if (fin && dir.recorder.pending_bytes() != 0)
      add({now(),
           flow,
           Kind::Note,
           false,
           std::nullopt,
           {},
           fmt::format("EOF inside a frame: {} bytes of it had arrived", dir.recorder.pending_bytes()),
           std::nullopt});
    add({now(),
         flow,
         fin ? Kind::Fin : Kind::Rst,
         false,
         std::nullopt,
         {},
         fin ? fmt::format("the {} closed TCP (FIN)", sender_name(flow))
         : got.status == net::ReadStatus::Reset
             ? fmt::format("the {} reset TCP (RST)", sender_name(flow))
             : fmt::format("read error from the {}: {}", sender_name(flow), got.error),
         std::nullopt});
    if (dir.blackholed) {
      add({now(),
           flow,
           Kind::Note,
           true,
           std::nullopt,
           {},
           fmt::format("the blackhole toward the {} swallows that {}", receiver_name(flow), fin ? "FIN" : "RST"),
           std::nullopt});
      break;
    }
    dest.set_forwarding(true);
    if (fin) {
      dest.outgoing().flush(write_deadline_);
      dest.outgoing().shutdown_write();
    } else {
      dest.outgoing().reset();
    }
    dest.set_forwarding(false);
    break;
  }
  dir.ended = true;
  std::lock_guard lock(records_mutex_);
  records_changed_.notify_all();
}

void FaultProxy::add(RelayRecord record) {
  std::lock_guard lock(records_mutex_);
  records_.push_back(std::move(record));
  records_changed_.notify_all();
}

void FaultProxy::add_all(std::vector<RelayRecord>& records) {
  if (records.empty()) return;
  std::lock_guard lock(records_mutex_);
  for (auto& record : records) records_.push_back(std::move(record));
  records_changed_.notify_all();
}

void FaultProxy::note(Flow flow, std::string text) {
  add({now(), flow, Kind::Note, true, std::nullopt, {}, std::move(text), std::nullopt});
}

bool FaultProxy::wait(const std::function<bool(const std::vector<RelayRecord>&)>& done, net::Deadline deadline) const {
  std::unique_lock lock(records_mutex_);
  return records_changed_.wait_until(lock, deadline, [&] { return done(records_); });
}

std::vector<RelayRecord> FaultProxy::records() const {
  std::lock_guard lock(records_mutex_);
  return records_;
}

bool FaultProxy::flow_ended(Flow flow) const { return (flow == Flow::ToServer ? *to_server_ : *to_client_).ended; }

void FaultProxy::stop() {
  if (stopping_.exchange(true)) return;
  // A relay blocked in a write (a subject that stopped reading) wakes up
  // with EPIPE; the others notice `stopping_` within one read slice.
  if (client_leg_) client_leg_->wake();
  if (server_leg_) server_leg_->wake();
  for (auto& thread : threads_)
    if (thread.joinable()) thread.join();
  if (client_leg_) client_leg_->socket().close();
  if (server_leg_) server_leg_->socket().close();
  listener_.close();
}

}  // namespace wsh::proxy
