#!/usr/bin/env python3
"""Splits the corpus's packages into two halves that hold equal shares of the code a scan
reads, for the growth measurement of issue 10 (docs/performance.md).

`corpus-half` (every other package in name order) holds 39 % of the analysed code, so
linear growth on it is a ratio of 2.55, not 2. Here each package weighs what the last
scan of the whole corpus analysed of it (the FORGE_EGRESS_ANALYSED_LIST file bench/run.sh
writes), and the packages, heaviest first, each go to the lighter half: the two halves end
within one small package of each other. Ties break by name, so the split is deterministic.

Usage: even_split.py PACKAGE_LIST ANALYSED_LIST SRC_DIR OUT_A OUT_B
PACKAGE_LIST: one package directory per line (scoped ones as @scope/name); ANALYSED_LIST:
paths relative to the app (src/...); SRC_DIR: the whole corpus's src/. Writes the package
names of each half to OUT_A and OUT_B and prints the two shares.
"""
import os
import sys


def package_of(relative):
    parts = relative.split("/")
    return "/".join(parts[:2]) if parts[0].startswith("@") else parts[0]


def main():
    package_list, analysed_list, src, out_a, out_b = sys.argv[1:6]
    packages = [line.strip() for line in open(package_list) if line.strip()]
    weight = {p: 0 for p in packages}
    for line in open(analysed_list):
        path = line.strip()
        if not path.startswith("src/"):
            continue
        package = package_of(path[len("src/"):])
        if package in weight:
            weight[package] += os.path.getsize(os.path.join(src, path[len("src/"):]))
    halves = ([], [])
    sums = [0, 0]
    for package in sorted(packages, key=lambda p: (-weight[p], p)):
        side = 0 if sums[0] <= sums[1] else 1
        halves[side].append(package)
        sums[side] += weight[package]
    for out, half in zip((out_a, out_b), halves):
        with open(out, "w") as f:
            f.write("".join(p + "\n" for p in sorted(half)))
    total = max(1, sum(sums))
    print(f"analysed bytes: a {sums[0]} ({sums[0] / total:.1%}), b {sums[1]} ({sums[1] / total:.1%})")


if __name__ == "__main__":
    main()
