// Writes the frames of the case catalogue (every send and send_raw step of
// cases/**/*.toml) as seed files for the fuzz targets, so the seed corpora
// stay in step with the cases. fuzz/export_seeds.sh runs it; the output
// directory is usually fuzz/corpus.
//
//   wsh-fuzz-export-seeds CASES_DIR OUT_DIR
//
// Per case instance and role it writes:
//   fuzz_frame_decoder, fuzz_beast_frame, fuzz_httplib_frame: the bytes the
//     harness's peer sends, in the stream layout of support/stream_input.hpp
//     (whole stream in one piece; the fuzzer finds the splits);
//   fuzz_close_payload: each close payload sent;
//   fuzz_utf8: each text payload and close reason;
//   fuzz_handshake: the request of each handshake step, and its 101 answer.
// File names are case-<result id>-<role>[-n]; a file is rewritten only when
// its bytes change. Masks are a fixed key so that the output is stable.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "cases/case_loader.hpp"
#include "support/stream_input.hpp"
#include "wire/frame_encoder.hpp"
#include "wire/handshake.hpp"
#include "wire/opcode.hpp"

namespace {

namespace fs = std::filesystem;
using wsh::wire::Bytes;

// The targets' max_len (fuzz/*.options): a larger seed would be cut short.
constexpr std::size_t kMaxSeedSize = 4096;
// RFC 6455 §5.7's example masking key.
constexpr wsh::wire::MaskKey kMaskKey = {0x37, 0xfa, 0x21, 0x3d};
constexpr int kMaxRepeats = 8;

class SeedWriter {
 public:
  explicit SeedWriter(fs::path out) : out_(std::move(out)) {}

