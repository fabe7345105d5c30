#include "serve/autobahn_request.hpp"

#include <charconv>
#include <fmt/format.h>
#include <vector>

namespace wsh::serve {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded, as a query string is: %XX and '+'.
std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%') {
      const int high = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

struct Parameter {
  std::string name;
  std::optional<std::string> value;  // nullopt: not decodable
};

std::vector<Parameter> split_query(std::string_view query) {
  std::vector<Parameter> parameters;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = percent_decode(pair.substr(0, eq));
    auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
    parameters.push_back({name.value_or(std::string(pair.substr(0, eq))), std::move(value)});
  }
  return parameters;
}

}  // namespace

std::string_view known_paths() {
  return "/getCaseCount, /runCase?case=N&agent=A, /getCaseInfo?case=N, /getCaseStatus?case=N&agent=A, "
         "/updateReports?agent=A";
}

ServeRequest parse_serve_target(std::string_view target) {
  ServeRequest request;
  const auto question = target.find('?');
  request.path = std::string(target.substr(0, question));
  const auto query = question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);

  if (request.path == "/getCaseCount") request.endpoint = Endpoint::GetCaseCount;
  else if (request.path == "/runCase") request.endpoint = Endpoint::RunCase;
  else if (request.path == "/getCaseInfo") request.endpoint = Endpoint::GetCaseInfo;
  else if (request.path == "/getCaseStatus") request.endpoint = Endpoint::GetCaseStatus;
  else if (request.path == "/updateReports") request.endpoint = Endpoint::UpdateReports;
  else return request;

  std::optional<std::string> case_text, agent;
  for (auto& parameter : split_query(query)) {
    if (!parameter.value) {
      request.problem = fmt::format("the query parameter '{}' is not valid percent-encoding", parameter.name);
      return request;
    }
    if (parameter.name != "case" && parameter.name != "agent") continue;
    // Autobahn refuses a parameter given twice ("multiple agents specified").
    auto& slot = parameter.name == "case" ? case_text : agent;
    if (slot) {
      request.problem = fmt::format("'{}' is given more than once", parameter.name);
      return request;
    }
    slot = std::move(*parameter.value);
  }
  if (case_text) {
    long number = 0;
    const auto* end = case_text->data() + case_text->size();
    const auto parsed = std::from_chars(case_text->data(), end, number);
    if (case_text->empty() || parsed.ec != std::errc{} || parsed.ptr != end || number < 1) {
      request.problem = fmt::format("case '{}' is not a case number (1, 2, ... up to /getCaseCount)", *case_text);
      return request;
    }
    request.case_number = number;
  }
  if (agent) request.agent = *agent;

  const bool needs_case = request.endpoint == Endpoint::RunCase || request.endpoint == Endpoint::GetCaseInfo ||
                          request.endpoint == Endpoint::GetCaseStatus;
  const bool needs_agent = request.endpoint == Endpoint::RunCase || request.endpoint == Endpoint::GetCaseStatus ||
                           request.endpoint == Endpoint::UpdateReports;
  if (needs_case && !request.case_number) request.problem = fmt::format("{} needs case=N", request.path);
  else if (needs_agent && request.agent.empty()) request.problem = fmt::format("{} needs agent=NAME", request.path);
  return request;
}

}  // namespace wsh::serve
