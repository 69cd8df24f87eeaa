#!/usr/bin/env bash
# Builds tlsconfig as a release binary with the Swift runtime linked in (--static-swift-stdlib),
# so it runs on machines without Swift, and installs it with its man page and shell completions:
#
#   Scripts/install.sh [PREFIX]        # default /usr/local
#
#   PREFIX/bin/tlsconfig
#   PREFIX/share/man/man1/tlsconfig.1
#   PREFIX/share/bash-completion/completions/tlsconfig
#   PREFIX/share/zsh/site-functions/_tlsconfig
#   PREFIX/share/fish/vendor_completions.d/tlsconfig.fish
#
# At run time the binary needs only OpenSSL 3 and libyaml (Debian: libssl3 libyaml-0-2).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PREFIX=${1:-/usr/local}

swift build -c release --static-swift-stdlib --product tlsconfig --package-path "$ROOT" --scratch-path "$ROOT/.build-install" >&2
binary="$ROOT/.build-install/release/tlsconfig"

install -d "$PREFIX/bin" "$PREFIX/share/man/man1" "$PREFIX/share/bash-completion/completions" \
    "$PREFIX/share/zsh/site-functions" "$PREFIX/share/fish/vendor_completions.d"
install -m 755 "$binary" "$PREFIX/bin/tlsconfig"
"$binary" manual > "$PREFIX/share/man/man1/tlsconfig.1"
"$binary" --generate-completion-script bash > "$PREFIX/share/bash-completion/completions/tlsconfig"
"$binary" --generate-completion-script zsh > "$PREFIX/share/zsh/site-functions/_tlsconfig"
"$binary" --generate-completion-script fish > "$PREFIX/share/fish/vendor_completions.d/tlsconfig.fish"
echo "installed $("$PREFIX/bin/tlsconfig" --version) in $PREFIX" >&2
