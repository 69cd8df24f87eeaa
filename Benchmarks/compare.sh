#!/usr/bin/env bash
# Side-by-side timings of TLSConfig against a C reference, Python and the Swift floor, in one
# run on one machine. Builds what it needs (release), touches no network, takes a few minutes.
#
#   Benchmarks/compare.sh            # ITERATIONS=30 RUNS=30 by default
#   ITERATIONS=50 RUNS=50 Benchmarks/compare.sh
#
# Needs: swift, cc, OpenSSL 3 headers (libssl-dev), python3 >= 3.11 (tomllib), GNU time
# (apt-get install -y time) for peak memory, and hyperfine (apt-get install -y hyperfine) for
# whole-process timings (without it the comparison helper times the processes itself).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
ITERATIONS=${ITERATIONS:-30}
RUNS=${RUNS:-30}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tlsconfig-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

log() { printf '%s\n' "$*" >&2; }

# --- Build -------------------------------------------------------------------------------
# The binary as Scripts/install.sh installs it: the Swift runtime linked in, which starts
# faster than loading it from the toolchain.
log "building tlsconfig (release, --static-swift-stdlib, $ROOT/.build-release-static) ..."
swift build -c release --static-swift-stdlib --package-path "$ROOT" --scratch-path "$ROOT/.build-release-static" --product tlsconfig >&2
TLSCONFIG="$ROOT/.build-release-static/release/tlsconfig"
log "building compare-helper (release, $HERE/.build) ..."
swift build -c release --package-path "$HERE" --scratch-path "$HERE/.build" --product compare-helper >&2
HELPER="$HERE/.build/release/compare-helper"
log "compiling the C reference and the Swift hello-world ..."
# shellcheck disable=SC2046
cc -O2 -Wall -o "$WORK/reference-context" "$HERE/reference-context.c" \
    $(pkg-config --cflags --libs openssl 2>/dev/null || echo -lssl -lcrypto)
# shellcheck disable=SC2046
cc -O2 -Wall -o "$WORK/make-bundle" "$HERE/make-bundle.c" $(pkg-config --cflags --libs openssl 2>/dev/null || echo -lssl -lcrypto)
# The floor for a Swift CLI: Foundation, one environment variable, the runtime linked in as
# tlsconfig's is.
printf 'import Foundation\nprint(ProcessInfo.processInfo.environment["HOME"] ?? "no HOME")\n' > "$WORK/hello.swift"
swiftc -O -static-stdlib "$WORK/hello.swift" -o "$WORK/hello" >&2
# The interpreter itself, not a version-manager shim in front of it (pyenv's adds ~100 ms).
PYTHON=$(python3 -c 'import sys; print(sys.executable)')

# --- A neutral environment ------------------------------------------------------------------
# Nothing that changes what "the system store" means, no configuration files of the caller's.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(SSL_|TLSCONFIG_)|_CA_BUNDLE$' || true)
mkdir -p "$WORK/cwd" "$WORK/config"
export XDG_CONFIG_HOME="$WORK/config"
cd "$WORK/cwd"
BUNDLE=$("$PYTHON" -c 'import ssl; print(ssl.get_default_verify_paths().openssl_cafile)')
CERTDIR=$("$PYTHON" -c 'import ssl; print(ssl.get_default_verify_paths().openssl_capath)')

# --- 1 and 2: contexts, in process ----------------------------------------------------------
log "1/8 first client context with $BUNDLE ($ITERATIONS rounds each) ..."
ours_first=$("$HELPER" context-first "$ITERATIONS")
# SSL_CERT_FILE set to the very bundle the system directory mirrors, as on Debian CI images.
ours_first_file=$("$HELPER" context-first "$ITERATIONS" "$BUNDLE")
c_first=$("$WORK/reference-context" bundle "$BUNDLE" "$ITERATIONS")
c_new=$("$WORK/reference-context" new - "$ITERATIONS")
c_dir=$("$WORK/reference-context" dir "$CERTDIR" "$ITERATIONS")
# Which path the system store took, as `check` reports it (looked up through the directory, or the bundle loaded).
system_path=$("$TLSCONFIG" check 2>/dev/null | grep -m1 'trust store' | sed 's/^[[:space:]]*trust store[[:space:]]*//' || true)
resolve_us=$("$HELPER" resolve 1000)
py_context=$("$PYTHON" - "$ITERATIONS" <<'PY'
import ssl, statistics, sys, time
samples = []
for round in range(3 + int(sys.argv[1])):
    start = time.perf_counter_ns()
    ssl.create_default_context()
    if round >= 3:
        samples.append((time.perf_counter_ns() - start) / 1000)
print(f"{statistics.median(samples):.1f}")
PY
)
log "2/8 repeated client context, same trust ..."
ours_repeat=$("$HELPER" context-repeat $((ITERATIONS * 20)))

