#!/usr/bin/env bash
# Runs every fuzz target for a short while on its committed seeds (fuzz/seeds/TARGET),
# one after the other, with `--sanitizer none` (no nightly toolchain needed).
#
#   fuzz/smoke.sh                  # ~20 s per target
#   FUZZ_SECONDS=600 fuzz/smoke.sh # longer runs
#   fuzz/smoke.sh judgment pdf     # only these targets
#   FUZZ_DEV=1 fuzz/smoke.sh       # unoptimised build (quicker to build)
#
# Exits 0 without fuzzing, saying why, when the tools are missing (no cargo-fuzz, no C++
# compiler for libFuzzer), so that CI can call it unconditionally. Exits 1 when a target
# fails to build or finds a crash, leak of time (timeout) or out-of-memory; the input that
# did it is left in fuzz/artifacts/TARGET/.
set -u
cd "$(dirname "$0")/.." || exit 1

seconds=${FUZZ_SECONDS:-20}
# FUZZ_DEV=1 builds the targets without optimisation: much quicker to build, slower to run,
# which suits a short smoke.
profile=()
[ "${FUZZ_DEV:-0}" = 1 ] && profile=(--dev)
skip() {
    echo "fuzz smoke: skipped: $*"
    exit 0
}
command -v cargo >/dev/null 2>&1 || skip "cargo is not installed"
cargo fuzz --version >/dev/null 2>&1 || skip "cargo-fuzz is not installed (cargo install cargo-fuzz)"
command -v c++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1 || command -v clang++ >/dev/null 2>&1 ||
    skip "no C++ compiler to build libFuzzer"

if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list 2>/dev/null)
fi
[ ${#targets[@]} -gt 0 ] || skip "cargo fuzz list found no targets"

if ! cargo fuzz build "${profile[@]}" --sanitizer none >/dev/null 2>fuzz/.build.log; then
    cat fuzz/.build.log
    echo "fuzz smoke: FAILED: the fuzz crate does not build"
    exit 1
fi
rm -f fuzz/.build.log

failed=0
summary=()
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus-run/$t" "fuzz/seeds/$t"
    log=$(mktemp)
    start=$(date +%s)
    cargo fuzz run "${profile[@]}" --sanitizer none "$t" "fuzz/corpus-run/$t" "fuzz/seeds/$t" -- \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 \
        >"$log" 2>&1
    rc=$?
    took=$(($(date +%s) - start))
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    if [ $rc -eq 0 ]; then
        summary+=("$t: ok, ${execs:-?} executions, ${cov:-cov: ?}, ${took}s")
    else
        failed=1
        tail -40 "$log"
        summary+=("$t: FAILED (exit $rc) after ${execs:-?} executions, ${took}s; see fuzz/artifacts/$t/")
    fi
    rm -f "$log"
done
printf '%s\n' "${summary[@]}"
if [ $failed -ne 0 ]; then
    echo "fuzz smoke: FAILED"
    exit 1
fi
echo "fuzz: ${#targets[@]} passed, 0 failed"
