#pragma once
// One side of the proxy: its socket to one subject, and the FaultPipeline of
// the bytes the proxy writes to that subject. As a FaultTarget it is the
// proxy acting as that subject's peer: `rst` resets toward it, `fin`
// half-closes toward it, `stall` stops reading what it sends.
//
// Threads: one relay thread reads the socket (holding read_lock() while it
// waits and reads, one short slice at a time), another writes into the
// pipeline; faults and injections from the case runner take write_lock().
// A reset never closes the descriptor while the reader may be polling it
// (the number could be reused by a parallel job): it aborts the connection
// in place (SO_LINGER 0, then connect(AF_UNSPEC), which makes Linux send
// RST) under both locks, and the proxy closes the descriptor after both
// threads have ended.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <random>

#include "faults/fault.hpp"
#include "faults/fault_pipeline.hpp"
#include "net/tcp_socket.hpp"
#include "proxy/relay_record.hpp"

namespace wsh::proxy {

class ProxyLeg final : public faults::FaultTarget {
 public:
  // How the leg reports a FIN or RST the harness sends on it (a fault, or
  // the proxy giving up on the leg); forwarded ones the relay reports itself.
  using EndReporter = std::function<void(RelayRecord::Kind)>;

  ProxyLeg(net::TcpSocket socket, std::uint64_t seed, EndReporter report_end);
  ~ProxyLeg() override;
  ProxyLeg(const ProxyLeg&) = delete;
  ProxyLeg& operator=(const ProxyLeg&) = delete;

  faults::FaultPipeline& outgoing() override { return *pipeline_; }
  void stall_reading(bool stalled) override { stalled_ = stalled; }
  bool reading_stalled() const { return stalled_; }

  net::TcpSocket& socket() { return socket_; }
  std::mutex& write_lock() { return write_mutex_; }
  std::mutex& read_lock() { return read_mutex_; }

  // Set while the relay forwards the other subject's FIN or RST, so the
  // report says the subject did it, not the harness. Under write_lock().
  void set_forwarding(bool forwarding) { forwarding_ = forwarding; }

  bool reset_by_proxy() const { return reset_; }
  bool fin_sent() const { return fin_; }

  // Wakes a relay blocked on this socket (end of the case): SHUT_RDWR.
  void wake();

 private:
  class Sink;
  net::TcpSocket socket_;
  std::mt19937_64 rng_;  // this direction's own generator: the relays run in parallel
  std::unique_ptr<Sink> sink_;
  std::unique_ptr<faults::FaultPipeline> pipeline_;
  std::mutex write_mutex_;
  std::mutex read_mutex_;
  std::atomic<bool> stalled_{false};
  std::atomic<bool> reset_{false};
  std::atomic<bool> fin_{false};
  bool forwarding_ = false;
  EndReporter report_end_;
};

}  // namespace wsh::proxy
