#pragma once
// A problem in a case or baseline file, located to the file, line and column.

#include <string>
#include <vector>

#include "cases/case_model.hpp"

namespace wsh::cases {

struct LoadError {
  SourceLocation where;
  std::string message;
  std::string to_string() const;  // "cases/close/x.toml:12:5: unknown key 'sise' ..."
};

using LoadErrors = std::vector<LoadError>;

}  // namespace wsh::cases
