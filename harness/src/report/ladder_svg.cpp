#include "report/ladder_svg.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <vector>

#include "report/html_escape.hpp"
#include "report/json_fields.hpp"

namespace wsh::report {
namespace {

using nlohmann::json;

// Geometry, in SVG user units (pixels at 100 %).
constexpr int kWidth = 900;
constexpr int kTimeX = 64;                   // right edge of the time labels
constexpr int kPeerX = 250;                  // harness lifeline
constexpr int kSubjectX = 640;               // subject lifeline
constexpr int kTop = 56;                     // first row, below the lifeline heads
constexpr int kRow = 30;                     // one row per record or event: room for a label above its arrow
constexpr int kSlant = 6;                    // arrows fall a little: the frame travels
constexpr std::size_t kLabelChars = 64;      // longer labels are cut; <title> has more
constexpr std::size_t kMarkLabelChars = 56;  // a note stops before the subject's lifeline
constexpr std::size_t kTooltipBytes = 2048;  // the transcript table has all of it

struct Item {
  std::int64_t at_us = 0;
  const json* record = nullptr;  // a transcript record, or
  const json* event = nullptr;   // a subject event
};

// Cuts a label to `max_chars` characters (not bytes), marking the cut.
std::string shorten(const std::string& text, std::size_t max_chars = kLabelChars) {
  std::size_t chars = 0, at = 0;
  while (at < text.size() && chars < max_chars) {
    const auto length = utf8_sequence_length(text, at);
    at += length == 0 ? 1 : length;
    ++chars;
  }
  return at < text.size() ? text.substr(0, at) + "…" : text;
}

// Extra space before a row, growing with the log of the time gap, so a
// 2 s silence is visible without pushing everything off the page.
int gap_space(std::int64_t gap_us) {
  if (gap_us < 1000) return 0;
  return std::min(48, static_cast<int>(std::lround(10.0 * std::log10(static_cast<double>(gap_us) / 1000.0))) + 4);
}

std::string event_label(const json& event) {
  const auto kind = field_text(event, "event");
  std::string label = kind;
  if (const auto result = field_text(event, "result"); !result.empty()) label += " → " + result;
  if (kind == "close_called") label += fmt::format("({})", field_int(event, "code"));
  return label;
}

// A <title> (the browser's tooltip) with the whole label, only when the
// drawn label had to be cut: most labels are short, and pages stay small.
std::string tooltip(const std::string& label, std::size_t max_chars) {
  if (shorten(label, max_chars).size() == label.size()) return "";
  return "<title>" + html_text_prefix(label, kTooltipBytes) + "</title>";
}

std::string text_element(int x, int y, std::string_view css_class, const std::string& text,
                         std::string_view anchor = "start", std::size_t max_chars = kLabelChars) {
  return fmt::format("<text x=\"{}\" y=\"{}\" class=\"{}\" text-anchor=\"{}\">{}</text>", x, y, css_class, anchor,
                     html_text(shorten(text, max_chars)));
}

// A data frame, or the subject's read() returning one: the bulk of a long
// exchange, and what the ladder leaves out first.
bool is_data(const Item& item) {
  if (item.event) {
    const auto result = field_text(*item.event, "result");
    return field_text(*item.event, "event") == "read" && (result == "text" || result == "binary");
  }
  const auto opcode = field_text(*item.record, "opcode");
  return field_text(*item.record, "kind") == "frame" &&
         (opcode == "text" || opcode == "binary" || opcode == "continuation");
}

// Which items a ladder of at most `max_items` rows draws. A long exchange
// keeps its first and last max_items / 2 items, and in between every item
// that is not data (close, ping, TCP FIN/RST, faults, the subject's open,
// read() failing, cleanup), up to max_items more: a 2,000-message burst still shows its close
// handshake and the application's read() failing.
std::vector<bool> choose_drawn(const std::vector<Item>& items, std::size_t max_items) {
  std::vector<bool> drawn(items.size(), items.size() <= max_items);
  if (items.size() <= max_items) return drawn;
  const std::size_t head = max_items / 2;
  const std::size_t tail_from = items.size() - (max_items - head);
  for (std::size_t i = 0; i < head; ++i) drawn[i] = true;
  for (std::size_t i = tail_from; i < items.size(); ++i) drawn[i] = true;
  std::size_t extra = 0;
  for (std::size_t i = head; i < tail_from && extra < max_items; ++i) {
    if (!is_data(items[i])) drawn[i] = true, ++extra;
  }
  return drawn;
}

}  // namespace

std::string record_label(const json& record) {
  const auto kind = field_text(record, "kind");
  if (kind == "fin") return "TCP FIN";
  if (kind == "rst") return "TCP RST";
  if (kind == "raw") {
    const auto size =
        field_int(record, "hex_truncated_from", static_cast<std::int64_t>((field_text(record, "hex").size() + 1) / 3));
    return fmt::format("raw bytes ({} B)", size);
  }
  if (kind != "frame") {
    const auto text = field_text(record, "text");
    return text.empty() ? kind : kind + ": " + text;
  }
  const auto opcode = field_text(record, "opcode", "?");
  std::string label = opcode;
  if (opcode == "close") {
    if (record.contains("close_code")) label += " " + field_text(record, "close_code");
    if (const auto reason = field_text(record, "close_reason"); !reason.empty()) label += " \"" + reason + "\"";
    if (field_int(record, "length") == 0) label += " (empty)";
  } else {
    label += fmt::format(" {} B", field_int(record, "length"));
    if (record.contains("payload_text")) label += " \"" + field_text(record, "payload_text") + "\"";
  }
  if (record.contains("fin") && record["fin"] == false) label += " [FIN=0]";
  if (const auto rsv = field_int(record, "rsv"); rsv != 0) label += fmt::format(" [RSV={}]", rsv);
  return label;
}

std::string ladder_svg(const json& detail, std::size_t max_items) {
  std::vector<Item> items;
  for (const auto& record : field_array(detail, "transcript"))
    items.push_back({field_int(record, "at_us"), &record, nullptr});
  for (const auto& event : field_array(detail, "events")) items.push_back({field_int(event, "at_us"), nullptr, &event});
  // Stable: records and events with the same timestamp keep their order.
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.at_us < b.at_us; });
  const auto drawn = choose_drawn(items, max_items);

  const bool subject_is_client = field_text(detail, "role") == "client";
  const auto peer_name = subject_is_client ? "harness (scripted server)" : "harness (scripted client)";
  const auto subject_name =
      fmt::format("subject {} ({})", field_text(detail, "subject", "?"), field_text(detail, "role", "?"));

  std::string rows;
  int y = kTop;
  std::int64_t previous_us = items.empty() ? 0 : items.front().at_us;
  std::size_t skipped = 0;  // a run of items not drawn, shown as one row
  for (std::size_t i = 0; i <= items.size(); ++i) {
    if (i < items.size() && !drawn[i]) {
      ++skipped;
      continue;
    }
    if (skipped > 0) {
      y += kRow;
      rows += text_element(
          (kPeerX + kSubjectX) / 2, y + 4, "more",
          fmt::format("⋮ {} not drawn (see the transcript)",
                      skipped == 1 ? std::string("1 record or event") : fmt::format("{} records and events", skipped)),
          "middle", 80);
      skipped = 0;
    }
    if (i == items.size()) break;
    const auto& item = items[i];
    const auto gap = item.at_us - previous_us;
    previous_us = item.at_us;
    y += kRow + gap_space(gap);
    if (gap >= 100'000)  // a pause worth pointing at
      rows += fmt::format("<text x=\"{}\" y=\"{}\" class=\"gap\" text-anchor=\"end\">+{}</text>", kTimeX, y - kRow + 4,
                          html_text(format_millis(gap / 1000)));
    rows += text_element(kTimeX, y + 4, "time", format_micros(item.at_us), "end");
    if (item.event) {
      const auto label = event_label(*item.event);
      rows += fmt::format("<g class=\"event\" data-kind=\"event\">{}<circle cx=\"{}\" cy=\"{}\" r=\"5\"/>{}</g>",
                          tooltip(label, kLabelChars), kSubjectX, y,
                          text_element(kSubjectX + 12, y + 4, "event-label", label));
      continue;
    }
    const auto& record = *item.record;
    const auto kind = field_text(record, "kind");
    const auto label = record_label(record);
    const bool to_subject = field_text(record, "dir") != "from_subject";
    const int from = to_subject ? kPeerX : kSubjectX;
    const int to = to_subject ? kSubjectX : kPeerX;
    if (kind == "frame" || kind == "raw" || kind == "fin" || kind == "rst" || kind == "decode_error") {
      const auto css = kind == "frame" ? "arrow frame op-" + field_text(record, "opcode") : "arrow " + kind;
      const int label_x = (kPeerX + kSubjectX) / 2;
      rows += fmt::format(
          "<g class=\"{}\" data-kind=\"{}\" data-dir=\"{}\">{}"
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" marker-end=\"url(#{})\"/>{}</g>",
          html_text(css), html_text(kind), to_subject ? "to_subject" : "from_subject", tooltip(label, kLabelChars),
          from, y - kSlant, to, y,
          kind == "rst"   ? "ladder-x"
          : kind == "fin" ? "ladder-head"
          : to_subject    ? "ladder-head-to"
                          : "ladder-head-from",
          text_element(label_x, y - kSlant - 4, "arrow-label", label, "middle"));
    } else {
      // Faults and notes happen at the harness: a mark on its lifeline.
      rows += fmt::format(
          "<g class=\"mark {}\" data-kind=\"{}\">{}<rect x=\"{}\" y=\"{}\" width=\"8\" height=\"8\"/>{}</g>",
          html_text(kind), html_text(kind), tooltip(label, kMarkLabelChars), kPeerX - 4, y - 4,
          text_element(kPeerX + 12, y + 4, "mark-label", label, "start", kMarkLabelChars));
    }
  }
  const int height = y + 24;

  std::string svg = fmt::format(
      "<svg class=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "role=\"img\" aria-label=\"sequence diagram\">",
      kWidth, height);
  // markerUnits="userSpaceOnUse": the same head size whatever the line's width.
  const auto arrow_head = [](std::string_view id, std::string_view colour) {
    return fmt::format(
        "<marker id=\"{}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\" "
        "markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" "
        "fill=\"{}\"/></marker>",
        id, colour);
  };
  svg += "<defs>" + arrow_head("ladder-head", "#57606a") + arrow_head("ladder-head-to", "#0969da") +
         arrow_head("ladder-head-from", "#1a7f37") +
         "<marker id=\"ladder-x\" viewBox=\"0 0 10 10\" refX=\"5\" refY=\"5\" markerWidth=\"12\" markerHeight=\"12\" "
         "markerUnits=\"userSpaceOnUse\"><path d=\"M0,0 L10,10 M10,0 L0,10\" stroke=\"#cf222e\" "
         "stroke-width=\"2.5\"/></marker>"
         "</defs>";
  for (const auto& [x, name] : {std::pair{kPeerX, std::string(peer_name)}, std::pair{kSubjectX, subject_name}}) {
    svg += fmt::format("<rect class=\"head-box\" x=\"{}\" y=\"8\" width=\"240\" height=\"26\" rx=\"4\"/>", x - 120);
    svg += text_element(x, 26, "head-label", name, "middle");
    svg += fmt::format("<line class=\"lifeline\" x1=\"{0}\" y1=\"34\" x2=\"{0}\" y2=\"{1}\"/>", x, height - 8);
  }
  svg += text_element(kTimeX, 26, "time-head", "time", "end");
  svg += rows;
  svg += "</svg>";
  return svg;
}

}  // namespace wsh::report
