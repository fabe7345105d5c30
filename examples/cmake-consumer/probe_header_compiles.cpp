// The installed probe header is found through wsharness::probe and compiles
// on its own (it has no dependencies).
#include <wsharness/probe.hpp>

int main() { return 0; }