  void write(const std::string& target, const std::string& name, const Bytes& bytes) {
    if (bytes.size() > kMaxSeedSize) return;
    if (!seen_[target].insert(bytes).second) return;  // the same seed under another name
    const fs::path dir = out_ / target;
    fs::create_directories(dir);
    const fs::path file = dir / name;
    std::ifstream old(file, std::ios::binary);
    if (old && Bytes(std::istreambuf_iterator<char>(old), {}) == bytes) {
      ++unchanged_;
      return;
    }
    std::ofstream(file, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    ++written_;
  }

  int written() const { return written_; }
  int unchanged() const { return unchanged_; }

 private:
  fs::path out_;
  std::map<std::string, std::set<Bytes>> seen_;
  int written_ = 0;
  int unchanged_ = 0;
};

std::string file_name(const std::string& result_id, const char* role) {
  std::string name = "case-";
  for (const char c : result_id) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    name += plain ? c : '_';
  }
  return name + "-" + role;
}

// The frame a send step puts on the wire when the harness peer talks to a
// reader in `reader_is_server`'s role, as scripted_peer.cpp encodes it.
void append_send(Bytes& out, const wsh::cases::SendStep& send, bool reader_is_server) {
  wsh::wire::EncodeOptions options;
  options.fin = send.fin;
  options.rsv = send.rsv;
  options.length = send.length == wsh::cases::LengthMode::Force16   ? wsh::wire::LengthEncoding::Force16
                   : send.length == wsh::cases::LengthMode::Force64 ? wsh::wire::LengthEncoding::Force64
                                                                    : wsh::wire::LengthEncoding::Minimal;
  options.declared_length = send.declared_length;
  using wsh::cases::MaskMode;
  const bool masked = send.mask == MaskMode::Random || send.mask == MaskMode::Fixed ||
                      (send.mask == MaskMode::Auto && reader_is_server) ||
                      (send.mask == MaskMode::Wrong && !reader_is_server);
  if (masked) options.mask = send.mask == MaskMode::Fixed ? send.mask_key : kMaskKey;
  for (int i = 0; i < std::min(send.repeat, kMaxRepeats); ++i) {
    wsh::wire::append_frame(out, send.opcode, send.payload, options);
  }
}

Bytes stream_seed(bool reader_is_server, const Bytes& stream) {
  Bytes seed = {static_cast<std::uint8_t>(reader_is_server ? 0x01 : 0x00), 0x00};
  seed.insert(seed.end(), stream.begin(), stream.end());
  return seed;
}

Bytes to_bytes(const std::string& text) { return Bytes(text.begin(), text.end()); }

void export_case(const wsh::cases::CaseInstance& instance, SeedWriter& writer) {
  using wsh::wire::Opcode;
  for (const wsh::cases::Role role : instance.roles) {
    if (role == wsh::cases::Role::Pair) continue;
    // Role Server: the subject is the server, so it reads masked frames.
    const bool reader_is_server = role == wsh::cases::Role::Server;
    const char* role_name = reader_is_server ? "server" : "client";
    const std::string name = file_name(instance.result_id, role_name);
    Bytes stream;
    int payloads = 0;
    for (const wsh::cases::LocatedStep& located : instance.steps) {
      if (const auto* send = std::get_if<wsh::cases::SendStep>(&located.step)) {
        append_send(stream, *send, reader_is_server);
        const std::string n = "-" + std::to_string(++payloads);
        if (send->opcode == wsh::wire::to_raw(Opcode::Close)) {
          writer.write("fuzz_close_payload", name + n, send->payload);
          if (send->payload.size() > 2) {
            Bytes text = {0x00};
            text.insert(text.end(), send->payload.begin() + 2, send->payload.end());
            writer.write("fuzz_utf8", name + n, text);
          }
        } else if (send->opcode == wsh::wire::to_raw(Opcode::Text)) {
          Bytes text = {0x00};
          text.insert(text.end(), send->payload.begin(), send->payload.end());
          writer.write("fuzz_utf8", name + n, text);
        }
      } else if (const auto* raw = std::get_if<wsh::cases::SendRawStep>(&located.step)) {
        stream.insert(stream.end(), raw->bytes.begin(), raw->bytes.end());
      } else if (const auto* handshake = std::get_if<wsh::cases::HandshakeStep>(&located.step)) {
        wsh::wire::ClientRequestSpec spec;
        spec.host = "127.0.0.1:8080";
        spec.key = "dGhlIHNhbXBsZSBub25jZQ==";
        for (const auto& [field, value] : handshake->headers) spec.extra.add(field, value);
        for (const std::string& omitted : handshake->omit) {
          spec.omit_upgrade |= omitted == "upgrade";
          spec.omit_connection |= omitted == "connection";
          spec.omit_key |= omitted == "key";
          spec.omit_version |= omitted == "version";
        }
        if (handshake->version) spec.version = *handshake->version;
        writer.write("fuzz_handshake", name + "-request", to_bytes(wsh::wire::build_client_request(spec)));
      }
    }
    if (stream.empty()) continue;
    for (const char* target : {"fuzz_frame_decoder", "fuzz_beast_frame", "fuzz_httplib_frame"}) {
      writer.write(target, name, stream_seed(reader_is_server, stream));
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s CASES_DIR OUT_DIR\n", argv[0]);
    return 2;
  }
  const auto accept_every_fault = [](const wsh::cases::FaultStep&) { return std::optional<std::string>(); };
  const wsh::cases::Catalogue catalogue = wsh::cases::load_catalogue(argv[1], accept_every_fault);
  for (const auto& error : catalogue.errors) std::fprintf(stderr, "%s\n", error.to_string().c_str());
  if (!catalogue.ok()) return 1;

  SeedWriter writer(argv[2]);
  for (const auto& instance : catalogue.cases) export_case(instance, writer);
  // The handshakes every connection starts with.
  const std::string key = "dGhlIHNhbXBsZSBub25jZQ==";
  writer.write("fuzz_handshake", "default-request",
               to_bytes(wsh::wire::build_client_request({.host = "127.0.0.1:8080", .key = key})));
  writer.write("fuzz_handshake", "default-response", to_bytes(wsh::wire::build_server_response(key)));
  std::printf("%zu cases: %d seed files written, %d unchanged\n", catalogue.cases.size(), writer.written(),
              writer.unchanged());
  return 0;
}
