#include "netfuzz/mutator.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <optional>

#include "peer/step_frames.hpp"
#include "wire/close_payload.hpp"
#include "wire/opcode.hpp"

namespace wsh::netfuzz {
namespace {

using cases::SendStep;
using cases::Step;
using Steps = std::vector<Step>;
using Note = std::optional<std::string>;

constexpr std::uint8_t kContinuation = 0x0, kText = 0x1, kBinary = 0x2, kClose = 0x8, kPing = 0x9, kPong = 0xA;

// Close codes worth sending: every class of §7.4 and its edges.
const std::vector<std::uint16_t> kCloseCodes = {0,    1,    999,  1000, 1001, 1002, 1003, 1004, 1005, 1006,
                                                1007, 1008, 1009, 1010, 1011, 1012, 1014, 1015, 1016, 1100,
                                                2000, 2999, 3000, 3999, 4000, 4999, 5000, 65535};

// Byte sequences that are not UTF-8 (§8.1): a lone continuation byte, an
// overlong form, a surrogate, a code point past U+10FFFF, a cut sequence.
const std::vector<cases::Bytes> kInvalidUtf8 = {{0x80}, {0xc0, 0xaf}, {0xed, 0xa0, 0x80}, {0xf4, 0x90, 0x80, 0x80},
                                                {0xce}, {0xff, 0xfe}, {0xe2, 0x82}};

std::vector<std::size_t> send_indices(const Steps& steps) {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (std::holds_alternative<SendStep>(steps[i])) found.push_back(i);
  return found;
}

SendStep* pick_send(Steps& steps, FuzzRandom& random, std::size_t* index = nullptr) {
  const auto indices = send_indices(steps);
  if (indices.empty()) return nullptr;
  const auto chosen = random.pick(indices);
  if (index) *index = chosen;
  return &std::get<SendStep>(steps[chosen]);
}

std::string opcode_label(std::uint8_t opcode) {
  if (wire::is_reserved(opcode)) return fmt::format("opcode {}", opcode);
  return std::string(wire::opcode_name(opcode));
}

cases::Bytes random_bytes(FuzzRandom& random, std::size_t size) {
  cases::Bytes bytes(size);
  for (auto& byte : bytes) byte = random.byte();
  return bytes;
}

std::array<std::uint8_t, 4> random_key(FuzzRandom& random) {
  return {random.byte(), random.byte(), random.byte(), random.byte()};
}

// ---- the mutations -------------------------------------------------------

Note mutate_opcode(Steps& steps, FuzzRandom& random, bool) {
  auto* send = pick_send(steps, random);
  if (!send) return std::nullopt;
  // Half the time a reserved opcode (§5.2: 0x3-0x7 and 0xB-0xF).
  static const std::vector<std::uint8_t> kReserved = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF};
  static const std::vector<std::uint8_t> kDefined = {kContinuation, kText, kBinary, kClose, kPing, kPong};
  const auto before = send->opcode;
  send->opcode = random.percent(50) ? random.pick(kReserved) : random.pick(kDefined);
  return fmt::format("opcode {} -> {}", opcode_label(before), opcode_label(send->opcode));
}

Note mutate_fin(Steps& steps, FuzzRandom& random, bool) {
  auto* send = pick_send(steps, random);
  if (!send) return std::nullopt;
  send->fin = !send->fin;
  return fmt::format("FIN of a {} frame -> {}", opcode_label(send->opcode), send->fin ? 1 : 0);
}

Note mutate_rsv(Steps& steps, FuzzRandom& random, bool) {
  auto* send = pick_send(steps, random);
  if (!send) return std::nullopt;
  send->rsv = static_cast<std::uint8_t>(random.between(1, 7));
  return fmt::format("RSV bits of a {} frame -> {}", opcode_label(send->opcode), send->rsv);
}

Note mutate_mask(Steps& steps, FuzzRandom& random, bool) {
  auto* send = pick_send(steps, random);
  if (!send) return std::nullopt;
  switch (random.below(3)) {
    case 0:
      send->mask = cases::MaskMode::Wrong;
      return std::string("mask: the opposite of what the role demands (§5.1)");
    case 1: send->mask = cases::MaskMode::None; return std::string("mask: none");
    default:
      send->mask = cases::MaskMode::Fixed;
      send->mask_key = random.percent(30) ? std::array<std::uint8_t, 4>{} : random_key(random);
      return fmt::format("mask: key {:02x}{:02x}{:02x}{:02x}", send->mask_key[0], send->mask_key[1], send->mask_key[2],
                         send->mask_key[3]);
  }
}

Note mutate_length(Steps& steps, FuzzRandom& random, bool) {
  auto* send = pick_send(steps, random);
  if (!send) return std::nullopt;
  const auto size = send->payload.size();
  switch (random.below(4)) {
    case 0:
      send->length = cases::LengthMode::Force16;
      return std::string("length: 16-bit encoding (not minimal, §5.2)");
    case 1:
      send->length = cases::LengthMode::Force64;
      return std::string("length: 64-bit encoding (not minimal, §5.2)");
    case 2: {
      // A declared length that lies a little: the frame swallows the next
      // one's header, or ends early.
      const auto delta = static_cast<std::int64_t>(random.between(-3, 3));
      const auto declared = std::max<std::int64_t>(0, static_cast<std::int64_t>(size) + (delta == 0 ? 1 : delta));
      send->declared_length = static_cast<std::uint64_t>(declared);
      return fmt::format("declared length {} for {} payload bytes", declared, size);
    }
    default: {
      // A declared length that lies a lot: near the 63-bit limit (§5.2: the
      // most significant bit MUST be 0), or just past the 16-bit form.
      static const std::vector<std::uint64_t> kHuge = {126, 65535, 65536, 0x7fffffffull, 0x7fffffffffffffffull};
      send->declared_length = random.pick(kHuge);
      send->length = cases::LengthMode::Force64;
      return fmt::format("declared length {} (64-bit form) for {} payload bytes", *send->declared_length, size);
    }
  }
}

Note mutate_payload(Steps& steps, FuzzRandom& random, bool) {
  auto* send = pick_send(steps, random);
  if (!send) return std::nullopt;
  auto& payload = send->payload;
  switch (random.below(4)) {
    case 0:
      if (payload.empty()) return std::nullopt;
      payload[random.below(payload.size())] ^= static_cast<std::uint8_t>(1u << random.below(8));
      return fmt::format("flipped a bit of a {} payload", opcode_label(send->opcode));
    case 1: {
      const auto& bad = random.pick(kInvalidUtf8);
      const auto at = random.below(payload.size() + 1);
      payload.insert(payload.begin() + static_cast<std::ptrdiff_t>(at), bad.begin(), bad.end());
      return fmt::format("invalid UTF-8 inserted at byte {} of a {} payload", at, opcode_label(send->opcode));
    }
    case 2: {
      const auto keep = random.below(payload.size() + 1);
      payload.resize(keep);
      return fmt::format("{} payload cut to {} bytes", opcode_label(send->opcode), keep);
    }
    default: {
      // Sizes at the edges of the length encodings and of control frames.
      static const std::vector<std::size_t> kSizes = {0, 1, 2, 124, 125, 126, 127, 65535, 65536};
      const auto size = random.pick(kSizes);
      payload = random_bytes(random, size);
      return fmt::format("{} payload replaced by {} random bytes", opcode_label(send->opcode), size);
    }
  }
}

Note mutate_close(Steps& steps, FuzzRandom& random, bool) {
  std::size_t index = 0;
  auto* send = pick_send(steps, random, &index);
  SendStep close;
  if (send && send->opcode == kClose) close = *send;
  close.opcode = kClose;
  close.fin = true;
  std::string reason;
  std::string what;
  switch (random.below(5)) {
    case 0:
      reason = "";
      what = "no reason";
      break;
    case 1:
      reason = "bye";
      what = "a short reason";
      break;
    case 2: {
      const auto& bad = random.pick(kInvalidUtf8);
      reason = "ab" + std::string(bad.begin(), bad.end());
      what = "a reason that is not UTF-8";
      break;
    }
    case 3:
      reason = std::string(123, 'r');
      what = "a 123-byte reason (the most that fits, §5.5)";
      break;
    default:
      reason = std::string(124, 'r');
      what = "a 124-byte reason (payload 126 > 125, §5.5)";
      break;
  }
  const auto code = random.pick(kCloseCodes);
  if (random.percent(10)) {
    close.payload = {static_cast<std::uint8_t>(code >> 8)};
    what = "a 1-byte payload";
  } else {
    close.payload = wire::build_close_payload(code, reason);
  }
  const bool replace = send && random.percent(50);
  if (replace) steps[index] = close;
  else steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(random.below(steps.size() + 1)), close);
  return fmt::format("{} close frame, code {}, {}", replace ? "replaced by a" : "inserted a", code, what);
}

