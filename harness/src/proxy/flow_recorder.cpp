#include "proxy/flow_recorder.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "wire/http_message.hpp"

namespace wsh::proxy {
namespace {

constexpr std::size_t kRecordedBytes = 4096;  // the transcript keeps the head of big frames
constexpr std::size_t kMaxHttpHead = 16 * 1024;

std::vector<std::uint8_t> head_of(net::ByteView bytes) {
  return {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(std::min(bytes.size(), kRecordedBytes))};
}

}  // namespace

FlowRecorder::FlowRecorder(Flow flow, bool decode)
    : flow_(flow),
      decode_(decode),
      // The receiver's role: the server decodes what the client sends.
      decoder_(
          wire::DecoderConfig{flow == Flow::ToServer ? wire::Role::Server : wire::Role::Client, 64ull * 1024 * 1024}) {}

bool FlowRecorder::at_frame_boundary() const {
  return decode_ && head_done_ && !decoder_.error() && !decoder_.mid_frame();
}

void FlowRecorder::feed(net::ByteView bytes, std::chrono::microseconds at, std::vector<RelayRecord>& out) {
  if (!decode_ || bytes.empty()) return;
  if (!head_done_) {
    head_.append(bytes.begin(), bytes.end());
    const auto end = wire::find_header_end(head_);
    if (!end) {
      if (head_.size() > kMaxHttpHead) {
        out.push_back({at,
                       flow_,
                       RelayRecord::Kind::DecodeError,
                       false,
                       std::nullopt,
                       {},
                       fmt::format("no end of the HTTP head within {} bytes", kMaxHttpHead),
                       std::nullopt});
        head_done_ = true;
        decode_ = false;
      }
      return;
    }
    head_done_ = true;
    const std::string rest = head_.substr(*end);
    head_.resize(*end);
    out.push_back({at, flow_, RelayRecord::Kind::HttpHead, false, std::nullopt, {}, head_, std::nullopt});
    if (!rest.empty()) feed({reinterpret_cast<const std::uint8_t*>(rest.data()), rest.size()}, at, out);
    return;
  }
  if (decoder_.error()) {
    out.push_back({at, flow_, RelayRecord::Kind::RawBytes, false, std::nullopt, head_of(bytes),
                   "after the decode error", std::nullopt});
    return;
  }
  std::vector<wire::Frame> frames;
  decoder_.feed(bytes, frames);
  for (auto& frame : frames)
    out.push_back({at, flow_, RelayRecord::Kind::Frame, false, std::move(frame), {}, {}, std::nullopt});
  if (const auto& error = decoder_.error())
    out.push_back({at,
                   flow_,
                   RelayRecord::Kind::DecodeError,
                   false,
                   std::nullopt,
                   {},
                   fmt::format("{} (§{})", error->message, error->rfc_section),
                   *error});
}

}  // namespace wsh::proxy
