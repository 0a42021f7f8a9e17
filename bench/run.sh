#!/usr/bin/env bash
# Speed benchmark: forge-egress end to end against tree-sitter's parse-only
# speed and against ast-grep running one rule, over the benchmark corpus of
# bench/corpus.sh (the whole corpus, half of it, and axios, lodash, react-dom
# alone). Prints one row per input; asserts nothing (tests never time things).
# Usage: bash bench/run.sh [BUILD_DIR] [INPUT...]   (default: every input)
# BENCH_TIMEOUT (default 600) bounds each forge-egress run. BENCH_RUNS (default 3): each
# timing is the fastest of that many runs, the usual answer to a machine whose speed
# drifts (a shared 2-core VM: ±30 % within an hour); peak RSS is the largest.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build}"
shift || true
WORK="${BENCH_DIR:-/tmp/forge-egress-bench}"
LIMIT="${BENCH_TIMEOUT:-600}"
RUNS="${BENCH_RUNS:-3}"
cmake --build "$BUILD" --target forge-egress parse_only >/dev/null
APPS=$(bash bench/corpus.sh "$WORK")
SG="$WORK/tools/node_modules/.bin/ast-grep"
if [ ! -x "$SG" ]; then
  mkdir -p "$WORK/tools"
  (cd "$WORK/tools" && npm init -y >/dev/null &&
   npm install --no-audit --no-fund --loglevel=error @ast-grep/cli@0.51.1 >/dev/null 2>&1) || true
fi
# ast-grep's peer run: one fetch($$$) rule for each of JavaScript, TypeScript and TSX.
SG_RULES=""
for lang in JavaScript TypeScript Tsx; do
  [ -n "$SG_RULES" ] && SG_RULES+=$'\n---\n'
  SG_RULES+="id: fetch-$lang"$'\n'"language: $lang"$'\n'"severity: info"$'\n'"rule: {pattern: \"fetch(\$\$\$)\"}"
done
inputs=("$@")
[ ${#inputs[@]} -gt 0 ] || inputs=(axios lodash react-dom corpus-half corpus-other corpus corpus-even-a
  corpus-even-b)

# run_fe APP JOBS -> "seconds peakMB steps status facts analysedBytes cpuSeconds" (facts: the solver's
# variables after fact extraction, a measure of how much code there is to analyse; analysed
# bytes: the files the scan read, build output nothing imports aside): the fastest of
# RUNS runs (a killed run ends the series), the largest peak.
run_fe() {
  local best="" line t rss peak=0
  for ((r = 0; r < RUNS; r++)); do
    line=$(run_fe_once "$1" "$2")
    read -r t rss _ <<<"$line"
    if [ -z "$best" ]; then best=$line; peak=$rss
    elif python3 -c "import sys; sys.exit(0 if $t < ${best%% *} else 1)"; then best=$line; fi
    [ "$rss" -gt "$peak" ] && peak=$rss
    case "$line" in *killed*) break ;; esac
  done
  read -r t rss rest <<<"$best"
  echo "$t $peak $rest"
}
run_fe_once() {
  local out err rc json
  err=$(mktemp)
  json=$(mktemp)
  out=$( { FORGE_EGRESS_TIMING=1 FORGE_EGRESS_ANALYSED_LIST="$WORK/analysed-$(basename "$1").txt" \
           /usr/bin/time -f "time %e %M %U %S" timeout "$LIMIT" \
           "$BUILD/forge-egress" scan "$1" --format json --jobs "$2" --fail-on never \
           >"$json" 2>"$err"; } 2>&1 ) || true
  rc=0; grep -q "^time " "$err" || rc=1
  python3 - "$err" "$LIMIT" "$json" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
try:
    reasons = [r for a in json.load(open(sys.argv[3]))["apps"] for r in a.get("incomplete", [])]
except Exception:
    reasons = []
m = re.search(r"^time ([\d.]+) (\d+) ([\d.]+) ([\d.]+)", text, re.M)
# a large app is solved in groups (docs/architecture.md): one solve line and one facts line
# each, summed
steps = [int(s) for s in re.findall(r"timing: solve \d+ ms \((\d+) steps", text)]
facts = [int(f) for f in re.findall(r"timing:\s+facts\s.*\svars (\d+)", text)]
killed = "Command terminated by signal" in text or "exited with non-zero status 124" in text
if not m:
    print(f"{sys.argv[2]} 0 - killed - - - -"); sys.exit()
# finished runs: complete; "budget" when an analysis budget was hit; "unanalysed" when the
# verdict is incomplete for another reason only (code the tool cannot read: eval, a program
# run by child_process, a skipped file)
budget = any("budget" in r for r in reasons)
status = ("killed" if killed else "budget" if budget else
          "unanalysed" if reasons or " is incomplete" in text else "complete")
analysed = re.search(r"timing: parse\+extract \d+ ms \(\d+ files, (\d+) bytes analysed\)", text)
print(m.group(1), int(m.group(2)) // 1024, sum(steps) if steps else "-", status,
      sum(facts) if facts else "-", analysed.group(1) if analysed else "-",
      round(float(m.group(3)) + float(m.group(4)), 2))
PY
  rm -f "$err" "$json"
}
secs_once() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); python3 -c "print(round($e-$s,2))"; }
secs() { local r; for ((r = 0; r < RUNS; r++)); do secs_once "$@"; done | sort -g | head -1; }
ratio() { python3 -c "print('%.2fx' % ($1/$2) if float($2) > 0 else '-')"; }
# parse_analysed NAME: tree-sitter's parse-only seconds over the files the last scan of NAME
# analysed (build output nothing imports and declaration files aside): the floor of any
# scan that reads what this one reads. One run.
parse_analysed_once() {
  local list="$WORK/analysed-$1.txt"
  [ -s "$list" ] || { echo "-"; return; }
  sed "s|^|$APPS/$1/|" "$list" >"$list.abs"
  "$BUILD/bench/parse_only" --list "$list.abs" | awk '{print $3}'
}
parse_analysed() { local r; for ((r = 0; r < RUNS; r++)); do parse_analysed_once "$1"; done | sort -g | head -1; }

