#pragma once
// `wsharness baseline check`: the problems that let a baseline entry stop
// meaning anything, found without running a subject. An entry that matches
// no result of the catalogue (stale), one that a later entry hides for
// every result it matches (shadowed), an id glob that covers several cases
// without saying why (`spans`), and a `versions` range that holds none of
// the releases the baseline was measured on (`tested_versions`).

#include <string>
#include <vector>

#include "cases/baseline.hpp"
#include "cases/case_loader.hpp"

namespace wsh::cases {

struct BaselineProblem {
  SourceLocation where;  // the entry's [[result]] line
  std::string message;
  std::string to_string() const { return where.to_string() + ": " + message; }
};

std::vector<BaselineProblem> lint_baseline(const Baseline& baseline, const Catalogue& catalogue);

}  // namespace wsh::cases