Note mutate_fragment(Steps& steps, FuzzRandom& random, bool) {
  std::size_t index = 0;
  auto* send = pick_send(steps, random, &index);
  if (!send || send->payload.size() < 2) return std::nullopt;
  const SendStep whole = *send;
  const auto pieces = std::min<std::size_t>(whole.payload.size(), static_cast<std::size_t>(random.between(2, 4)));
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < pieces; ++i) cuts.push_back(1 + random.below(whole.payload.size() - 1));
  cuts.push_back(0);
  cuts.push_back(whole.payload.size());
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  Steps fragments;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    SendStep part = whole;
    part.repeat = 1;
    part.one_write = false;
    part.declared_length.reset();
    part.opcode = i == 0 ? whole.opcode : kContinuation;
    part.fin = i + 2 == cuts.size();
    part.payload.assign(whole.payload.begin() + static_cast<std::ptrdiff_t>(cuts[i]),
                        whole.payload.begin() + static_cast<std::ptrdiff_t>(cuts[i + 1]));
    fragments.push_back(part);
  }
  steps.erase(steps.begin() + static_cast<std::ptrdiff_t>(index));
  steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(index), fragments.begin(), fragments.end());
  return fmt::format("{} frame split into {} fragments (§5.4)", opcode_label(whole.opcode), fragments.size());
}

