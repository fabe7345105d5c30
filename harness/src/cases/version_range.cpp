#include "cases/version_range.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

namespace wsh::cases {

std::optional<Version> Version::parse(std::string_view text) {
  text = text.substr(0, text.find('+'));
  if (!text.empty() && text.front() == 'v') text.remove_prefix(1);
  Version version;
  while (!text.empty()) {
    const auto dot = text.find('.');
    const auto part = text.substr(0, dot);
    int value = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || error != std::errc{} || end != part.data() + part.size()) return std::nullopt;
    version.parts.push_back(value);
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
    if (text.empty()) return std::nullopt;  // "0.53."
  }
  if (version.parts.empty()) return std::nullopt;
  return version;
}

// Missing trailing parts count as 0, so 0.47 == 0.47.0.
std::strong_ordering operator<=>(const Version& a, const Version& b) {
  const auto size = std::max(a.parts.size(), b.parts.size());
  for (std::size_t i = 0; i < size; ++i) {
    const int left = i < a.parts.size() ? a.parts[i] : 0;
    const int right = i < b.parts.size() ? b.parts[i] : 0;
    if (left != right) return left <=> right;
  }
  return std::strong_ordering::equal;
}

bool operator==(const Version& a, const Version& b) { return (a <=> b) == 0; }

namespace {
// Two-character operators first, so "<=" is not read as "<" then "=0.1".
constexpr std::pair<std::string_view, VersionRange::Op> kOperators[] = {
    {"<=", VersionRange::Op::LessEqual}, {">=", VersionRange::Op::GreaterEqual}, {"<", VersionRange::Op::Less},
    {">", VersionRange::Op::Greater},    {"=", VersionRange::Op::Equal},
};
}  // namespace

std::optional<VersionRange> VersionRange::parse(std::string_view text, std::string& error) {
  VersionRange range;
  while (true) {
    const auto start = text.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    text.remove_prefix(start);
    auto token = text.substr(0, text.find(' '));
    text.remove_prefix(token.size());
    Op op = Op::Equal;
    for (const auto& [prefix, candidate] : kOperators) {
      if (token.starts_with(prefix)) {
        op = candidate;
        token.remove_prefix(prefix.size());
        break;
      }
    }
    const auto version = Version::parse(token);
    if (!version) {
      error = "'" + std::string(token) + "' is not a version (write comparisons such as \">=0.33.0 <0.47.0\")";
      return std::nullopt;
    }
    range.bounds_.push_back({op, *version});
  }
  if (range.bounds_.empty()) {
    error = "an empty version range (write comparisons such as \">=0.33.0 <0.47.0\")";
    return std::nullopt;
  }
  return range;
}

bool VersionRange::contains(const Version& version) const {
  return std::all_of(bounds_.begin(), bounds_.end(), [&](const Bound& bound) {
    switch (bound.op) {
      case Op::Less: return version < bound.version;
      case Op::LessEqual: return version <= bound.version;
      case Op::Greater: return version > bound.version;
      case Op::GreaterEqual: return version >= bound.version;
      case Op::Equal: return version == bound.version;
    }
    return false;
  });
}

std::optional<Version> subject_version(std::string_view subject_name) {
  const auto at = subject_name.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  return Version::parse(subject_name.substr(at + 1));
}

std::string subject_base_name(std::string_view subject_name) {
  return std::string(subject_name.substr(0, subject_name.find('@')));
}

}  // namespace wsh::cases
