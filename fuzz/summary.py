#!/usr/bin/env python3
"""Turns the per-target stats files of fuzz/nightly.sh into summary.json and a
small self-contained summary.html (exec/s, coverage, corpus, crashes, httplib
mismatches, and fuzz_frame_decoder's exec/s as a share of fuzz_empty's)."""

import argparse
import html
import json
from pathlib import Path

INTEGER_KEYS = {"runs", "seconds", "execs", "exec_per_sec", "cov", "crashes", "corpus_files",
                "corpus_before", "corpus_after", "corpus_bytes", "new_crashes"}


def read_stats(path):
    target = {"mismatches": {}}
    for line in Path(path).read_text().splitlines():
        key, _, value = line.partition("=")
        if key.startswith("mismatch."):
            target["mismatches"][key[len("mismatch."):]] = int(value)
        elif key in INTEGER_KEYS:
            target[key] = int(value or 0)
        elif key:
            target[key] = value
    return target


def decoder_share(targets):
    by_name = {t["target"]: t for t in targets}
    decoder, empty = by_name.get("fuzz_frame_decoder"), by_name.get("fuzz_empty")
    if not decoder or not empty or not empty.get("exec_per_sec"):
        return None
    return round(100.0 * decoder["exec_per_sec"] / empty["exec_per_sec"], 1)


def write_html(summary, path):
    rows = []
    for t in summary["targets"]:
        mismatches = ", ".join(f"{k}: {v}" for k, v in sorted(t["mismatches"].items())) or "-"
        crash_class = ' class="bad"' if t.get("new_crashes") else ""
        rows.append(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} files, {} B</td>"
            "<td{}>{}</td><td>{}</td></tr>".format(
                html.escape(t["target"]), t.get("exec_per_sec", 0), t.get("execs", 0),
                t.get("cov", 0), t.get("corpus_after", 0), t.get("corpus_bytes", 0),
                crash_class, t.get("new_crashes", 0), html.escape(mismatches)))
    share = summary["frame_decoder_exec_share_percent"]
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>wsharness fuzzing summary</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:right}}td:first-child{{text-align:left}}
.bad{{background:#f8d0d0}}</style></head><body>
<h1>Fuzzing summary</h1>
<p>Started {html.escape(summary["started"])}, {summary["seconds_per_target"]} s per target.
fuzz_frame_decoder reaches {share if share is not None else "n/a"} % of fuzz_empty's exec/s (target: 70 %).</p>
<table><tr><th>target</th><th>exec/s</th><th>execs</th><th>cov</th><th>corpus</th>
<th>new crashes</th><th>httplib mismatches</th></tr>
{chr(10).join(rows)}
</table></body></html>
"""
    Path(path).write_text(page)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--started", required=True)
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--html", required=True)
    parser.add_argument("stats", nargs="*")
    args = parser.parse_args()

    targets = [read_stats(path) for path in args.stats]
    summary = {
        "started": args.started,
        "seconds_per_target": args.seconds,
        "frame_decoder_exec_share_percent": decoder_share(targets),
        "new_crashes": sum(t.get("new_crashes", 0) for t in targets),
        "targets": targets,
    }
    Path(args.json).write_text(json.dumps(summary, indent=2) + "\n")
    write_html(summary, args.html)
    print(f"nightly: summary in {args.json} and {args.html}")


if __name__ == "__main__":
    main()