Note insert_control(Steps& steps, FuzzRandom& random, bool) {
  // Right after an unfinished data frame when there is one: a control frame
  // in the middle of a fragmented message (§5.4 allows ping and pong there).
  std::size_t at = random.below(steps.size() + 1);
  for (const auto i : send_indices(steps)) {
    const auto& send = std::get<SendStep>(steps[i]);
    if (!send.fin && send.opcode < 0x8 && random.percent(70)) {
      at = i + 1;
      break;
    }
  }
  static const std::vector<std::uint8_t> kControls = {kPing, kPong, kClose, 0xB, 0xF};
  SendStep control;
  control.opcode = random.pick(kControls);
  control.fin = !random.percent(15);  // §5.5: control frames MUST NOT be fragmented
  const std::size_t size = random.percent(15) ? 126 : random.below(20);
  control.payload =
      control.opcode == kClose ? wire::build_close_payload(random.pick(kCloseCodes), "") : random_bytes(random, size);
  steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(at), control);
  return fmt::format("{} control frame ({} bytes{}) inserted at step {}", opcode_label(control.opcode),
                     control.payload.size(), control.fin ? "" : ", FIN 0", at + 1);
}

Note truncate_frame(Steps& steps, FuzzRandom& random, bool harness_is_client) {
  std::size_t index = 0;
  auto* send = pick_send(steps, random, &index);
  if (!send) return std::nullopt;
  SendStep one = *send;
  one.repeat = 1;
  if (one.mask == cases::MaskMode::Auto || one.mask == cases::MaskMode::Random) {
    // A fixed key, so the raw bytes written into the case are exactly these.
    one.mask = harness_is_client ? cases::MaskMode::Fixed : cases::MaskMode::None;
    one.mask_key = random_key(random);
  }
  std::mt19937_64 unused(0);
  auto encoded = peer::encode_send(one, harness_is_client, unused).bytes;
  if (encoded.size() < 2) return std::nullopt;
  const auto keep = 1 + random.below(encoded.size() - 1);
  encoded.resize(keep);
  steps[index] = cases::SendRawStep{encoded, std::nullopt};
  // What follows a cut frame is read as its continuation; often drop it.
  if (random.percent(50)) steps.resize(index + 1);
  return fmt::format("{} frame truncated after {} bytes (sent raw)", opcode_label(one.opcode), keep);
}