# --- 3: whole processes ---------------------------------------------------------------------
log "3/8 whole processes ($RUNS runs each) ..."
PY_ONELINER="import ssl; print(ssl.get_default_verify_paths())"
if command -v hyperfine >/dev/null; then
    timer="hyperfine"
    hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$WORK/processes.json" \
        "$TLSCONFIG show" "$WORK/hello" "$TLSCONFIG --help" \
        "$PYTHON -c '$PY_ONELINER'" >/dev/null 2>&1
    read -r show_ms hello_ms help_ms py_ms < <("$PYTHON" - "$WORK/processes.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print(" ".join(f"{r['median'] * 1000:.2f}" for r in results))
PY
)
else
    timer="compare-helper spawn (hyperfine not installed)"
    ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
    show_ms=$(ms "$("$HELPER" spawn "$RUNS" "$TLSCONFIG" show)")
    hello_ms=$(ms "$("$HELPER" spawn "$RUNS" "$WORK/hello")")
    help_ms=$(ms "$("$HELPER" spawn "$RUNS" "$TLSCONFIG" --help)")
    py_ms=$(ms "$("$HELPER" spawn "$RUNS" "$PYTHON" -c "$PY_ONELINER")")
fi
peak() {  # largest "Maximum resident set size" of five runs, in KiB
    local max=0 value
    for _ in 1 2 3 4 5; do
        value=$(/usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 }')
        [ "${value:-0}" -gt "$max" ] && max=$value
    done
    echo "$max"
}
if [ -x /usr/bin/time ]; then
    show_rss=$(peak "$TLSCONFIG" show)
    hello_rss=$(peak "$WORK/hello")
    py_rss=$(peak "$PYTHON" -c "$PY_ONELINER")
else
    show_rss=0 hello_rss=0 py_rss=0
    log "GNU time is missing (apt-get install -y time): no peak memory"
fi

# --- 4: TOML --------------------------------------------------------------------------------
log "4/8 reading a 1 MiB TOML document ..."
TOML="$WORK/document.toml"
"$HELPER" generate-toml "$TOML"
toml_bytes=$(wc -c < "$TOML")
toml_rounds=$(( ITERATIONS < 10 ? ITERATIONS : 10 ))
ours_toml=$("$HELPER" toml "$TOML" "$ITERATIONS")
py_toml=$("$PYTHON" - "$TOML" "$toml_rounds" <<'PY'
import statistics, sys, time, tomllib
samples = []
for round in range(1 + int(sys.argv[2])):
    start = time.perf_counter_ns()
    with open(sys.argv[1], "rb") as file:
        tomllib.load(file)
    if round >= 1:
        samples.append((time.perf_counter_ns() - start) / 1000)
print(f"{statistics.median(samples):.1f}")
PY
)

# --- 5: diagnostics -------------------------------------------------------------------------
# A project's config file is input others control: rendering its errors must stay linear.
log "5/8 show with 20,000 and 200,000 unknown keys, text against JSON ..."
"$PYTHON" - "$WORK" <<'PY'
import sys
for count in (20_000, 200_000):
    with open(f"{sys.argv[1]}/diagnostics-{count}.toml", "w") as file:
        file.writelines(f"k{index} = 1\n" for index in range(count))
PY
diag_runs=$(( RUNS < 5 ? RUNS : 5 ))
for count in 20000 200000; do
    declare "diag_text_$count=$("$HELPER" spawn "$diag_runs" "$TLSCONFIG" show --color never --config "$WORK/diagnostics-$count.toml")"
    declare "diag_json_$count=$("$HELPER" spawn "$diag_runs" "$TLSCONFIG" show --format json --config "$WORK/diagnostics-$count.toml")"
done

