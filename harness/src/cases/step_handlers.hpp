#pragma once
// One handler per step kind, for std::visit over a cases::Step: a step kind
// added to the variant without a handler in an interpreter fails to compile
// there, instead of failing at run time ("unknown step") or being dropped.

namespace wsh::cases {

template <class... Handlers>
struct StepHandlers : Handlers... {
  using Handlers::operator()...;
};
template <class... Handlers>
StepHandlers(Handlers...) -> StepHandlers<Handlers...>;

}  // namespace wsh::cases
