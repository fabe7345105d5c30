#pragma once
// A ByteSink that remembers each write as it arrived and each FIN/RST, so
// fault tests can assert on exact slices without a socket.

#include <vector>

#include "net/byte_sink.hpp"

namespace wsh::faults::test {

class RecordingSink final : public net::ByteSink {
 public:
  net::WriteOutcome write(net::ByteView bytes, net::Deadline /*deadline*/) override {
    writes.emplace_back(bytes.begin(), bytes.end());
    return {net::WriteStatus::Ok, bytes.size(), {}};
  }
  net::WriteOutcome flush(net::Deadline /*deadline*/) override {
    ++flushes;
    return {net::WriteStatus::Ok, 0, {}};
  }
  void shutdown_write() override { ++fins; }
  void reset() override { ++resets; }
  void set_nodelay(bool enabled) override { nodelay = enabled; }

  net::Bytes joined() const {
    net::Bytes all;
    for (const net::Bytes& write : writes) all.insert(all.end(), write.begin(), write.end());
    return all;
  }

  std::vector<net::Bytes> writes;
  int flushes = 0;
  int fins = 0;
  int resets = 0;
  bool nodelay = false;
};

}  // namespace wsh::faults::test