# --- 6: a successful mTLS connection -------------------------------------------------------
# One local `openssl s_server -www` that requires a client certificate; tlsconfig connect (a
# full handshake and the server's verdict on our certificate) against curl's whole GET and
# Python's ssl + http.client GET on the same server.
log "6/8 a successful TLS 1.3 mTLS connection: tlsconfig connect, curl, Python ..."
PKI="$WORK/pki"
mkdir -p "$PKI"
(
    cd "$PKI"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -subj /CN=Compare-CA -days 400 \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=keyCertSign >/dev/null 2>&1
    for role in server client; do
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$role.key" -out "$role.csr" -subj "/CN=$role" >/dev/null 2>&1
        if [ "$role" = server ]; then usage="subjectAltName=DNS:localhost,IP:127.0.0.1"; else usage="extendedKeyUsage=clientAuth"; fi
        openssl x509 -req -in "$role.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 400 -out "$role.pem" -extfile <(printf '%s\n' "$usage") >/dev/null 2>&1
    done
    cat client.pem client.key > client-combined.pem
    chmod 600 ./*.key client-combined.pem
)
MTLS_PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
openssl s_server -accept "127.0.0.1:$MTLS_PORT" -cert "$PKI/server.pem" -key "$PKI/server.key" -CAfile "$PKI/ca.pem" \
    -Verify 1 -verify_return_error -www -quiet >/dev/null 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do "$PYTHON" -c "import socket; socket.create_connection(('127.0.0.1', $MTLS_PORT), 0.1)" 2>/dev/null && break; sleep 0.05; done
export SSL_CERT_FILE="$PKI/ca.pem" SSL_CLIENT_CERT="$PKI/client-combined.pem"
"$TLSCONFIG" connect "127.0.0.1:$MTLS_PORT" >/dev/null || { log "tlsconfig connect failed against the local server"; exit 1; }
connect_us=$("$HELPER" spawn "$RUNS" "$TLSCONFIG" connect "127.0.0.1:$MTLS_PORT")
curl_us=0
if command -v curl >/dev/null; then
    curl_us=$("$HELPER" spawn "$RUNS" curl -s -o /dev/null --cacert "$PKI/ca.pem" --cert "$PKI/client-combined.pem" "https://127.0.0.1:$MTLS_PORT/")
fi
cat > "$WORK/get.py" <<PY
import http.client, ssl
context = ssl.create_default_context(cafile="$PKI/ca.pem")
context.load_cert_chain("$PKI/client-combined.pem")
connection = http.client.HTTPSConnection("127.0.0.1", $MTLS_PORT, context=context)
connection.request("GET", "/")
connection.getresponse().read()
PY
python_us=$("$HELPER" spawn "$RUNS" "$PYTHON" "$WORK/get.py")
unset SSL_CERT_FILE SSL_CLIENT_CERT

# --- 7: a 20,000-certificate CA bundle -------------------------------------------------------
log "7/8 a CA bundle of 20,000 certificates: tlsconfig check, curl, Python ..."
BIG="$WORK/bundle-20000.pem"
"$WORK/make-bundle" 20000 "$BIG"
cat "$PKI/ca.pem" >> "$BIG"
big_runs=$(( RUNS < 3 ? RUNS : 3 ))
big_check_us=$(TLSCONFIG_CA_FILE="$BIG" "$HELPER" spawn "$big_runs" "$TLSCONFIG" check)
big_curl_us=0
if command -v curl >/dev/null; then
    big_curl_us=$("$HELPER" spawn "$big_runs" curl -s -o /dev/null --cacert "$BIG" --cert "$PKI/client-combined.pem" "https://127.0.0.1:$MTLS_PORT/")
fi
big_py_us=$("$HELPER" spawn "$big_runs" "$PYTHON" -c "import ssl; ssl.create_default_context(cafile='$BIG')")

# --- 11: the same certificates as an unhashed directory of 20,001 files ---------------------
log "11 an unhashed CA directory of 20,001 files against the same certificates as one bundle ..."
UNHASHED="$WORK/unhashed"
"$PYTHON" - "$BIG" "$UNHASHED" <<'PY'
import os, sys
os.makedirs(sys.argv[2])
text = open(sys.argv[1]).read()
for index, block in enumerate(text.split("-----BEGIN CERTIFICATE-----")[1:]):
    with open(f"{sys.argv[2]}/ca-{index}.pem", "w") as file:
        file.write("-----BEGIN CERTIFICATE-----" + block)
PY
dir_check_us=$(TLSCONFIG_CA_DIR="$UNHASHED" "$HELPER" spawn "$big_runs" "$TLSCONFIG" check)

# --- 12: a 4 MiB configuration file of unknown keys ------------------------------------------
log "12 show with a 4 MiB file of unknown keys: time and peak memory ..."
"$PYTHON" - "$WORK/unknown-4mib.toml" <<'PY'
import sys
with open(sys.argv[1], "w") as file:
    size, index = 0, 0
    while True:
        line = f"k{index} = 1\n"
        if size + len(line) > 4 * 1024 * 1024 - 16: break
        file.write(line); size += len(line); index += 1
PY
unknown_us=$("$HELPER" spawn "$big_runs" "$TLSCONFIG" show --config "$WORK/unknown-4mib.toml")

# --- 13: check with 10,000 certificates, peak memory against openssl verify ---------------------
log "13 peak memory of check with a 10,001-certificate CA file, against openssl verify ..."
TEN="$WORK/bundle-10000.pem"
"$WORK/make-bundle" 10000 "$TEN"
cat "$PKI/ca.pem" >> "$TEN"
kill "$SERVER_PID" 2>/dev/null || true

# --- 9: mTLS handshakes on a NIO server, TLSConfig's verifier vs swift-nio-ssl's -----------------
log "9 NIO mTLS server: full handshakes per second with TLSConfig's verifier and with swift-nio-ssl's ..."
read -r nio_hs_ours nio_hs_plain nio_hs_ratio nio_callback_us < <("$HELPER" nio-handshakes "$PKI" "${HANDSHAKES:-2000}")

# --- 10: a reloader's CPU under a storm of touches ---------------------------------------------
log "10 reloader CPU while its certificate is touched 100,000 times in 10 s ..."
read -r storm_cpu storm_events < <("$HELPER" reload-storm "$PKI" 100000 10)

# --- 14: rotation latency: a certificate's atomic rename to the reloader's event --------------
log "14 rotation latency: 50 atomic renames of a server certificate, each to its reload event ..."
read -r rotation_median rotation_max rotation_rounds < <("$HELPER" rotation-latency "$PKI" 50)

# --- 8: swift-nio-ssl contexts through TLSConfigNIO ------------------------------------------
log "8/8 NIOSSLContext for a configuration consumer, system trust: first, second, swift-nio-ssl alone ..."
nio_first=$("$HELPER" nio-first "$ITERATIONS")
nio_second=$("$HELPER" nio-second "$((ITERATIONS * 5))")
nio_handler_second=$("$HELPER" nio-handler-second "$((ITERATIONS * 5))")
nio_plain=$("$HELPER" nio-plain "$ITERATIONS")

if [ -x /usr/bin/time ]; then
    unknown_rss=$(peak "$TLSCONFIG" show --config "$WORK/unknown-4mib.toml")
    ten_check_rss=$(TLSCONFIG_CA_FILE="$TEN" peak "$TLSCONFIG" check)
    ten_verify_rss=$(peak openssl verify -CAfile "$TEN" "$PKI/server.pem")
else
    unknown_rss=0 ten_check_rss=0 ten_verify_rss=0
fi

# --- Report ---------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == "<=") ? (v <= t) : (v >= t); print ok ? "met" : "MISSED" }'; }
us_to_ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
mib_per_s() { awk -v bytes="$1" -v us="$2" 'BEGIN { printf "%.1f", bytes / 1048576 / (us / 1e6) }'; }

r1=$(ratio "$ours_first" "$c_first")
r1py=$(ratio "$ours_first" "$py_context")
r2=$(ratio "$ours_repeat" "$py_context")
r3hello=$(ratio "$show_ms" "$hello_ms")
r3py=$(ratio "$show_ms" "$py_ms")
show_mib=$(awk -v k="$show_rss" 'BEGIN { printf "%.1f", k / 1024 }')
r4=$(ratio "$py_toml" "$ours_toml")

cat <<REPORT

TLSConfig comparison: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPU(s), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
$(swift --version 2>/dev/null | head -1); $(openssl version); Python $("$PYTHON" -c 'import platform, ssl; print(platform.python_version(), "with", ssl.OPENSSL_VERSION)')
CA bundle $BUNDLE ($(grep -c 'BEGIN CERTIFICATE' "$BUNDLE") certificates, $(wc -c < "$BUNDLE") bytes); medians of $ITERATIONS in-process rounds, $RUNS process runs ($timer)

| # | measurement | ours | reference | ratio | target | |
|---|---|---:|---:|---:|---|---|
| 1 | first client context, system trust (looked up through the mirroring directory, check included) vs C (SSL_CTX_new + load_verify_locations of the bundle) | $(us_to_ms "$ours_first") ms | $(us_to_ms "$c_first") ms | $r1 | <= 0.25 | $(verdict "$r1" "<=" 0.25) |
| 1 | first client context with SSL_CERT_FILE set to that bundle (looked up through the mirroring directory) vs the same C | $(us_to_ms "$ours_first_file") ms | $(us_to_ms "$c_first") ms | $(ratio "$ours_first_file" "$c_first") | <= 0.25 | $(verdict "$(ratio "$ours_first_file" "$c_first")" "<=" 0.25) |
| 1 | first client context vs Python ssl.create_default_context() | $(us_to_ms "$ours_first") ms | $(us_to_ms "$py_context") ms | $r1py | | |
| 2 | second context, same trust (cached store) vs Python create_default_context() | $(us_to_ms "$ours_repeat") ms | $(us_to_ms "$py_context") ms | $r2 | <= 0.01 | $(verdict "$r2" "<=" 0.01) |
| 3 | \`tlsconfig show\` (static stdlib) vs a static Swift hello-world importing Foundation, reading one variable | $show_ms ms | $hello_ms ms | $r3hello | <= 1.2 | $(verdict "$r3hello" "<=" 1.2) |
| 3 | \`tlsconfig show\` vs \`python3 -c '$PY_ONELINER'\` | $show_ms ms | $py_ms ms | $r3py | <= 0.2 | $(verdict "$r3py" "<=" 0.2) |
| 3 | \`tlsconfig show\` peak RSS (hello-world $(awk -v k="$hello_rss" 'BEGIN { printf "%.1f", k / 1024 }') MiB, Python $(awk -v k="$py_rss" 'BEGIN { printf "%.1f", k / 1024 }') MiB) | $show_mib MiB | 25 MiB | | <= 25 MiB | $(verdict "$show_mib" "<=" 25) |
| 5 | \`show\` with 20,000 errors: text vs JSON | $(us_to_ms "$diag_text_20000") ms | $(us_to_ms "$diag_json_20000") ms | $(ratio "$diag_text_20000" "$diag_json_20000") | <= 1.5 | $(verdict "$(ratio "$diag_text_20000" "$diag_json_20000")" "<=" 1.5) |
| 5 | \`show\` with 200,000 errors: text vs JSON | $(us_to_ms "$diag_text_200000") ms | $(us_to_ms "$diag_json_200000") ms | $(ratio "$diag_text_200000" "$diag_json_200000") | <= 1.5 | $(verdict "$(ratio "$diag_text_200000" "$diag_json_200000")" "<=" 1.5) |
| 6 | successful TLS 1.3 mTLS \`tlsconfig connect\` vs curl's whole GET | $(us_to_ms "$connect_us") ms | $(us_to_ms "$curl_us") ms | $(ratio "$connect_us" "$curl_us") | <= 1.0 | $(verdict "$(ratio "$connect_us" "$curl_us")" "<=" 1.0) |
| 6 | the same vs Python ssl + http.client GET | $(us_to_ms "$connect_us") ms | $(us_to_ms "$python_us") ms | $(ratio "$connect_us" "$python_us") | | |
| 7 | \`tlsconfig check\` with a 20,001-certificate CA file vs curl's whole mTLS GET with it | $(us_to_ms "$big_check_us") ms | $(us_to_ms "$big_curl_us") ms | $(ratio "$big_check_us" "$big_curl_us") | <= 1.0 | $(verdict "$(ratio "$big_check_us" "$big_curl_us")" "<=" 1.0) |
| 7 | the same vs Python \`ssl.create_default_context(cafile=...)\` | $(us_to_ms "$big_check_us") ms | $(us_to_ms "$big_py_us") ms | $(ratio "$big_check_us" "$big_py_us") | | |
| 11 | \`tlsconfig check\` with an unhashed CA directory of 20,001 files vs the same certificates as one CA file (row 7) | $(us_to_ms "$dir_check_us") ms | $(us_to_ms "$big_check_us") ms | $(ratio "$dir_check_us" "$big_check_us") | <= 1.5 | $(verdict "$(ratio "$dir_check_us" "$big_check_us")" "<=" 1.5) |
| 12 | \`tlsconfig show\` with a 4 MiB file of unknown keys (first 1,000 listed, the rest counted): time; peak RSS $(awk -v k="$unknown_rss" 'BEGIN { printf "%.1f", k / 1024 }') MiB | $(us_to_ms "$unknown_us") ms | | | | |
| 13 | peak RSS of \`tlsconfig check\` with a 10,001-certificate CA file vs \`openssl verify -CAfile\` with it | $(awk -v k="$ten_check_rss" 'BEGIN { printf "%.1f", k / 1024 }') MiB | $(awk -v k="$ten_verify_rss" 'BEGIN { printf "%.1f", k / 1024 }') MiB | $(ratio "$ten_check_rss" "$ten_verify_rss") | <= 1.2 | $(verdict "$(ratio "$ten_check_rss" "$ten_verify_rss")" "<=" 1.2) |
| 8 | first \`NIOSSLContext\` (TLSConfigNIO, system trust, configuration consumer) vs swift-nio-ssl's own \`NIOSSLContext(.makeClientConfiguration())\` | $(us_to_ms "$nio_first") ms | $(us_to_ms "$nio_plain") ms | $(ratio "$nio_first" "$nio_plain") | | |
| 8 | second \`NIOSSLContext\`, same trust, vs the first | $(us_to_ms "$nio_second") ms | $(us_to_ms "$nio_first") ms | $(ratio "$nio_second" "$nio_first") | <= 0.1 | $(verdict "$(ratio "$nio_second" "$nio_first")" "<=" 0.1) |
| 8 | second \`ClientTLS\` (handler context), same trust, vs the first configuration context | $(us_to_ms "$nio_handler_second") ms | $(us_to_ms "$nio_first") ms | $(ratio "$nio_handler_second" "$nio_first") | <= 0.1 | $(verdict "$(ratio "$nio_handler_second" "$nio_first")" "<=" 0.1) |
| 9 | mTLS NIO server, full handshakes per second (4 in flight, no resumption): TLSConfig's verifier (\`ServerTLS.makeHandler\`) vs swift-nio-ssl's own verification | $nio_hs_ours/s | $nio_hs_plain/s | $nio_hs_ratio | >= 0.9 | $(verdict "$nio_hs_ratio" ">=" 0.9) |
| 9 | one verification callback (TLSConfig's verifier judging a client chain) | $nio_callback_us µs | | | | |
| 10 | reloader CPU while \`tls.crt\` is touched 100,000 times in 10 s (reload events: $storm_events; a touch changes no bytes) | $storm_cpu s | 0.62 s (issue 26's load test, the earlier reloader) | $(ratio "$storm_cpu" 0.62) | <= 1.0 | $(verdict "$(ratio "$storm_cpu" 0.62)" "<=" 1.0) |
| 14 | rotation latency: atomic rename of \`tls.crt\` to the server reloader's event (file events; the reloader polls every 30 s), median of $rotation_rounds, max $rotation_max ms | $rotation_median ms | | | | |
| 4 | read 1 MiB TOML ($toml_bytes bytes) vs Python tomllib: throughput ratio | $(mib_per_s "$toml_bytes" "$ours_toml") MiB/s ($(us_to_ms "$ours_toml") ms) | $(mib_per_s "$toml_bytes" "$py_toml") MiB/s ($(us_to_ms "$py_toml") ms) | $r4 | >= 1 | $(verdict "$r4" ">=" 1) |

Context for the figures above:
  C SSL_CTX_new alone                                     $(us_to_ms "$c_new") ms
  C SSL_CTX_new + lazy lookup in $CERTDIR         $(us_to_ms "$c_dir") ms
  the system store in row 1, as \`tlsconfig check\` reports it: ${system_path:-(not reported)}
  resolution, two files and 20 host sections (discovery, read, parse; target <= 100 us)  $resolve_us us
  \`tlsconfig --help\` (process start, Foundation, ArgumentParser)  $help_ms ms
REPORT