printf "%-12s %6s %7s %8s %8s %7s %8s %7s %8s %7s %9s %8s %7s %s\n" input files MB parse_s \
  fe_j1_s ratio fe_j2_s ratio sg_j2_s fe/sg peak_MB parse_an j2/an "steps (status)"
declare -A T1 T2 BYTES FACTS ANALYSED PARSE_AN
for name in "${inputs[@]}"; do
  app="$APPS/$name"
  if [[ "$name" == corpus-even-* && ! -d "$app" ]]; then
    # the even halves follow what a scan of the whole corpus analyses: one scan lists it
    [ -s "$WORK/analysed-corpus.txt" ] || run_fe_once "$APPS/corpus" 2 >/dev/null
    bash bench/corpus.sh "$WORK" >/dev/null
  fi
  read -r files bytes parse_s < <(for ((r = 0; r < RUNS; r++)); do
    "$BUILD/bench/parse_only" "$app/src"; done | sort -k3 -g | head -1)
  read -r fe1 rss1 steps1 st1 facts1 an1 _ < <(run_fe "$app" 1)
  read -r fe2 rss2 steps2 st2 facts2 an2 _ < <(run_fe "$app" 2)
  T1[$name]=$fe1; T2[$name]=$fe2; BYTES[$name]=$bytes; FACTS[$name]=$facts2; ANALYSED[$name]=$an2
  sg2="-"; fesg="-"
  if [ -x "$SG" ]; then
    sg2=$(secs "$SG" scan --inline-rules "$SG_RULES" -j 2 "$app/src")
    fesg=$(ratio "$fe2" "$sg2")
  fi
  peak=$(( rss1 > rss2 ? rss1 : rss2 ))
  pan=$(parse_analysed "$name"); PARSE_AN[$name]=$pan
  anr="-"; [ "$pan" != "-" ] && anr=$(ratio "$fe2" "$pan")
  printf "%-12s %6s %7s %8s %8s %7s %8s %7s %8s %7s %9s %8s %7s %s\n" "$name" "$files" \
    "$(python3 -c "print(round($bytes/1e6,1))")" "$parse_s" "$fe1" "$(ratio "$fe1" "$parse_s")" \
    "$fe2" "$(ratio "$fe2" "$parse_s")" "$sg2" "$fesg" "$peak" "$pan" "$anr" "$steps2 ($st1/$st2)"
done

# Linear growth (issue 10): the whole corpus against its half. The half is every
# other package, which is not half of the code: the code ratio is printed beside
# the time ratio, time per fact shows whether the cost per unit of code grows, and
# whole / (half + other half) whether the packages cost more together than apart.
if [ -n "${T2[corpus]:-}" ] && [ -n "${T2[corpus-half]:-}" ]; then
  python3 - "${T1[corpus]}" "${T1[corpus-half]}" "${T2[corpus]}" "${T2[corpus-half]}" \
    "${BYTES[corpus]}" "${BYTES[corpus-half]}" "${FACTS[corpus]}" "${FACTS[corpus-half]}" \
    "${T1[corpus-other]:--}" "${T2[corpus-other]:--}" "${ANALYSED[corpus]:--}" \
    "${ANALYSED[corpus-half]:--}" "${PARSE_AN[corpus]:--}" "${PARSE_AN[corpus-half]:--}" <<'PY'
import sys
t1w, t1h, t2w, t2h, bw, bh = map(float, sys.argv[1:7])
fw, fh, t1o, t2o, aw, ah, pw, ph = sys.argv[7:15]
line = f"growth whole/half: time j1 {t1w / t1h:.2f}x, j2 {t2w / t2h:.2f}x; code: bytes {bw / bh:.2f}x"
if aw != "-" and ah != "-":
    line += f", analysed bytes {float(aw) / float(ah):.2f}x"
if pw != "-" and ph != "-" and float(ph) > 0:
    line += f", parse-only of the analysed files {float(pw) / float(ph):.2f}x"
