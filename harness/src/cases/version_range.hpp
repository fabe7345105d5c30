#pragma once
// Version ranges for baseline entries: `versions = ">=0.33.0 <0.47.0"` says a
// finding affects only those releases of a subject, so one baseline serves a
// whole version matrix (httplib@0.33.0 ... httplib@0.53.1+head).

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::cases {

// A dotted release number; "0.53.1+head" is 0.53.1 (what follows '+' names
// a build of that release, as in semantic versioning, and does not order).
struct Version {
  std::vector<int> parts;
  static std::optional<Version> parse(std::string_view text);
  friend std::strong_ordering operator<=>(const Version& a, const Version& b);
  friend bool operator==(const Version& a, const Version& b);
};

// Space-separated comparisons that must all hold: "<0.47.0", ">=0.38.0 <0.47.0".
class VersionRange {
 public:
  // nullopt and `error` set when `text` is not such a list.
  static std::optional<VersionRange> parse(std::string_view text, std::string& error);
  bool contains(const Version& version) const;

  enum class Op { Less, LessEqual, Greater, GreaterEqual, Equal };

 private:
  struct Bound {
    Op op;
    Version version;
  };
  std::vector<Bound> bounds_;
};

// The version in a subject name such as "httplib@0.53.1+head"; nullopt when
// the name carries none ("beast", "mine").
std::optional<Version> subject_version(std::string_view subject_name);
// The name before '@', which names the subject's baseline: "httplib".
std::string subject_base_name(std::string_view subject_name);

}  // namespace wsh::cases
