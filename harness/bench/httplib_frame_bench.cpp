// cpp-httplib's frame reader, httplib::ws::impl::read_websocket_frame, on
// the frame BM_FrameDecode decodes, as a server reads it (expect_masked).
// The bytes come from an in-memory httplib::Stream that hands out as much
// as each read() asks for, so what is timed is httplib's header parse, its
// reads into the payload string and its unmasking. Built only when
// cpp-httplib was found at configure time; its header stays in this TU.

#include <httplib.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "bench_frames.hpp"

namespace wsh::bench {
namespace {

// Reads come from a fixed buffer; rewind() starts it over for the next
// iteration. Writes are swallowed (the reader sends nothing for a data frame).
class MemoryStream final : public httplib::Stream {
 public:
  explicit MemoryStream(const wire::Bytes& bytes) : bytes_(bytes) {}
  void rewind() { at_ = 0; }

  bool is_readable() const override { return at_ < bytes_.size(); }
  bool wait_readable() const override { return at_ < bytes_.size(); }
  bool wait_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const std::size_t n = std::min(size, bytes_.size() - at_);
    std::memcpy(ptr, bytes_.data() + at_, n);
    at_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char*, size_t size) override { return static_cast<ssize_t>(size); }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 0;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 0;
  }
  socket_t socket() const override { return INVALID_SOCKET; }
  time_t duration() const override { return 0; }

 private:
  const wire::Bytes& bytes_;
  std::size_t at_ = 0;
};

void BM_HttplibFrameRead(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const wire::Bytes frame = masked_binary_frame(pattern_payload(size));
  MemoryStream stream(frame);
  std::string payload;
  payload.reserve(size);
  for (auto _ : state) {
    stream.rewind();
    httplib::ws::Opcode opcode{};
    bool fin = false;
    if (!httplib::ws::impl::read_websocket_frame(stream, opcode, payload, fin, /*expect_masked=*/true,
                                                 2 * size + 1024) ||
        payload.size() != size) {
      state.SkipWithError("httplib did not return the frame's payload");
      break;
    }
    benchmark::DoNotOptimize(payload.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

BENCHMARK(BM_HttplibFrameRead)->Apply(frame_sizes);

}  // namespace
}  // namespace wsh::bench
