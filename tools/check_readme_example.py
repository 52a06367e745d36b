#!/usr/bin/env python3
"""Checks that each README example marked `<!-- compiled: FILE#NAME -->` is, line for line
(indentation aside), the code between the two `// [NAME]` lines of FILE, which a test builds."""
import pathlib
import re
import sys
import textwrap

ROOT = pathlib.Path(__file__).resolve().parent.parent
readme = (ROOT / "README.md").read_text(encoding="utf-8")
marked = re.findall(r"<!-- compiled: ([^#\s]+)#(\S+) -->\n```cpp\n(.*?)```", readme, re.S)
problems = []
for path, name, block in marked:
    source = (ROOT / path).read_text(encoding="utf-8")
    parts = source.split(f"// [{name}]\n")
    if len(parts) != 3:
        problems.append(f"{path}: no region // [{name}]")
        continue
    compiled = textwrap.dedent(parts[1]).strip()
    shown = block.replace("#include <sfmc/sms.hpp>\n\n", "", 1).strip()
    if shown != compiled:
        problems.append(f"README example {path}#{name} differs from the code the test compiles:\n{shown}\n---\n{compiled}")
for p in problems:
    print(p)
print(f"{len(marked)} README examples checked, {len(problems)} differ")
sys.exit(1 if problems or not marked else 0)
