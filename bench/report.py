#!/usr/bin/env python3
"""Turns Google Benchmark's JSON (argv[1]) and compile_time.py's JSON (argv[2], g++; argv[3],
optional, clang++) into the library's tables of docs/performance.md: each contender as a ratio
to a baseline measured in the same run, and whether the project's targets are met (compile
times: with g++). Prints them; with `--into FILE`, also writes them into FILE between its
`<!-- bench/report.py: begin -->` and `<!-- bench/report.py: end -->` lines."""
import contextlib
import io
import json
import platform
import sys

into = None
if "--into" in sys.argv:
    at = sys.argv.index("--into")
    into = sys.argv[at + 1]
    del sys.argv[at:at + 2]
report = io.StringIO()
_redirect = contextlib.redirect_stdout(report)
_redirect.__enter__()

bench = json.load(open(sys.argv[1]))
compile_times = json.load(open(sys.argv[2]))
clang_times = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else None
# The median of the repetitions, or the single run when there was one.
rows = {b["run_name"]: b for b in bench["benchmarks"] if b.get("run_type") == "iteration"}
rows.update({b["run_name"]: b for b in bench["benchmarks"] if b.get("aggregate_name") == "median"})


def ns(name):
    b = rows[name]
    scale = {"ns": 1, "us": 1e3, "ms": 1e6}[b["time_unit"]]
    return b["real_time"] * scale


def allocs(name):
    return rows[name].get("allocs", float("nan"))


verdicts = []


def target(ok, text):
    verdicts.append(("met" if ok else "MISSED") + ": " + text)


ctx = bench["context"]
print(f"Machine: {ctx.get('num_cpus')} x {ctx.get('mhz_per_cpu')} MHz, {platform.machine()}, "
      f"{platform.system()} {platform.release()}; {ctx.get('library_build_type', '?')} Google Benchmark")
print()
print("Building the request (ours: validate + encode + build; hand-rolled: curl_easy_escape + std::string):")
print()
print("| key | ours ns | ours allocs | hand-rolled ns | hand-rolled allocs | speed-up |")
print("|---|---:|---:|---:|---:|---:|")
for key in ["10_ascii", "10_nonascii", "100_ascii", "100_nonascii"]:
    ours, theirs = f"build/ours/{key}", f"build/handrolled/{key}"
    speedup = ns(theirs) / ns(ours)
    print(f"| {key} | {ns(ours):.0f} | {allocs(ours):.0f} | {ns(theirs):.0f} | {allocs(theirs):.0f} | {speedup:.1f}x |")
    target(speedup >= 3, f"request {key} at least 3x faster than hand-rolled ({speedup:.1f}x)")
    target(allocs(ours) <= 2, f"request {key} at most 2 allocations ({allocs(ours):.0f})")
