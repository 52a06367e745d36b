#!/usr/bin/env python3
"""Compile time of a translation unit that includes the single header; one that includes
<sfmc/sms.hpp> under separate compilation (SFMC_SMS_SEPARATE_COMPILATION); one that includes
the single header that way; and, to compare, one that includes <nlohmann/json.hpp>, one
<boost/json.hpp>, one only the headers the types of the public API cannot do without
(<boost/system/result.hpp>, <chrono>, <optional>, the strings, vectors and functions), one
those plus the headers the header-only definitions need (the drivers' threads, Boost.JSON's
parser, Boost.URL's parser and encoder), and one those plus the library's declarations (what
the single header costs before any definition); and a unit that uses ENS too (<sfmc/sms.hpp>,
<sfmc/sms/ens.hpp>, <sfmc/sms/ens/signature.hpp>), header-only and under separate compilation,
to show what <sfmc/sms/ens/src.hpp> saves. Median of several runs of
`CXX -std=c++20 -O0 -c`, the units taken in turn.
Prints one JSON object: {"single_header": seconds, ..., "ratio_to_nlohmann": {"single_header": ratio, ...}}."""
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
FLOOR = "".join(f"#include <{h}>\n" for h in ["boost/system/result.hpp", "chrono", "optional", "string",
                                               "functional", "vector", "ostream"])
DEPENDENCIES = FLOOR + "".join(f"#include <{h}>\n" for h in ["mutex", "condition_variable", "thread",
                                                           "boost/json/basic_parser_impl.hpp", "boost/url/parse.hpp",
                                                           "boost/url/encode.hpp", "boost/url/rfc/unreserved_chars.hpp"])
ENS = "".join(f"#include <{h}>\n" for h in ["sfmc/sms.hpp", "sfmc/sms/ens.hpp", "sfmc/sms/ens/signature.hpp"])
UNITS = {
    "single_header": "#include <sfmc/sms.hpp>\nint main() { return 0; }\n",
    "separate": "#include <sfmc/sms.hpp>\nint main() { return 0; }\n",
    "single_header_separate": "#include <sfmc/sms.hpp>\nint main() { return 0; }\n",
    "api_floor": FLOOR + "int main() { return 0; }\n",
    "dependency_floor": DEPENDENCIES + "int main() { return 0; }\n",
    # The single header before any definition: those headers and the library's declarations.
    "definitions_floor": DEPENDENCIES + "#include <sfmc/sms.hpp>\nint main() { return 0; }\n",
    "ens_header_only": ENS + "int main() { return 0; }\n",
    "ens_separate": ENS + "int main() { return 0; }\n",
    "nlohmann_json": "#include <nlohmann/json.hpp>\nint main() { return 0; }\n",
    "boost_json": "#include <boost/json.hpp>\nint main() { return 0; }\n",
}

times = {name: [] for name in UNITS}
with tempfile.TemporaryDirectory() as tmp:
    sources = {}
    for name, text in UNITS.items():
        sources[name] = pathlib.Path(tmp) / f"{name}.cpp"
        sources[name].write_text(text)
    # Round robin, not each unit's runs in a row: a machine that speeds up or slows down
    # during the measurement then shifts every unit alike, and the ratios stay true.
    for _ in range(RUNS):
        for name, source in sources.items():
            from_include = name in ("separate", "ens_header_only", "ens_separate")
            flags = ["-I", str(ROOT / ("include" if from_include else "single_include"))]
            if name in ("separate", "single_header_separate", "definitions_floor", "ens_separate"):
                flags.append("-DSFMC_SMS_SEPARATE_COMPILATION")
            if name == "ens_separate":
                flags.append("-DSFMC_SMS_ENS_SEPARATE_COMPILATION")
            start = time.perf_counter()
            subprocess.run([CXX, "-std=c++20", "-O0", *flags, "-c", str(source), "-o", str(source.with_suffix(".o"))],
                           check=True)
            times[name].append(time.perf_counter() - start)
results = {name: statistics.median(runs) for name, runs in times.items()}
# Each unit's time over nlohmann's in the same round, then the median of those: a pair
# compiled back to back shares the machine's state, so the ratio varies less than the times.
results["ratio_to_nlohmann"] = {name: statistics.median(t / n for t, n in zip(runs, times["nlohmann_json"]))
                                for name, runs in times.items()}
print(json.dumps(results))
