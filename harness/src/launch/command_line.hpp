#pragma once
// Splits `--subject-cmd "<command line>"` into argv.
//
// The command is never run by a shell: it is split into words the way a POSIX
// shell splits them, and then executed directly. Quoting works as in sh:
//   '...'  everything literal up to the next single quote;
//   "..."  literal except \" \\ \` \$ and backslash-newline;
//   \c     outside quotes: c literally (backslash-newline joins lines).
// What a shell would *expand or interpret* is refused instead of being passed
// through with a different meaning: unquoted | & ; < > ( ) * ? [ $ and `,
// $ and ` inside double quotes, and # or ~ at the start of a word. A user who
// needs pipes, redirection or variables writes  sh -c '...'  explicitly, so
// what runs is always exactly what the command line says.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::launch {

// A command line that cannot be split; what() names the problem and its
// column (1-based), e.g. "unquoted '|' at column 12: ...".
class CommandLineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws CommandLineError on unterminated quotes, a trailing backslash, a NUL
// byte, a refused character (see above) or an empty command.
std::vector<std::string> split_command_line(std::string_view command_line);

}  // namespace wsh::launch