Note insert_delivery_fault(Steps& steps, FuzzRandom& random, bool) {
  cases::FaultStep fault;
  std::string what;
  switch (random.below(6)) {
    case 0:
    case 1:
      fault.name = "chop";
      fault.params["size"] = std::int64_t{random.between(1, 7)};
      fault.params["delay_ms"] = std::int64_t{random.percent(50) ? 0 : random.between(1, 3)};
      what =
          fmt::format("delivery chopped into {}-byte slices, {} ms apart", std::get<std::int64_t>(fault.params["size"]),
                      std::get<std::int64_t>(fault.params["delay_ms"]));
      break;
    case 2:
      fault.name = "delay";
      fault.params["ms"] = std::int64_t{random.between(1, 20)};
      what = fmt::format("each write held {} ms", std::get<std::int64_t>(fault.params["ms"]));
      break;
    case 3: {
      static const std::vector<std::string> kThen = {"fin", "rst", "none"};
      fault.name = "truncate";
      fault.params["after"] = std::int64_t{random.between(0, 40)};
      fault.params["then"] = random.pick(kThen);
      what = fmt::format("stream cut after {} bytes, then {}", std::get<std::int64_t>(fault.params["after"]),
                         std::get<std::string>(fault.params["then"]));
      break;
    }
    case 4:
      fault.name = "corrupt";
      fault.params["offset"] = std::int64_t{random.between(0, 40)};
      fault.params["xor"] = std::int64_t{random.between(1, 255)};
      what = fmt::format("byte {} of the stream corrupted", std::get<std::int64_t>(fault.params["offset"]));
      break;
    default:
      fault.name = random.percent(50) ? "rst" : "fin";
      what = fault.name == "rst" ? "TCP reset" : "TCP half-close (FIN)";
      break;
  }
  // Stream faults act on what is sent after them: mostly from the start.
  const bool ends = fault.name == "rst" || fault.name == "fin";
  const auto at = ends ? 1 + random.below(steps.size()) : (random.percent(60) ? 0 : random.below(steps.size() + 1));
  steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(std::min(at, steps.size())), fault);
  return fmt::format("{} from step {}", what, std::min(at, steps.size()) + 1);
}

Note insert_chat(Steps& steps, FuzzRandom& random, bool) {
  SendStep chat;
  std::string text;
  if (random.percent(70)) {
    text = fmt::format("/close {} {}", random.pick(kCloseCodes), random.percent(50) ? "bye" : "");
  } else {
    text = "/quit";
  }
  chat.payload.assign(text.begin(), text.end());
  steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(random.below(steps.size() + 1)), chat);
  return fmt::format("chat command \"{}\" inserted", text);
}

Note shuffle_steps(Steps& steps, FuzzRandom& random, bool) {
  if (steps.empty()) return std::nullopt;
  const auto i = random.below(steps.size());
  switch (random.below(3)) {
    case 0:
      if (steps.size() < 2) return std::nullopt;
      steps.erase(steps.begin() + static_cast<std::ptrdiff_t>(i));
      return fmt::format("step {} removed", i + 1);
    case 1:
      steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(i), steps[i]);
      return fmt::format("step {} sent twice", i + 1);
    default: {
      const auto j = random.below(steps.size());
      std::swap(steps[i], steps[j]);
      return fmt::format("steps {} and {} swapped", i + 1, j + 1);
    }
  }
}

Note burst(Steps& steps, FuzzRandom& random, bool) {
  auto* send = pick_send(steps, random);
  if (!send) return std::nullopt;
  send->repeat = static_cast<int>(random.between(2, 16));
  send->one_write = random.percent(70);
  return fmt::format("a {} frame sent {} times{}", opcode_label(send->opcode), send->repeat,
                     send->one_write ? " in one write" : "");
}

using Mutation = Note (*)(Steps&, FuzzRandom&, bool);
const std::vector<Mutation> kMutations = {mutate_opcode,         mutate_fin,     mutate_rsv,     mutate_mask,
                                          mutate_length,         mutate_payload, mutate_close,   mutate_close,
                                          mutate_fragment,       insert_control, truncate_frame, insert_delivery_fault,
                                          insert_delivery_fault, insert_chat,    shuffle_steps,  burst};

std::size_t step_bytes(const Step& step) {
  if (const auto* send = std::get_if<SendStep>(&step))
    return (send->payload.size() + 14) * static_cast<std::size_t>(send->repeat);
  if (const auto* raw = std::get_if<cases::SendRawStep>(&step)) return raw->bytes.size();
  return 0;
}

