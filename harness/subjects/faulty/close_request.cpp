#include "close_request.hpp"

namespace wsh::subject::faulty {
namespace {

bool is_continuation_byte(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

}  // namespace

CloseBody close_body_for(wire::CloseCode requested, std::string_view reason, bool put_1005_on_wire,
                         bool cut_mid_character) {
  const std::string fitted(cut_mid_character ? reason.substr(0, kMaxCloseReasonBytes) : fit_close_reason(reason));
  if (requested == wire::close_code::kNoStatusReceived && put_1005_on_wire) return {requested, fitted};
  if (!wire::valid_on_wire(requested)) return {};
  return {requested, fitted};
}

std::string_view fit_close_reason(std::string_view reason) {
  if (reason.size() <= kMaxCloseReasonBytes) return reason;
  std::size_t end = kMaxCloseReasonBytes;
  // Back up to the first byte of the sequence the cut would split.
  while (end > 0 && is_continuation_byte(reason[end])) --end;
  return reason.substr(0, end);
}

}  // namespace wsh::subject::faulty