print()
print("Decoding a body, ns (allocations); ratios are ours / theirs, below 1 means ours is faster:")
print()
print("| body | ours | boost::json::parse (DOM only) | nlohmann parse + extract | simdjson on-demand + extract | ours/boost | ours/nlohmann | ours/simdjson |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for body in ["sent", "queued", "not_sent", "error_429"]:
    o, b, n, s = (f"decode/{who}/{body}" for who in ["ours", "boost_json_parse", "nlohmann", "simdjson"])
    print(f"| {body} | {ns(o):.0f} ({allocs(o):.0f}) | {ns(b):.0f} ({allocs(b):.0f}) | {ns(n):.0f} ({allocs(n):.0f}) | "
          f"{ns(s):.0f} ({allocs(s):.0f}) | {ns(o) / ns(b):.2f} | {ns(o) / ns(n):.2f} | {ns(o) / ns(s):.2f} |")
    if body != "error_429":
        target(ns(o) / ns(b) < 1.0, f"decode {body} faster than boost::json::parse (ratio {ns(o) / ns(b):.2f})")
        target(ns(n) / ns(o) >= 5, f"decode {body} at least 5x faster than nlohmann ({ns(n) / ns(o):.1f}x)")
print()
print("An ENS batch of 1000 SMS events (571 KB): verify the signature, then decode every event:")
print()
print("| contender | µs per batch | events per second | allocations per batch | ours/theirs time |")
print("|---|---:|---:|---:|---:|")
ours_batch = "ens_batch/ours/either_reading"
for name, label in [(ours_batch, "sfmc-sms (`verify` with either key reading, `decode_batch`)"),
                    ("ens_batch/ours/base64_key", "sfmc-sms, the key read as base64 only"),
                    ("ens_batch/simdjson", "simdjson on-demand + OpenSSL HMAC (hand-written)"),
                    ("ens_batch/nlohmann", "nlohmann::json + OpenSSL HMAC (hand-written)")]:
    print(f"| {label} | {ns(name) / 1e3:.0f} | {1e12 / ns(name):,.0f} | {allocs(name):.0f} | "
          f"{ns(ours_batch) / ns(name):.2f} |")
speedup = ns("ens_batch/nlohmann") / ns(ours_batch)
target(speedup >= 5, f"ENS batch at least 5x nlohmann's throughput ({speedup:.1f}x)")
slowdown = ns(ours_batch) / ns("ens_batch/simdjson")
target(slowdown <= 1.5, f"ENS batch within 1.5x of simdjson's time ({slowdown:.2f}x)")
print()
print("Compile time of one translation unit (median, seconds, -O0; the targets are judged with g++):")
print()
if clang_times:
    print("| includes | g++ seconds | ratio to the single header | clang++ seconds | ratio to the single header |")
    print("|---|---:|---:|---:|---:|")
else:
    print("| includes | seconds | ratio to `<sfmc/sms.hpp>` single header |")
    print("|---|---:|---:|")
base = compile_times["single_header"]
for name, label in [("single_header", "`single_include/sfmc/sms.hpp`"),
                    ("separate", "`<sfmc/sms.hpp>` with `SFMC_SMS_SEPARATE_COMPILATION`"),
                    ("single_header_separate", "`single_include/sfmc/sms.hpp` with `SFMC_SMS_SEPARATE_COMPILATION`"),
                    ("nlohmann_json", "`<nlohmann/json.hpp>`"), ("boost_json", "`<boost/json.hpp>`"),
                    ("api_floor", "`<boost/system/result.hpp>`, `<chrono>`, `<optional>` and the other standard "
                                  "headers of the API's types"),
                    ("dependency_floor", "the row above, the drivers' threads and the Boost.JSON and Boost.URL headers "
                                         "the definitions need"),
                    ("definitions_floor", "the row above and the library's declarations: the single header before "
                                          "any definition"),
                    ("ens_header_only", "`<sfmc/sms.hpp>`, `<sfmc/sms/ens.hpp>` and `<sfmc/sms/ens/signature.hpp>`, "
                                        "header-only"),
                    ("ens_separate", "the same with `SFMC_SMS_SEPARATE_COMPILATION` and "
                                     "`SFMC_SMS_ENS_SEPARATE_COMPILATION` (`<sfmc/sms/ens/src.hpp>` compiled once)")]:
    row = f"| {label} | {compile_times[name]:.2f} | {compile_times[name] / base:.2f} |"
    if clang_times:
        row += f" {clang_times[name]:.2f} | {clang_times[name] / clang_times['single_header']:.2f} |"
    print(row)
nlohmann = compile_times["nlohmann_json"]
ratios = compile_times["ratio_to_nlohmann"]
# The targets are judged on the paired ratios (see bench/compile_time.py), the table shows medians.
target(ratios["single_header"] <= 1.35,
       f"single header, header-only, compiles in at most 1.35x <nlohmann/json.hpp>'s time ({ratios['single_header']:.2f}x, "
       f"{base:.2f} s vs {nlohmann:.2f} s; the headers it cannot do without alone take "
       f"{ratios['dependency_floor']:.2f}x, and with the declarations {ratios['definitions_floor']:.2f}x)")
target(max(ratios["separate"], ratios["single_header_separate"]) <= 0.6,
       f"separate compilation: a translation unit compiles in at most 0.6x <nlohmann/json.hpp>'s time "
       f"({ratios['separate']:.2f}x with include/, {ratios['single_header_separate']:.2f}x with the single header; "
       f"the headers of the API's types alone take {ratios['api_floor']:.2f}x)")
print()
print("Targets:")
for v in verdicts:
    print(f"- {v}")

_redirect.__exit__(None, None, None)
text = report.getvalue()
sys.stdout.write(text)
if into:
    begin, end = "<!-- bench/report.py: begin -->\n", "<!-- bench/report.py: end -->\n"
    page = open(into, encoding="utf-8").read()
    head, rest = page.split(begin, 1)
    _, tail = rest.split(end, 1)
    open(into, "w", encoding="utf-8").write(head + begin + text + end + tail)
