#include "report/html_template.hpp"

#include <stdexcept>

namespace wsh::report {

std::string fill_template(std::string_view skeleton, const TemplateValues& values) {
  std::string out;
  out.reserve(skeleton.size());
  std::size_t at = 0;
  while (true) {
    const auto open = skeleton.find("{{", at);
    if (open == std::string_view::npos) break;
    const auto close = skeleton.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(skeleton.substr(at, open - at));
    const auto name = skeleton.substr(open + 2, close - open - 2);
    const auto value = values.find(name);
    if (value == values.end()) throw std::logic_error("report template: no value for {{" + std::string(name) + "}}");
    out += value->second;
    at = close + 2;
  }
  out.append(skeleton.substr(at));
  return out;
}

}  // namespace wsh::report
