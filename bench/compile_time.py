#!/usr/bin/env python3
"""Compile time of a translation unit that includes the single header, against one that
includes <nlohmann/json.hpp> and one that includes <boost/json.hpp>: median of several runs
of `CXX -std=c++20 -O0 -c`. Prints one JSON object: {"single_header": seconds, ...}."""
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CXX = os.environ.get("CXX", "c++")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
UNITS = {
    "single_header": "#include <sfmc/sms.hpp>\nint main() { return 0; }\n",
    "nlohmann_json": "#include <nlohmann/json.hpp>\nint main() { return 0; }\n",
    "boost_json": "#include <boost/json.hpp>\nint main() { return 0; }\n",
}

results = {}
with tempfile.TemporaryDirectory() as tmp:
    for name, text in UNITS.items():
        source = pathlib.Path(tmp) / f"{name}.cpp"
        source.write_text(text)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run([CXX, "-std=c++20", "-O0", "-I", str(ROOT / "single_include"), "-c", str(source),
                            "-o", str(source.with_suffix(".o"))], check=True)
            times.append(time.perf_counter() - start)
        results[name] = statistics.median(times)
print(json.dumps(results))
