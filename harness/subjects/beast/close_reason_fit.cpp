#include "close_reason_fit.hpp"

namespace wsh::subject::beast_subject {

std::string_view fit_close_reason(std::string_view reason) {
  if (reason.size() <= kMaxCloseReasonBytes) return reason;
  std::size_t cut = kMaxCloseReasonBytes;
  while (cut > 0 && (static_cast<unsigned char>(reason[cut]) & 0xC0) == 0x80) --cut;
  return reason.substr(0, cut);
}

}  // namespace wsh::subject::beast_subject
