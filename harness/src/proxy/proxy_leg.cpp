#include "proxy/proxy_leg.hpp"

#include <sys/socket.h>

#include "net/byte_sink.hpp"

namespace wsh::proxy {

// The end of the leg's pipeline: its socket, with FIN and RST reported and
// RST done without closing the descriptor.
class ProxyLeg::Sink final : public net::ByteSink {
 public:
  explicit Sink(ProxyLeg& leg) : leg_(leg) {}

  net::WriteOutcome write(net::ByteView bytes, net::Deadline deadline) override {
    if (leg_.reset_) return {net::WriteStatus::Reset, 0, "the harness reset this leg"};
    return leg_.socket_.write_all(bytes, deadline);
  }
  net::WriteOutcome flush(net::Deadline /*deadline*/) override { return {net::WriteStatus::Ok, 0, {}}; }
  void shutdown_write() override {
    if (leg_.reset_ || leg_.fin_.exchange(true)) return;
    // Reported first, so the transcript has it before the subject's reaction.
    if (!leg_.forwarding_) leg_.report_end_(RelayRecord::Kind::Fin);
    leg_.socket_.shutdown_write();
  }
  void reset() override {
    if (leg_.reset_.exchange(true)) return;
    if (!leg_.forwarding_) leg_.report_end_(RelayRecord::Kind::Rst);
    const int fd = leg_.socket_.fd();
    // Not while the relay reading this socket is inside poll or recv.
    std::lock_guard reading(leg_.read_mutex_);
    if (fd >= 0) {
      const linger abort_on_close{1, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
      // connect(2) with AF_UNSPEC dissolves the association; on an
      // established TCP socket Linux answers with RST, and the descriptor
      // stays valid for the relay still polling it.
      sockaddr unspecified{};
      unspecified.sa_family = AF_UNSPEC;
      static_cast<void>(::connect(fd, &unspecified, sizeof unspecified));  // best effort: see above
    }
  }
  void set_nodelay(bool enabled) override {
    if (leg_.reset_) return;
    try {
      leg_.socket_.set_nodelay(enabled);
    } catch (const std::exception&) {
    }
  }

 private:
  ProxyLeg& leg_;
};

ProxyLeg::ProxyLeg(net::TcpSocket socket, std::uint64_t seed, EndReporter report_end)
    : socket_(std::move(socket)),
      rng_(seed),
      sink_(std::make_unique<Sink>(*this)),
      pipeline_(std::make_unique<faults::FaultPipeline>(*sink_, rng_)),
      report_end_(std::move(report_end)) {
  // Bytes leave as the subject (or a chop fault) wrote them: Nagle would
  // regroup the slices a fault made.
  sink_->set_nodelay(true);
}

ProxyLeg::~ProxyLeg() = default;

void ProxyLeg::wake() {
  const int fd = socket_.fd();
  if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

}  // namespace wsh::proxy