if fw != "-" and fh != "-":
    fw, fh = float(fw), float(fh)
    line += f", facts {fw / fh:.2f}x; time per fact (j2) {(t2w / fw) / (t2h / fh):.2f}x"
if t1o != "-" and t2o != "-":
    line += (f"; whole/(half+other) j1 {t1w / (t1h + float(t1o)):.2f}x,"
             f" j2 {t2w / (t2h + float(t2o)):.2f}x")
print(line)
PY
fi

# The same growth, measured against the drift: the rows above are timed minutes apart, and
# this machine's speed moves by ±30 % within minutes (one run gave 2.04x at --jobs 1 and
# 3.49x at --jobs 2). Here a half and the whole run in alternation (half, whole, half,
# whole, …, BENCH_GROWTH_PAIRS pairs, default 5, at --jobs 2) and each whole is divided by
# the half run just before it; the median of those ratios is the figure. The same pairs of
# tree-sitter's parse-only time over the files each scan analysed give the floor's growth:
# a scan that reads those files cannot grow less than their parse does.
# growth_pairs HALF: those lines for the whole corpus against HALF.
growth_pairs() {
  local half="$1" p th tw ch cw ph pw
  local pairs=() cpu=() floor=()
  for ((p = 0; p < ${BENCH_GROWTH_PAIRS:-5}; p++)); do
    read -r th _ _ _ _ _ ch < <(run_fe_once "$APPS/$half" 2)
    read -r tw _ _ _ _ _ cw < <(run_fe_once "$APPS/corpus" 2)
    pairs+=("$tw/$th")
    cpu+=("$cw/$ch")
    ph=$(parse_analysed_once "$half")
    pw=$(parse_analysed_once corpus)
    [ "$ph" != "-" ] && [ "$pw" != "-" ] && floor+=("$pw/$ph")
  done
  python3 - "$half" "${#pairs[@]}" "${pairs[@]}" "${cpu[@]}" "${floor[@]}" <<'PY'
import statistics, sys
half, n = sys.argv[1], int(sys.argv[2])
args = sys.argv[3:]
def ratios(items):
    return [float(w) / float(h) for w, h in (p.split("/") for p in items)]
scan, cpu = ratios(args[:n]), ratios(args[n:2 * n])
floor = ratios(args[2 * n:])
print(f"growth whole/{half}, alternating pairs (j2): median {statistics.median(scan):.2f}x;"
      f" pairs {' '.join(f'{r:.2f}' for r in scan)}; seconds {' '.join(args[:n])}")
# CPU seconds (user + system) of the same runs: what the scan does, without the wall clock's
# share of a neighbour's load on this shared machine.
print(f"growth whole/{half}, same pairs, CPU seconds: median {statistics.median(cpu):.2f}x;"
      f" pairs {' '.join(f'{r:.2f}' for r in cpu)}; seconds {' '.join(args[n:2 * n])}")
if floor:
    print(f"parse-only of the analysed files, whole/{half}, alternating pairs (1 thread): median"
          f" {statistics.median(floor):.2f}x; pairs {' '.join(f'{r:.2f}' for r in floor)};"
          f" seconds {' '.join(args[2 * n:])}")
PY
}
if [ -n "${T2[corpus]:-}" ] && [ -n "${T2[corpus-half]:-}" ]; then
  growth_pairs corpus-half
fi
# The halves of equal analysed code (bench/even_split.py): corpus-half holds 39 % of the
# code the whole analyses, so on it linear growth reads 2.55; on these it reads 2.
for half in corpus-even-a corpus-even-b; do
  if [ -n "${T2[corpus]:-}" ] && [ -n "${T2[$half]:-}" ]; then growth_pairs "$half"; fi
done
if [ -n "${T2[corpus]:-}" ] && [ -n "${T2[corpus-even-a]:-}" ] && [ -n "${T2[corpus-even-b]:-}" ]; then
  python3 - "${T1[corpus]}" "${T2[corpus]}" "${T1[corpus-even-a]}" "${T2[corpus-even-a]}" \
    "${T1[corpus-even-b]}" "${T2[corpus-even-b]}" "${ANALYSED[corpus]:--}" \
    "${ANALYSED[corpus-even-a]:--}" "${ANALYSED[corpus-even-b]:--}" <<'PY'
import sys
t1w, t2w, t1a, t2a, t1b, t2b = map(float, sys.argv[1:7])
aw, aa, ab = sys.argv[7:10]
line = (f"growth whole/even half (table): a j1 {t1w / t1a:.2f}x, j2 {t2w / t2a:.2f}x;"
        f" b j1 {t1w / t1b:.2f}x, j2 {t2w / t2b:.2f}x")
if "-" not in (aw, aa, ab):
    line += f"; analysed bytes whole/a {float(aw) / float(aa):.2f}x, whole/b {float(aw) / float(ab):.2f}x"
line += f"; whole/(a+b) j1 {t1w / (t1a + t1b):.2f}x, j2 {t2w / (t2a + t2b):.2f}x"
print(line)
PY
fi
