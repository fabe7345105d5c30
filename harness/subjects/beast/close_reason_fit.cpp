#include "close_reason_fit.hpp"

namespace wsh::subject::beast_subject {

std::string_view fit_close_reason(std::string_view reason) {
  return reason.substr(0, kMaxCloseReasonBytes);
}

}  // namespace wsh::subject::beast_subject
