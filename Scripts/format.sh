#!/usr/bin/env bash
# Formats every Swift file of the project with swift-format and the checked-in .swift-format.
#
#   Scripts/format.sh           format in place
#   Scripts/format.sh --check   fail when a file is not formatted (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.swift' | grep -v '/\.build')
if [[ ${1:-} == --check ]]; then
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/tlsconfig-format.XXXXXX")
    trap 'rm -rf "$scratch"' EXIT
    for file in "${files[@]}"; do mkdir -p "$scratch/$(dirname "$file")"; cp "$file" "$scratch/$file"; done
    cp .swift-format "$scratch/"
    (cd "$scratch" && swift format format --configuration .swift-format --in-place --parallel "${files[@]}")
    unformatted=0
    for file in "${files[@]}"; do
        if ! cmp -s "$file" "$scratch/$file"; then
            diff -u "$file" "$scratch/$file" | head -20 >&2
            unformatted=$((unformatted + 1))
        fi
    done
    if ((unformatted > 0)); then
        echo "$unformatted file(s) are not formatted: run Scripts/format.sh" >&2
        exit 1
    fi
else
    swift format format --configuration .swift-format --in-place --parallel "${files[@]}"
fi