// Holds the case to the limits: step count, payload sizes, repeats, total
// bytes, and the time pauses and slow delivery may add.
void enforce_limits(Steps& steps, const MutatorLimits& limits) {
  if (steps.size() > limits.max_steps) steps.resize(limits.max_steps);
  std::size_t total = 0;
  std::size_t writes = 0;
  for (auto it = steps.begin(); it != steps.end();) {
    if (auto* send = std::get_if<SendStep>(&*it)) {
      send->repeat = std::clamp(send->repeat, 1, limits.max_repeat);
      if (send->payload.size() > limits.max_frame_payload) send->payload.resize(limits.max_frame_payload);
      const auto room = limits.max_case_bytes > total ? limits.max_case_bytes - total : 0;
      if (step_bytes(*it) > room) {
        send->repeat = 1;
        send->payload.resize(room > 14 ? std::min(send->payload.size(), room - 14) : 0);
      }
      // A 16-bit length field cannot say more than 65535 (§5.2).
      if (send->length == cases::LengthMode::Force16 && send->declared_length.value_or(send->payload.size()) > 0xFFFF)
        send->length = cases::LengthMode::Force64;
      writes += send->one_write ? 1 : static_cast<std::size_t>(send->repeat);
    } else if (auto* raw = std::get_if<cases::SendRawStep>(&*it)) {
      const auto room = limits.max_case_bytes > total ? limits.max_case_bytes - total : 0;
      if (raw->bytes.size() > room) raw->bytes.resize(room);
      if (raw->bytes.empty()) {
        it = steps.erase(it);
        continue;
      }
      ++writes;
    }
    total += step_bytes(*it);
    ++it;
  }
  // Time: sleeps, per-write delays and chop pauses, each bounded so that a
  // case costs at most about max_added_delay on top of its exchange.
  const auto budget = limits.max_added_delay.count();
  for (auto& step : steps) {
    if (auto* sleep = std::get_if<cases::SleepStep>(&step)) {
      sleep->duration = std::min(sleep->duration, limits.max_added_delay / 4);
    } else if (auto* fault = std::get_if<cases::FaultStep>(&step)) {
      if (fault->name == "delay") {
        auto& ms = std::get<std::int64_t>(fault->params["ms"]);
        ms = std::min<std::int64_t>(ms, budget / static_cast<std::int64_t>(std::max<std::size_t>(writes, 1)));
      } else if (fault->name == "chop" && fault->params.contains("delay_ms")) {
        auto& delay = std::get<std::int64_t>(fault->params["delay_ms"]);
        const auto size = fault->params.contains("size") ? std::get<std::int64_t>(fault->params["size"]) : 1;
        const auto slices = static_cast<std::int64_t>(total) / std::max<std::int64_t>(size, 1) + 1;
        if (delay * slices > budget) delay = 0;
      }
    }
  }
}

}  // namespace

std::size_t case_bytes(const std::vector<cases::Step>& steps) {
  std::size_t total = 0;
  for (const auto& step : steps) {
    if (const auto* send = std::get_if<SendStep>(&step))
      total += send->payload.size() * static_cast<std::size_t>(send->repeat);
    if (const auto* raw = std::get_if<cases::SendRawStep>(&step)) total += raw->bytes.size();
  }
  return total;
}

GeneratedSteps generate_steps(const std::vector<Seed>& seeds, std::uint64_t case_seed, bool harness_is_client,
                              const MutatorLimits& limits) {
  FuzzRandom random(case_seed);
  GeneratedSteps generated;
  if (!seeds.empty()) {
    const auto& seed = random.pick(seeds);
    generated.steps = seed.steps;
    generated.sources.push_back(seed.source);
    if (random.percent(15)) {
      const auto& other = random.pick(seeds);
      generated.steps.insert(generated.steps.end(), other.steps.begin(), other.steps.end());
      generated.sources.push_back(other.source);
      generated.mutations.push_back("spliced with the steps of " + other.source);
    }
  }
  enforce_limits(generated.steps, limits);
  const auto count = 1 + random.below(static_cast<std::size_t>(std::max(limits.max_mutations, 1)));
  for (std::size_t i = 0; i < count; ++i) {
    if (auto note = random.pick(kMutations)(generated.steps, random, harness_is_client))
      generated.mutations.push_back(std::move(*note));
  }
  enforce_limits(generated.steps, limits);
  if (generated.steps.empty()) {
    // Nothing left to send: a close frame, so every case exchanges something.
    SendStep close;
    close.opcode = kClose;
    close.payload = wire::build_close_payload(1000, "");
    generated.steps.push_back(close);
  }
  return generated;
}

}  // namespace wsh::netfuzz
