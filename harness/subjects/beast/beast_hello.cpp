#include "beast_hello.hpp"

#include <boost/version.hpp>

#include "message_limit.hpp"

namespace wsh::subject::beast_subject {

std::string boost_version_string(long boost_version) {
  return std::to_string(boost_version / 100000) + "." + std::to_string(boost_version / 100 % 1000) +
         "." + std::to_string(boost_version % 100);
}

Hello make_hello(const TimeoutPolicy& timeouts) {
  Hello hello;
  hello.impl = "beast";
  // Beast ships with Boost and has no version macro of its own that tracks
  // releases (BOOST_BEAST_VERSION is an internal counter), so the Boost
  // release is the version a user would name.
  hello.version = boost_version_string(BOOST_VERSION);
  hello.roles = {"server", "client"};
  hello.features = {"tls", "threads", "leave", "heartbeat"};
  report_timeouts(timeouts, hello);
  hello.max_message = kMaxMessageBytes;
  return hello;
}

}  // namespace wsh::subject::beast_subject
