#!/usr/bin/env bash
# Builds the one instrumented fuzzing binary (all targets; FUZZ_TARGET picks one at run time):
# every source of Sources/TLSConfig plus Fuzz/Harness compiled as one module with
# -sanitize=fuzzer,address. Rebuilds only when a source file or a flag changed.
#
#   Fuzz/build.sh            prints the binary's path on the last line of stdout
#   FUZZ_OPT=-Onone Fuzz/build.sh   faster to compile, slower to run
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=Fuzz/.build-fuzz
binary=$build_dir/tlsconfig-fuzz
mkdir -p "$build_dir"

mapfile -t sources < <(find Sources/TLSConfig Fuzz/Harness -name '*.swift' | LC_ALL=C sort)
flags=(
    -sanitize=fuzzer,address
    -parse-as-library
    "${FUZZ_OPT:--O}" -wmo -gline-tables-only
    -module-name TLSConfig
    -package-name TLSConfig
    -I Sources/CYAML
    -swift-version 6
    -enable-upcoming-feature InternalImportsByDefault
    -enable-upcoming-feature ExistentialAny
    -enable-upcoming-feature MemberImportVisibility
    -warnings-as-errors
)
# lld (shipped with the Swift toolchain) links the sanitizer runtimes without gold's
# "cannot export local symbol" noise; fall back to the default linker without it.
if command -v ld.lld >/dev/null 2>&1; then flags+=(-use-ld=lld); fi

stamp=$( { swiftc --version 2>&1; printf '%s\n' "${flags[@]}"; cat Sources/CYAML/module.modulemap; for file in "${sources[@]}"; do printf '== %s\n' "$file"; cat "$file"; done; } | sha256sum | cut -d' ' -f1)
if [[ -x $binary && -f $build_dir/stamp && $(cat "$build_dir/stamp") == "$stamp" ]]; then
    echo "fuzz binary up to date" >&2
else
    echo "== building $binary (${#sources[@]} files)" >&2
    start=$SECONDS
    rm -f "$build_dir/stamp"
    swiftc "${flags[@]}" "${sources[@]}" -o "$binary.tmp"
    mv "$binary.tmp" "$binary"
    echo "$stamp" >"$build_dir/stamp"
    echo "== built in $((SECONDS - start)) s" >&2
fi
echo "$binary"
