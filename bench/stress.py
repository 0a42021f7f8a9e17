#!/usr/bin/env python3
"""Adversarial shapes for the engine's scaling: each pattern is generated at n and 4n and
scanned; the line shows both times and their ratio (4x is linear). Prints, asserts nothing.

    python3 bench/stress.py [build/forge-egress] [n]

The shapes: shared helpers nested deep (call/return matching), mutual recursion with a sink
per function (one realizability query per sink), a wrapper many callers pass objects to (the
summary object), a dispatch table of handlers, many sinks, long concatenations, big object
literals, promise chains, module chains, star re-exports, a bundle-style module table."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

MANIFEST = """modules:
  function:
    - key: main
      handler: index.handler
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-0000000stress
  runtime:
    name: nodejs22.x
"""


def one(lines):
    return {"src/index.js": "\n".join(lines) + "\n"}


def nested_helpers(n):
    depth, width = 8, 5
    lines = []
    for i in range(depth):
        body = "x + '-'" if i == depth - 1 else " + ".join([f"f{i + 1}(x)"] * width)
        lines.append(f"function f{i}(x) {{ return {body}; }}")
    lines.append("export async function handler(event) {")
    lines.append("  const kept = f0(event.issue.key);")
    for s in range(n // 20):
        lines.append(f"  await fetch('https://a{s}.example.com', {{ body: f0('c{s}') }});")
    lines.append("  return kept;\n}")
    return one(lines)


def recursion(n):
    lines = [f"function r{i}(x, d) {{ if (d > 0) return r{(i * 7 + 1) % n}(x + '{i}', d - 1) + "
             f"r{(i * 13 + 5) % n}(x, d - 2); return fetch('https://r.example.com/' + x); }}"
             for i in range(n)]
    lines.append("export async function handler(event) { return r0(event.issue.key, 10); }")
    return one(lines)


def wrapper(n):
    lines = ["async function request(host, data) { return fetch('https://' + host, "
             "{ method: 'POST', body: JSON.stringify(data) }); }"]
    for i in range(n):
        arg = "e.issue" if i % 3 == 0 else f"{{ k: {i} }}"
        lines.append(f"async function f{i}(e) {{ return request('h{i % 2}.example.com', {arg}); }}")
    lines.append("export async function handler(event) {")
    lines += [f"  await f{i}(event);" for i in range(n)]
    lines.append("}")
    return one(lines)


def dispatch(n):
    lines = [f"async function h{i}(e) {{ return fetch('https://h{i}.example.com', "
             f"{{ method: 'POST', body: e.issue.key }}); }}" for i in range(n)]
    lines.append("const table = {" + ", ".join(f"t{i}: h{i}" for i in range(n)) + "};")
    lines.append("export async function handler(event) { return table[event.type](event); }")
    return one(lines)


def many_sinks(n):
    lines = ["export async function handler(event) {"]
    lines += [f"  await fetch('https://h{i}.example.com', {{ method: 'POST', "
              f"body: event.issue.key + '{i}' }});" for i in range(n)]
    lines.append("}")
    return one(lines)


def concat(n):
    lines = ["export async function handler(event) {", "  let s = 'https://';"]
    lines += [f"  s += (event.x{i % 7} ? 'a{i}' : 'b');" for i in range(n)]
    lines += ["  await fetch(s, { body: event.issue.key });", "}"]
    return one(lines)


def big_object(n):
    lines = ["const big = {"]
    lines += [f"  k{i}: {{ url: 'https://h{i}.example.com', n: {i} }}," for i in range(n)]
    lines += ["};", "export async function handler(event) { for (const k of Object.keys(big)) "
              "await fetch(big[k].url, { body: event.issue.key }); }"]
    return one(lines)


def then_chain(n):
    lines = ["export async function handler(event) {", "  return Promise.resolve(event.issue)"]
    lines += [f"    .then(v{i} => ({{ ...v{i}, f{i}: {i} }}))" for i in range(n)]
    lines += ["    .then(v => fetch('https://x.example.com', { body: JSON.stringify(v) }));", "}"]
    return one(lines)


def module_chain(n):
    m = max(2, n // 10)
    files = {}
    for i in range(m):
        last = i + 1 == m
        head = "" if last else f"import {{ g{i + 1} }} from './m{i + 1}';\n"
        call = "fetch('https://end.example.com', { body: x })" if last else f"g{i + 1}(x + '{i}')"
        files[f"src/m{i}.js"] = f"{head}export function g{i}(x) {{ return {call}; }}\n"
    files["src/index.js"] = ("import { g0 } from './m0';\n"
                             "export async function handler(event) { return g0(event.issue.key); }\n")
    return files


def reexports(n):
    m = max(2, n // 10)
    files = {f"src/r{i}.js": (f"export * from './r{i + 1}';\n" if i + 1 < m else "")
             + f"export const c{i} = 'https://c{i}.example.com';\n" for i in range(m)}
    files["src/index.js"] = ("import * as all from './r0';\nexport async function handler(event) "
                             "{ for (const k in all) await fetch(all[k], { body: event.issue.key }); }\n")
    return files


def bundle(n):
    lines = ["(function(modules){ function req(id){ const m = { exports: {} }; "
             "modules[id](m, m.exports, req); return m.exports; } req(0); })({"]
    for i in range(n):
        nxt = f"req({i + 1})" if i + 1 < n else "{ send: (d) => fetch('https://wp.example.com', { body: d }) }"
        lines.append(f"  {i}: function(module, exports, req) {{ const next = {nxt}; "
                     f"exports.send = (d) => next.send(d); }},")
    lines += ["});", "export async function handler(event) { }"]
    return one(lines)


PATTERNS = [nested_helpers, recursion, wrapper, dispatch, many_sinks, concat, big_object,
            then_chain, module_chain, reexports, bundle]


def scan_seconds(binary, files):
    d = tempfile.mkdtemp(prefix="fe-stress-")
    try:
        with open(os.path.join(d, "manifest.yml"), "w") as f:
            f.write(MANIFEST)
        for rel, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(d, rel)), exist_ok=True)
            with open(os.path.join(d, rel), "w") as f:
                f.write(text)
        t = time.monotonic()
        r = subprocess.run([binary, "scan", d, "--format", "json", "--jobs", "1", "-o", os.devnull,
                            "--fail-on", "never"], capture_output=True, timeout=600)
        return time.monotonic() - t, r.returncode
    finally:
        shutil.rmtree(d)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/forge-egress"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    print(f"{'pattern':16} {'n':>6} {'s':>7} {'4n':>6} {'s':>7} {'ratio':>6}")
    for pattern in PATTERNS:
        small, rc1 = scan_seconds(binary, pattern(n))
        large, rc2 = scan_seconds(binary, pattern(4 * n))
        note = "" if rc1 == 0 and rc2 == 0 else f"  (exit {rc1}/{rc2})"
        print(f"{pattern.__name__:16} {n:>6} {small:7.2f} {4 * n:>6} {large:7.2f} "
              f"{large / max(small, 1e-3):5.1f}x{note}")


if __name__ == "__main__":
    main()
