#!/usr/bin/env python3
"""Keeps the receiver's manual (docs/sfmc-ens-receiver.md) true: the options and environment
variables it describes are exactly those the command's --help lists, and the journal line it
shows has the fields, in the order, that the receiver writes (receiver/journal_line.hpp).
Usage: check_receiver_manual.py PATH_TO_sfmc-ens-receiver"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
manual = (ROOT / "docs" / "sfmc-ens-receiver.md").read_text(encoding="utf-8")
writer = (ROOT / "receiver" / "journal_line.hpp").read_text(encoding="utf-8")
help_text = subprocess.run([sys.argv[1], "--help"], capture_output=True, text=True, check=True).stdout
problems = []


def compare(what, want, got):
    if want != got:
        problems.append(f"docs/sfmc-ens-receiver.md: {what} differ from --help: missing {sorted(want - got)}, extra {sorted(got - want)}")


compare("options", set(re.findall(r"--[a-z][a-z-]+", help_text)),
        set(re.findall(r"--[a-z][a-z-]+", manual.split("## Answers")[0])))
compare("environment variables", set(re.findall(r"\bSFMC_[A-Z_]+", help_text)),
        set(re.findall(r"\bSFMC_[A-Z_]+", manual.split("## Answers")[0])))
# The documented line's fields, in order, against the writer's.
shown = re.search(r"## The journal.*?```\n(\{.*?)\n```", manual, re.S).group(1)
shown_fields = re.findall(r'"([A-Za-z]+)":', shown.split('"event":')[0]) + ["event"]
written = re.findall(r'(?:text|optional_text|field)\("([A-Za-z]+)"', writer)
if [f for f in written if f in shown_fields] != shown_fields:
    problems.append(f"docs/sfmc-ens-receiver.md: the journal line's fields {shown_fields} are not in the order the receiver writes {written}")
for p in problems:
    print(p)
print(f"receiver manual checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
