#pragma once
// The other end of a Connection under test: raw frames over one end of a
// socketpair, decoded with the codec as the opposite role would.

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "net/tcp_socket.hpp"
#include "wire/frame.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/frame_encoder.hpp"
#include "wire/role.hpp"

namespace wsh::subject::faulty::testing {

using Millis = std::chrono::milliseconds;

enum class PeerSaw { Frame, Eof, Timeout, DecodeError };

class RawPeer {
 public:
  RawPeer(int fd, wire::Role role);

  // Encodes and sends one frame; masked when this peer is the client.
  void send_frame(wire::Opcode opcode, std::string_view payload, wire::EncodeOptions options = {});
  void send_bytes(const wire::Bytes& bytes);

  // The next frame from the subject, or why there is none.
  PeerSaw next(wire::Frame& frame, Millis within = Millis(2000));
  // Reads until the subject closes its side (true) or the deadline (false).
  bool eof_within(Millis within);
  void close() { socket_.close(); }

 private:
  net::TcpSocket socket_;
  wire::Role role_;
  wire::FrameDecoder decoder_;
  std::vector<wire::Frame> frames_;
  bool eof_ = false;
};

// A connected pair: fds[0] for the subject, fds[1] for the peer.
struct SocketPair {
  int subject_fd = -1;
  int peer_fd = -1;
};
SocketPair make_socket_pair();

}  // namespace wsh::subject::faulty::testing
