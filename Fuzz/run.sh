#!/usr/bin/env bash
# Fuzzes the core module with libFuzzer: builds the instrumented binary once (Fuzz/build.sh),
# then runs each target for SECONDS, one after another, single process.
#
#   Fuzz/run.sh SECONDS [TARGET...]      targets: toml yaml pem host resolve (default: all)
#
# Prints "TARGET: N runs, no finding in S s" per target, or the file holding the input that
# crashed, timed out (5 s) or ran out of memory (2 GiB); exits 1 if anything was found.
# Corpora grow in Fuzz/corpus-TARGET/ (git-ignored), seeded from Fuzz/seeds/TARGET/ and, for
# TOML, from the toml-test suite beside the package (../shared/toml-test) when present.
# Findings and logs go to Fuzz/.build-fuzz/. Reproduce one with
#   FUZZ_TARGET=TARGET Fuzz/.build-fuzz/tlsconfig-fuzz FILE
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(toml yaml pem host resolve)
if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
    echo "usage: Fuzz/run.sh SECONDS [TARGET...]   (targets: ${all_targets[*]})" >&2
    exit 2
fi
seconds=$1
shift
targets=("${@:-${all_targets[@]}}")
for target in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $target "* ]] || { echo "unknown target: $target" >&2; exit 2; }
done

binary=$(Fuzz/build.sh | tail -n 1)
out=Fuzz/.build-fuzz
mkdir -p "$out/findings" "$out/logs"

# The resolve target writes its files under here; removed however the run ends.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tlsconfig-fuzz-run.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

seed_corpus() {
    local target=$1 corpus=Fuzz/corpus-$1
    mkdir -p "$corpus"
    local file name
    for file in Fuzz/seeds/"$target"/*; do
        name=$corpus/seed-$(basename "$file")
        [[ -e $name ]] || cp "$file" "$name"
    done
    local toml_test=${TOML_TEST_DIR:-../shared/toml-test/tests}
    if [[ $target == toml && -d $toml_test && ! -e $corpus/.toml-test-copied ]]; then
        # Third-party data: copied at run time into the ignored corpus, never committed.
        while IFS= read -r -d '' file; do
            name=$corpus/toml-test-$(printf '%s' "${file#"$toml_test"/}" | tr '/' '_')
            [[ -e $name ]] || cp "$file" "$name"
        done < <(find "$toml_test" -name '*.toml' -size -16k -print0)
        touch "$corpus/.toml-test-copied"
    fi
}

status=0
for target in "${targets[@]}"; do
    seed_corpus "$target"
    log=$out/logs/$target.log
    start=$SECONDS
    set +e
    # The Swift runtime's own crash backtracer would race libFuzzer's handler; ASan reports instead.
    FUZZ_TARGET=$target FUZZ_SCRATCH_DIR=$scratch SWIFT_BACKTRACE=enable=no \
        timeout --kill-after=30 $((seconds + 300)) "$binary" \
        -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
        -dict="Fuzz/dicts/$target.dict" -artifact_prefix="$out/findings/$target-" \
        -print_final_stats=1 "Fuzz/corpus-$target" >"$log" 2>&1
    code=$?
    set -e
    elapsed=$((SECONDS - start))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [[ $code -eq 0 ]]; then
        echo "$target: ${runs:-?} runs, no finding in $elapsed s"
    else
        status=1
        artifact=$(sed -n 's/.*Test unit written to //p' "$log" | tail -n 1)
        echo "$target: FINDING after $elapsed s (exit $code): ${artifact:-no artifact, see $log}"
        grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz property violated|Fatal error|ALARM|.*out-of-memory)' "$log" | head -n 5 | sed 's/^/    /' || true
        echo "    log: $log"
    fi
done
exit $status
