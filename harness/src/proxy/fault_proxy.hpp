#pragma once
// The pair topology's fault proxy (docs/ARCHITECTURE.md, "Topologies", "Faults"): subject
// client -> proxy -> subject server, one connection. It relays both
// directions on two threads, each through its own FaultPipeline, so a case
// can install a stream fault or act (rst, fin, stall) per direction. A FIN
// is forwarded as a FIN, an RST as an RST. Over ws:// it decodes both
// directions into a transcript and can insert frames between the subjects';
// over wss:// it relays TLS records blind (TCP-level faults only).
//
// Every wait has a deadline. stop() (or the destructor) ends the relays and
// closes both sockets.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "faults/fault_params.hpp"
#include "net/deadline.hpp"
#include "net/endpoint.hpp"
#include "net/loopback_guard.hpp"
#include "net/tcp_listener.hpp"
#include "proxy/flow.hpp"
#include "proxy/flow_recorder.hpp"
#include "proxy/proxy_leg.hpp"
#include "proxy/relay_record.hpp"

namespace wsh::proxy {

struct ProxyOptions {
  bool decode = true;                                // false over wss://: relay TLS bytes blind
  net::Clock::time_point start = net::Clock::now();  // transcript times count from here
  std::uint64_t seed = 0;                            // the result's seed (faults' random choices)
  net::AddressPolicy policy;                         // where the server may be (loopback only by default)
};

class FaultProxy {
 public:
  // Listens on 127.0.0.1, a port the kernel picks. Throws NetError.
  explicit FaultProxy(ProxyOptions options);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::uint16_t port() const { return listener_.port(); }

  // Accepts the client subject, then connects to the server subject. Throws
  // NetError (Timeout, Refused, NotLoopback, ...).
  void connect(const net::Endpoint& server, net::Deadline deadline);
  // The proxy's port on each leg, as the subject there sees its peer.
  std::uint16_t server_leg_port() const;  // the server subject's `conn`
  std::uint16_t client_leg_port() const { return port(); }

  // Applies a fault (the registry's name and parameters) to one direction:
  // a stream fault shapes what the proxy sends that way from now on; rst /
  // fin / stall act on the leg toward that subject; the transcript records
  // it. Throws FaultSpecError for a bad fault; returns why it was not applied
  // when the leg stayed busy past `deadline`, nullopt when it was.
  std::optional<std::string> apply_fault(Flow flow, std::string_view name, const faults::FaultParams& params,
                                         net::Deadline deadline);

  // Starts relaying; `deadline` bounds every write (the case deadline).
  void start(net::Deadline deadline);

  // ws:// only: writes `bytes` (a whole frame, masked toward the server) into
  // `flow` at the next frame boundary, through that direction's faults.
  // False when the proxy is blind, the direction is over, or no boundary
  // came before `deadline`; `why` says which.
  bool inject(Flow flow, net::ByteView bytes, std::optional<wire::Frame> frame, net::Deadline deadline,
              std::string& why);

  bool decoding() const { return options_.decode; }

  // Waits until `done(records)` holds or `deadline`; returns what `done` said last.
  bool wait(const std::function<bool(const std::vector<RelayRecord>&)>& done, net::Deadline deadline) const;
  std::vector<RelayRecord> records() const;
  // Whether the relay of `flow` has ended (its sender's FIN or RST, or a reset).
  bool flow_ended(Flow flow) const;

  void note(Flow flow, std::string text);

  // Ends both relays and closes both sockets. Idempotent.
  void stop();

 private:
  struct Direction;
  void relay(Flow flow);
  void add(RelayRecord record);
  void add_all(std::vector<RelayRecord>& records);
  std::chrono::microseconds now() const;
  ProxyLeg& leg_toward(Flow flow);
  Direction& direction(Flow flow);

  ProxyOptions options_;
  net::TcpListener listener_;
  std::unique_ptr<ProxyLeg> client_leg_, server_leg_;
  std::unique_ptr<Direction> to_server_, to_client_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
  net::Deadline write_deadline_{};

  mutable std::mutex records_mutex_;
  mutable std::condition_variable records_changed_;
  std::vector<RelayRecord> records_;
};

}  // namespace wsh::proxy
