// A test-only subject with a real memory error: it says hello, then reads one
// byte past the end of a heap block. Valgrind (as a wrapper) or AddressSanitizer
// (when this is built with it) must report it, and the launcher must find
// the report on stderr.
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char**) {
  std::puts(R"({"event":"hello","impl":"memory-error","version":"1","roles":["server"],"features":[]})");
  std::fflush(stdout);
  constexpr std::size_t kSize = 8;
  auto* block = static_cast<char*>(std::malloc(kSize));
  std::memset(block, 'x', kSize);
  // argc keeps the index out of the compiler's sight (no -Warray-bounds, no folding).
  const std::size_t past_the_end = kSize + static_cast<std::size_t>(argc) - 1;
  const volatile char* bytes = block;
  const int value = bytes[past_the_end];
  std::free(block);
  std::printf(R"({"event":"error","message":"read %d past the end"})"
              "\n",
              value);
  return 0;
}
