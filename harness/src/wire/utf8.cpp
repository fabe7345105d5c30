#include "wire/utf8.hpp"

#include <array>
#include <cstring>

namespace wsh::wire {
namespace {

// A deterministic automaton over byte classes. Each state says what the next
// byte may be; the well-formed byte sequences of RFC 3629 §4 are exactly the
// paths from Accept back to Accept.
enum State : std::uint8_t {
  kAccept,   // between characters
  kReject,   // sink: the input is invalid
  kNeed1,    // one continuation byte (80-BF) left
  kNeed2,    // two continuation bytes left
  kNeed3,    // three continuation bytes left
  kAfterE0,  // E0: next must be A0-BF, else the 3-byte form is overlong
  kAfterED,  // ED: next must be 80-9F, else it encodes a surrogate D800-DFFF
  kAfterF0,  // F0: next must be 90-BF, else the 4-byte form is overlong
  kAfterF4,  // F4: next must be 80-8F, else it is above U+10FFFF
  kStateCount
};

enum ByteClass : std::uint8_t {
  kAscii,       // 00-7F
  kCont80to8F,  // continuation bytes, split where the lead-byte rules split them
  kCont90to9F,
  kContA0toBF,
  kNever,  // C0, C1 (only overlong 2-byte forms) and F5-FF (beyond U+10FFFF)
  kLead2,  // C2-DF
  kLeadE0,
  kLead3,  // E1-EC, EE-EF
  kLeadED,
  kLeadF0,
  kLead4,  // F1-F3
  kLeadF4,
  kClassCount
};

constexpr std::array<std::uint8_t, 256> make_byte_classes() {
  std::array<std::uint8_t, 256> classes{};
  auto set = [&classes](int first, int last, ByteClass byte_class) {
    for (int b = first; b <= last; ++b) classes[static_cast<std::size_t>(b)] = byte_class;
  };
  set(0x00, 0x7F, kAscii);
  set(0x80, 0x8F, kCont80to8F);
  set(0x90, 0x9F, kCont90to9F);
  set(0xA0, 0xBF, kContA0toBF);
  set(0xC0, 0xC1, kNever);
  set(0xC2, 0xDF, kLead2);
  set(0xE0, 0xE0, kLeadE0);
  set(0xE1, 0xEC, kLead3);
  set(0xED, 0xED, kLeadED);
  set(0xEE, 0xEF, kLead3);
  set(0xF0, 0xF0, kLeadF0);
  set(0xF1, 0xF3, kLead4);
  set(0xF4, 0xF4, kLeadF4);
  set(0xF5, 0xFF, kNever);
  return classes;
}

constexpr std::array<std::uint8_t, 256> kByteClass = make_byte_classes();

using TransitionRow = std::array<std::uint8_t, kClassCount>;

// Row: current state; column: class of the next byte; entry: next state.
constexpr std::array<TransitionRow, kStateCount> make_transitions() {
  std::array<TransitionRow, kStateCount> next{};
  for (auto& row : next) row.fill(kReject);  // anything not listed below is invalid

  TransitionRow& accept = next[kAccept];
  accept[kAscii] = kAccept;
  accept[kLead2] = kNeed1;
  accept[kLeadE0] = kAfterE0;
  accept[kLead3] = kNeed2;
  accept[kLeadED] = kAfterED;
  accept[kLeadF0] = kAfterF0;
  accept[kLead4] = kNeed3;
  accept[kLeadF4] = kAfterF4;

  for (const ByteClass cont : {kCont80to8F, kCont90to9F, kContA0toBF}) {
    next[kNeed1][cont] = kAccept;
    next[kNeed2][cont] = kNeed1;
    next[kNeed3][cont] = kNeed2;
  }
  next[kAfterE0][kContA0toBF] = kNeed1;
  next[kAfterED][kCont80to8F] = kNeed1;
  next[kAfterED][kCont90to9F] = kNeed1;
  next[kAfterF0][kCont90to9F] = kNeed2;
  next[kAfterF0][kContA0toBF] = kNeed2;
  next[kAfterF4][kCont80to8F] = kNeed2;
  return next;
}

constexpr std::array<TransitionRow, kStateCount> kTransitions = make_transitions();

constexpr std::uint64_t kHighBitOfEveryByte = 0x8080'8080'8080'8080ULL;

}  // namespace

bool Utf8Validator::feed(ByteView bytes) {
  if (failed()) return false;
  const std::uint8_t* data = bytes.data();
  const std::size_t size = bytes.size();
  std::uint8_t state = state_;
  std::size_t i = 0;
  while (i < size) {
    if (state == kAccept) {
      // Between characters, skip ASCII eight bytes at a time: most text is
      // ASCII, and a byte below 0x80 cannot change the state.
      while (i + 8 <= size) {
        std::uint64_t word = 0;
        std::memcpy(&word, data + i, sizeof word);
        if ((word & kHighBitOfEveryByte) != 0) break;
        i += 8;
      }
      if (i == size) break;
    }
    state = kTransitions[state][kByteClass[data[i]]];
    if (state == kReject) {
      error_offset_ = bytes_fed_ + i;
      bytes_fed_ += i + 1;
      state_ = state;
      return false;
    }
    ++i;
  }
  state_ = state;
  bytes_fed_ += size;
  return true;
}

bool Utf8Validator::complete() const { return state_ == kAccept; }

void Utf8Validator::reset() { *this = Utf8Validator{}; }

bool is_valid_utf8(ByteView bytes) {
  Utf8Validator validator;
  return validator.feed(bytes) && validator.complete();
}

}  // namespace wsh::wire
