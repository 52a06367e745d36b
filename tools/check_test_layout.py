#!/usr/bin/env python3
"""Checks that every public header has its own test file, tests/<folder>/<name>.cpp for
include/sfmc/sms/<folder>/<name>.hpp, whose first line includes that header: each header is
then proven to compile on its own. The tests of the core's headers
(those <sfmc/sms.hpp> includes) must also be in meson.build's list."""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
problems = []
SMS = ROOT / "include" / "sfmc" / "sms"
headers = [h for h in sorted(SMS.rglob("*.hpp")) if "detail" not in h.relative_to(SMS).parts]
headers.append(ROOT / "include" / "sfmc" / "sms.hpp")


def test_of(header):
    if header.parent == ROOT / "include" / "sfmc":
        return ROOT / "tests" / "sms.cpp"
    return ROOT / "tests" / header.relative_to(SMS).with_suffix(".cpp")


for header in headers:
    include = header.relative_to(ROOT / "include").as_posix()
    test = test_of(header)
    if not test.exists():
        problems.append(f"{include}: no {test.relative_to(ROOT).as_posix()}")
        continue
    first = test.read_text(encoding="utf-8").splitlines()[0]
    if first != f"#include <{include}>":
        problems.append(f"{test.relative_to(ROOT).as_posix()}: first line is {first!r}, not #include <{include}>")
meson = (ROOT / "meson.build").read_text(encoding="utf-8")
umbrella = (ROOT / "include" / "sfmc" / "sms.hpp").read_text(encoding="utf-8")
for header in headers:
    include = header.relative_to(ROOT / "include").as_posix()
    if f"#include <{include}>" in umbrella and f"'tests/{header.stem}.cpp'" not in meson:
        problems.append(f"meson.build does not build tests/{header.stem}.cpp")
for p in problems:
    print(p)
print(f"{len(headers)} public headers, {len(problems)} without a test file that includes them first")
sys.exit(1 if problems else 0)
