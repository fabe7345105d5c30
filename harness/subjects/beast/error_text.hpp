#pragma once
// An Asio/Beast error as the subject logs it: the message, then category and
// value, so two errors with the same wording stay distinguishable in stderr.

#include <boost/system/error_code.hpp>
#include <string>

namespace wsh::subject::beast_subject {

inline std::string describe(const boost::system::error_code& error) {
  return error.message() + " [" + error.category().name() + ":" + std::to_string(error.value()) + "]";
}

}  // namespace wsh::subject::beast_subject
