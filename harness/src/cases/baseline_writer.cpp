#include "cases/baseline_writer.hpp"

#include <fmt/format.h>
#include <sstream>
#include <toml++/toml.h>

namespace wsh::cases {
namespace {

// A TOML basic string ("..."), as the files are written by hand.
std::string quoted(const std::string& text) {
  std::ostringstream out;
  const toml::value<std::string> value(text);
  out << toml::toml_formatter(value, toml::toml_formatter::default_flags & ~toml::format_flags::allow_literal_strings);
  return out.str();
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) out += (out.size() > 1 ? ", " : "") + quoted(item);
  return out + "]";
}

std::string rate_text(double rate) {
  // Two significant digits are all a measured rate carries.
  auto text = fmt::format("{:.2g}", rate);
  if (text.find('.') == std::string::npos && text.find('e') == std::string::npos) text += ".0";
  return text;
}

}  // namespace

std::string baseline_toml(const Baseline& baseline) {
  std::string out = baseline.header_comment;
  const auto& promise = baseline.promise;
  if (!promise.roles.empty() || !promise.features.empty() || !promise.tested_versions.empty()) {
    if (!out.empty()) out += "\n";
    out += baseline.promise_comment + "[subject]\n";
    if (!promise.roles.empty()) out += "roles = " + quoted_list(promise.roles) + "\n";
    if (!promise.features.empty()) out += "features = " + quoted_list(promise.features) + "\n";
    if (!promise.tested_versions.empty()) out += "tested_versions = " + quoted_list(promise.tested_versions) + "\n";
  }
  for (const auto& entry : baseline.entries) {
    out += "\n" + entry.comment + "[[result]]\n";
    out += "id = " + quoted(entry.id_glob) + "\n";
    if (entry.role) out += "role = " + quoted(*entry.role) + "\n";
    if (entry.transport) out += "transport = " + quoted(*entry.transport) + "\n";
    if (entry.versions_text) out += "versions = " + quoted(*entry.versions_text) + "\n";
    if (entry.intermittent) {
      out += "intermittent = " + quoted_list(entry.verdicts) + "\n";
      if (entry.rate) out += "rate = " + rate_text(*entry.rate) + "\n";
      if (entry.repeat) out += fmt::format("repeat = {}\n", *entry.repeat);
    } else if (!entry.verdicts.empty()) {
      out += "verdict = " + quoted(entry.verdicts.front()) + "\n";
    }
    if (!entry.spans.empty()) out += "spans = " + quoted(entry.spans) + "\n";
    out += "reason = " + quoted(entry.reason) + "\n";
    if (!entry.link.empty()) out += "link = " + quoted(entry.link) + "\n";
  }
  return out;
}

}  // namespace wsh::cases
