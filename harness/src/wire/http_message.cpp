#include "wire/http_message.hpp"

#include <algorithm>
#include <charconv>

namespace wsh::wire {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kHeaderTerminator = "\r\n\r\n";

HandshakeError error(HandshakeErrorKind kind, std::string reason, std::string_view section) {
  return HandshakeError{kind, std::move(reason), section};
}

// RFC 7230 §3.2.6: tchar, the characters of a token (method, header name).
bool is_token_char(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return kSpecials.find(c) != std::string_view::npos;
}

bool is_token(std::string_view text) { return !text.empty() && std::all_of(text.begin(), text.end(), is_token_char); }

// "HTTP/" DIGIT "." DIGIT (RFC 7230 §2.6).
bool is_http_version(std::string_view text) {
  return text.size() == 8 && text.substr(0, 5) == "HTTP/" && text[5] >= '0' && text[5] <= '9' && text[6] == '.' &&
         text[7] >= '0' && text[7] <= '9';
}

// Splits the block into its start line and its header lines, checking size
// and completeness. `section` names the RFC 6455 section of the side parsed.
std::variant<std::string_view, HandshakeError> header_block(std::string_view data, std::string_view section) {
  const std::optional<std::size_t> end = find_header_end(data);
  if (!end) {
    if (header_block_too_large(data)) {
      return error(HandshakeErrorKind::TooLarge,
                   "no end of the header block within " + std::to_string(kMaxHeaderBlockSize) + " bytes", section);
    }
    return error(HandshakeErrorKind::Incomplete, "the header block does not end with an empty line (CRLF CRLF)",
                 section);
  }
  if (*end > kMaxHeaderBlockSize) {
    return error(HandshakeErrorKind::TooLarge,
                 "header block of " + std::to_string(*end) + " bytes is over the limit of " +
                     std::to_string(kMaxHeaderBlockSize),
                 section);
  }
  // Without the final CRLF CRLF: lines separated by CRLF.
  return data.substr(0, *end - kHeaderTerminator.size());
}

std::string_view next_line(std::string_view& rest) {
  const std::size_t crlf = rest.find(kCrlf);
  const std::string_view line = rest.substr(0, crlf);
  rest = crlf == std::string_view::npos ? std::string_view{} : rest.substr(crlf + kCrlf.size());
  return line;
}

std::optional<HandshakeError> parse_header_lines(std::string_view lines, HttpHeaders& headers,
                                                 std::string_view section) {
  while (!lines.empty()) {
    const std::string_view line = next_line(lines);
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      // RFC 7230 §3.2.4: obsolete line folding is to be rejected.
      return error(HandshakeErrorKind::MalformedHeader, "header line begins with whitespace (obsolete line folding)",
                   section);
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return error(HandshakeErrorKind::MalformedHeader, "header line without a colon: \"" + std::string(line) + "\"",
                   section);
    }
    const std::string_view name = line.substr(0, colon);
    if (!is_token(name)) {
      // Includes whitespace before the colon, which RFC 7230 §3.2.4 forbids.
      return error(HandshakeErrorKind::MalformedHeader, "header name is not a token: \"" + std::string(name) + "\"",
                   section);
    }
    const std::string_view value = trim_http_whitespace(line.substr(colon + 1));
    if (value.find_first_of("\r\n") != std::string_view::npos) {
      return error(HandshakeErrorKind::MalformedHeader, "bare CR or LF in a header value", section);
    }
    headers.add(name, value);
  }
  return std::nullopt;
}

constexpr std::string_view kRequestSection = "4.2.1";
constexpr std::string_view kResponseSection = "4.1";

}  // namespace

std::optional<std::size_t> find_header_end(std::string_view data) {
  const std::size_t at = data.find(kHeaderTerminator);
  if (at == std::string_view::npos) return std::nullopt;
  return at + kHeaderTerminator.size();
}

bool header_block_too_large(std::string_view received) {
  const std::string_view window = received.substr(0, kMaxHeaderBlockSize);
  return received.size() >= kMaxHeaderBlockSize && !find_header_end(window);
}

std::variant<HttpRequest, HandshakeError> parse_request(std::string_view data) {
  auto block = header_block(data, kRequestSection);
  if (auto* failure = std::get_if<HandshakeError>(&block)) return std::move(*failure);
  std::string_view lines = std::get<std::string_view>(block);

  // request-line = method SP request-target SP HTTP-version (RFC 7230 §3.1.1)
  const std::string_view start = next_line(lines);
  const std::size_t first_space = start.find(' ');
  const std::size_t second_space =
      first_space == std::string_view::npos ? first_space : start.find(' ', first_space + 1);
  HttpRequest request;
  if (second_space != std::string_view::npos) {
    request.method = start.substr(0, first_space);
    request.target = start.substr(first_space + 1, second_space - first_space - 1);
    request.version = start.substr(second_space + 1);
  }
  if (second_space == std::string_view::npos || !is_token(request.method) || request.target.empty() ||
      !is_http_version(request.version)) {
    return error(HandshakeErrorKind::MalformedStartLine, "malformed request line: \"" + std::string(start) + "\"",
                 kRequestSection);
  }
  if (auto failure = parse_header_lines(lines, request.headers, kRequestSection)) {
    return std::move(*failure);
  }
  return request;
}

std::variant<HttpResponse, HandshakeError> parse_response(std::string_view data) {
  auto block = header_block(data, kResponseSection);
  if (auto* failure = std::get_if<HandshakeError>(&block)) return std::move(*failure);
  std::string_view lines = std::get<std::string_view>(block);

  // status-line = HTTP-version SP status-code SP reason-phrase (RFC 7230
  // §3.1.2); a missing SP before an empty reason is tolerated.
  const std::string_view start = next_line(lines);
  HttpResponse response;
  bool well_formed = start.size() >= 12 && start[8] == ' ' && (start.size() == 12 || start[12] == ' ');
  if (well_formed) {
    response.version = start.substr(0, 8);
    const std::string_view code = start.substr(9, 3);
    const auto [end, result] = std::from_chars(code.data(), code.data() + code.size(), response.status);
    well_formed = is_http_version(response.version) && result == std::errc{} && end == code.data() + code.size() &&
                  std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (start.size() > 12) response.reason = start.substr(13);
  }
  if (!well_formed) {
    return error(HandshakeErrorKind::MalformedStartLine, "malformed status line: \"" + std::string(start) + "\"",
                 kResponseSection);
  }
  if (auto failure = parse_header_lines(lines, response.headers, kResponseSection)) {
    return std::move(*failure);
  }
  return response;
}

}  // namespace wsh::wire
