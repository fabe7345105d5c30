#include "raw_peer.hpp"

#include <sys/socket.h>

#include <stdexcept>

namespace wsh::subject::faulty::testing {

RawPeer::RawPeer(int fd, wire::Role role)
    : socket_(fd), role_(role), decoder_(wire::DecoderConfig{role, 64 * 1024 * 1024}) {}

void RawPeer::send_frame(wire::Opcode opcode, std::string_view payload, wire::EncodeOptions options) {
  if (role_ == wire::Role::Client && !options.mask) options.mask = wire::MaskKey{0x12, 0x34, 0x56, 0x78};
  const auto bytes = wire::encode_frame(
      opcode, wire::ByteView(reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size()), options);
  send_bytes(bytes);
}

void RawPeer::send_bytes(const wire::Bytes& bytes) {
  const auto sent = socket_.write_all(bytes, net::deadline_in(Millis(2000)));
  if (!sent.ok()) throw std::runtime_error("the test peer could not write");
}

PeerSaw RawPeer::next(wire::Frame& frame, Millis within) {
  const auto deadline = net::deadline_in(within);
  for (;;) {
    if (!frames_.empty()) {
      frame = std::move(frames_.front());
      frames_.erase(frames_.begin());
      return PeerSaw::Frame;
    }
    if (decoder_.error()) return PeerSaw::DecodeError;
    if (eof_) return PeerSaw::Eof;
    std::vector<std::uint8_t> buffer(64 * 1024);
    const auto got = socket_.read_some(buffer, deadline);
    if (got.status == net::ReadStatus::Timeout) return PeerSaw::Timeout;
    if (got.status != net::ReadStatus::Data) {
      eof_ = true;
      continue;
    }
    decoder_.feed(wire::ByteView(buffer.data(), got.n), frames_);
  }
}

bool RawPeer::eof_within(Millis within) {
  wire::Frame ignored;
  const auto deadline = net::deadline_in(within);
  for (;;) {
    const auto left = std::chrono::duration_cast<Millis>(deadline - net::Clock::now());
    const auto saw = next(ignored, std::max(left, Millis(0)));
    if (saw == PeerSaw::Eof) return true;
    if (saw == PeerSaw::Timeout || saw == PeerSaw::DecodeError) return false;
  }
}

SocketPair make_socket_pair() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) throw std::runtime_error("socketpair failed");
  return {fds[0], fds[1]};
}

}  // namespace wsh::subject::faulty::testing
