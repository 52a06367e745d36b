#!/usr/bin/env python3
"""Checks that the README's usage example is the code tests/sms.cpp compiles and runs
(between the two `// [readme-example]` markers, less the include line the README adds)."""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
readme = (ROOT / "README.md").read_text(encoding="utf-8")
test = (ROOT / "tests" / "sms.cpp").read_text(encoding="utf-8")

block = readme.split("```cpp\n", 1)[1].split("```", 1)[0]
block = block.replace("#include <sfmc/sms.hpp>\n\n", "", 1).strip()
compiled = test.split("// [readme-example]\n")[1].strip()
if block != compiled:
    print("README.md's usage example differs from the one tests/sms.cpp compiles:")
    print(block, "\n---\n", compiled, sep="")
    sys.exit(1)
print("README example matches tests/sms.cpp")
