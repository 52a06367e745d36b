#!/usr/bin/env python3
"""Keeps the command's manual (docs/sfmc-sms-status.md) and man page (docs/sfmc-sms-status.1)
true: the options and environment variables they describe are exactly those the command's
--help lists, the failure kinds exactly those the command prints (cli/report.hpp), and the
documented JSON line is the one the end-to-end tests expect byte for byte.
Usage: check_manual.py PATH_TO_sfmc-sms-status"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
manual = (ROOT / "docs" / "sfmc-sms-status.md").read_text(encoding="utf-8")
man = (ROOT / "docs" / "sfmc-sms-status.1").read_text(encoding="utf-8")
report = (ROOT / "cli" / "report.hpp").read_text(encoding="utf-8")
# The tests' raw strings, adjacent pieces joined as the compiler joins them.
e2e = re.sub(r'\)"\s*R"\(', "", (ROOT / "tests" / "cli" / "status_command.cpp").read_text(encoding="utf-8"))
help_text = subprocess.run([sys.argv[1], "--help"], capture_output=True, text=True, check=True).stdout

problems = []


def compare(what, want, got, where):
    if want != got:
        problems.append(f"{where}: {what} differ: missing {sorted(want - got)}, extra {sorted(got - want)}")


options = set(re.findall(r"(?m)^\s+(?:-h, )?(--[a-z-]+)", help_text))
compare("options", options, set(re.findall(r"(?m)^\| `(?:-h`, `)?(--[a-z-]+)", manual)), "docs/sfmc-sms-status.md")
man_options = {o.replace("\\-", "-") for line in re.findall(r"(?m)^\.B[IR]? .*$", man)
               for o in re.findall(r"\\-\\-[a-z\\-]*[a-z]", line)}
compare("options", options, man_options, "docs/sfmc-sms-status.1")

variables = set(re.findall(r"SFMC_[A-Z_]+", help_text))
compare("environment variables", variables, set(re.findall(r"SFMC_[A-Z_]+", manual)), "docs/sfmc-sms-status.md")
compare("environment variables", variables, set(re.findall(r"SFMC_[A-Z_]+", man)), "docs/sfmc-sms-status.1")

kind_of = report[report.index("kind_of"):report.index("valid_utf8")]
kinds = set(re.findall(r'return "([a-z_]+)";', kind_of))
compare("failure kinds", kinds, set(re.findall(r"(?m)^\| `([a-z_]+)` \|", manual)), "docs/sfmc-sms-status.md")
man_kinds = man[man.index("The kinds are"):]
compare("failure kinds", kinds, set(re.findall(r"([a-z]+_[a-z_]+|blocked|unauthorized|forbidden|transport)", man_kinds[:400])),
        "docs/sfmc-sms-status.1")

status_line = re.search(r'(?m)^\{"messageKey":"bcX0qaEp0USGciEnUJTW0w".*\}$', manual).group(0)
if f'R"({status_line})"' not in e2e:
    problems.append("docs/sfmc-sms-status.md: its JSON status line is not the one tests/cli expects")
for code in ("0", "1", "2"):
    if f"| {code} |" not in manual or f".B {code}\n" not in man:
        problems.append(f"exit status {code} is not described in both")

for p in problems:
    print(p)
print(f"manual and man page checked against the command: {len(options)} options, {len(kinds)} kinds, "
      f"{len(problems)} problems")
sys.exit(1 if problems else 0)
