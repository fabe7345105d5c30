#!/usr/bin/env python3
"""Turns the per-target stats files of fuzz/nightly.sh into summary.json and a
small self-contained summary.html (exec/s, coverage, corpus, crashes and
mismatches per target, and the mutation score of fuzz/mutants.sh)."""

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


def mutants_html(mutants):
    if not mutants:
        return "<p>Mutation score: not measured (fuzz/mutants.sh).</p>"
    rows = []
    for m in mutants["mutants"]:
        bad = ' class="bad"' if m["result"] != "killed" else ""
        seconds = m["seconds_to_crash"] if m["seconds_to_crash"] is not None else "-"
        rows.append("<tr><td>{}</td><td>{}</td><td{}>{}</td><td>{}</td></tr>".format(
            html.escape(m["name"]), html.escape(m["file"]), bad, html.escape(m["result"]), seconds))
    return """<h2>Mutation score: {} of {} killed</h2>
<p>{} for up to {} s per mutant, measured {}.</p>
<table><tr><th>mutant</th><th>file</th><th>result</th><th>seconds to crash</th></tr>
{}
</table>""".format(mutants["killed"], mutants["total"], html.escape(mutants["target"]),
                   mutants["seconds_per_mutant"], html.escape(mutants["date"]), "\n".join(rows))


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
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>wsharness fuzzing summary</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:right}}td:first-child{{text-align:left}}
.bad{{background:#f8d0d0}}</style></head><body>
<h1>Fuzzing summary</h1>
<p>Started {html.escape(summary["started"])}, {summary["seconds_per_target"]} s per target.</p>
<table><tr><th>target</th><th>exec/s</th><th>execs</th><th>cov</th><th>corpus</th>
<th>new crashes</th><th>mismatches</th></tr>
{chr(10).join(rows)}
</table>
{mutants_html(summary["mutants"])}
</body></html>
"""
    Path(path).write_text(page)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--started", required=True)
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--html", required=True)
    parser.add_argument("--mutants", help="mutants.json written by fuzz/mutants.sh")
    parser.add_argument("stats", nargs="*")
    args = parser.parse_args()

    targets = [read_stats(path) for path in args.stats]
    mutants = json.loads(Path(args.mutants).read_text()) if args.mutants else None
    summary = {
        "started": args.started,
        "seconds_per_target": args.seconds,
        "new_crashes": sum(t.get("new_crashes", 0) for t in targets),
        "mutation_score": (f"{mutants['killed']} of {mutants['total']}" if mutants else None),
        "mutants": mutants,
        "targets": targets,
    }
    Path(args.json).write_text(json.dumps(summary, indent=2) + "\n")
    write_html(summary, args.html)
    if mutants:
        print(f"nightly: mutation score {summary['mutation_score']}")
    print(f"nightly: summary in {args.json} and {args.html}")


if __name__ == "__main__":
    main()
