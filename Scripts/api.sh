#!/usr/bin/env bash
# The public API as a checked-in listing (API/MODULE.txt, one declaration per line), so that a
# change to the surface is a visible diff in review.
#
#   Scripts/api.sh            regenerate API/ after a deliberate change
#   Scripts/api.sh --check    fail when the surface differs from API/ (CI)
#   Scripts/api.sh --summary  public types, declarations and undocumented symbols per module
set -euo pipefail
cd "$(dirname "$0")/.."
# Graphs of an earlier run must not stand in for this one's.
rm -rf .build/*/symbolgraph
# The command can fail on a test module's graph after writing the library modules' ones: what
# counts is that each library module has its graph.
output=$(swift package --traits GRPC,Configuration dump-symbol-graph --skip-synthesized-members --skip-inherited-docs 2>&1) || true
graphs=$(echo "$output" | sed -n 's/^Files written to //p' | tail -1)
for module in TLSConfig TLSConfigOpenSSL TLSConfigCommands TLSConfigNIO TLSConfigGRPC TLSConfigConfiguration TLSConfigTesting; do
    [ -f "$graphs/$module.symbols.json" ] || { echo "$output" | tail -40 >&2; echo "no symbol graph for $module" >&2; exit 1; }
done
case "${1:-}" in
--summary)
    python3 Scripts/api-listing.py "$graphs" --summary
    ;;
--check)
    fresh=$(mktemp -d "${TMPDIR:-/tmp}/tlsconfig-api.XXXXXX")
    python3 Scripts/api-listing.py "$graphs" "$fresh"
    if ! diff -ru API "$fresh"; then
        echo "the public API changed: review the diff above, then run Scripts/api.sh and commit API/" >&2
        rm -rf "$fresh"
        exit 1
    fi
    rm -rf "$fresh"
    # Every public symbol is documented.
    undocumented=$(python3 Scripts/api-listing.py "$graphs" --summary | awk '$1 == "all" { print $5 }')
    if [ "$undocumented" != "0" ]; then
        python3 Scripts/api-listing.py "$graphs" --summary >&2
        echo "$undocumented public symbols have no doc comment" >&2
        exit 1
    fi
    ;;
*)
    rm -rf API
    python3 Scripts/api-listing.py "$graphs" API
    ;;
esac
