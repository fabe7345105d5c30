#pragma once
// SIGTERM means "/shutdown" in the subject protocol. Call this first in main,
// before any thread starts: it blocks SIGTERM and SIGINT in every thread and
// runs `on_signal` on a dedicated thread when one arrives, where it may take
// locks and call close() (a signal handler could do neither).

#include <functional>

namespace wsh::subject {

void on_termination_signal(std::function<void()> on_signal);

}  // namespace wsh::subject
