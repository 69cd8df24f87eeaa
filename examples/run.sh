#!/usr/bin/env bash
# Builds the example packages and runs them against real peers on 127.0.0.1 with a throw-away
# PKI: https-get (server trust, mTLS, failures explained), mytool (its own config file,
# variables and --cacert flag), the services package (ahc-get against openssl s_server; the
# Hummingbird and Vapor servers and the gRPC echo server against curl, openssl s_client and
# grpc-echo's client, rotating certificates and client CAs while they run; pg-query against
# a PostgreSQL cluster of its own with `hostssl ... cert`), configured-tool, and `tlsconfig
# check` over the annotated files in configs/. Needs swift, openssl, curl, postgresql and the
# packages the main package needs (libssl-dev, libyaml-dev, pkg-config); no network once
# dependencies are resolved.
# Usage: bash examples/run.sh   (from anywhere)
set -euo pipefail

examples="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/tlsconfig-examples.XXXXXX")"
server_pids=()

cleanup() {
    for pid in "${server_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "  ok   $1"; }
fail() { failed=$((failed + 1)); echo "  FAIL $1"; echo "--- output:"; cat "$work/out" "$work/err" 2>/dev/null | sed 's/^/    /'; echo "---"; }

# expect NAME EXIT_CODE PATTERN... -- COMMAND...: runs COMMAND (stdout to out, stderr to err)
# and checks its exit code and that every PATTERN (grep -E) occurs in stdout+stderr.
expect() {
    local name="$1" code="$2"; shift 2
    local patterns=()
    while [[ "$1" != "--" ]]; do patterns+=("$1"); shift; done
    shift
    local status=0
    "$@" >"$work/out" 2>"$work/err" </dev/null || status=$?
    if [[ "$status" != "$code" ]]; then
        fail "$name (exit $status, expected $code)"
        return
    fi
    for pattern in "${patterns[@]}"; do
        [[ -n "$pattern" ]] || continue
        # grep reads the files itself: `cat | grep -q` fails under pipefail when grep stops early.
        if ! grep -Eq -- "$pattern" "$work/out" "$work/err"; then
            fail "$name (no match for: $pattern)"
            return
        fi
    done
    pass "$name"
}

# --- Build ------------------------------------------------------------------------------
echo "== build examples"
swift build --package-path "$examples/https-get" --scratch-path "$examples/https-get/.build" -Xswiftc -warnings-as-errors
swift build --package-path "$examples/https-get" --scratch-path "$examples/https-get/.build" --product tlsconfig -Xswiftc -warnings-as-errors
swift build --package-path "$examples/embedding" --scratch-path "$examples/embedding/.build" -Xswiftc -warnings-as-errors
started=$SECONDS
swift build --package-path "$examples/services" --scratch-path "$examples/services/.build" -Xswiftc -warnings-as-errors
echo "   services (AsyncHTTPClient, Hummingbird, Vapor, gRPC, postgres-nio) built in $((SECONDS - started)) s"
services="$examples/services/.build/debug"
ahc_get="$services/ahc-get"
started=$SECONDS
swift build --package-path "$examples/configured-tool" --scratch-path "$examples/configured-tool/.build" -Xswiftc -warnings-as-errors
echo "   configured-tool (swift-configuration, JSON and TOML files) built in $((SECONDS - started)) s"
configured_tool="$examples/configured-tool/.build/debug/configured-tool"
https_get="$examples/https-get/.build/debug/https-get"
tlsconfig="$examples/https-get/.build/debug/tlsconfig"
mytool="$examples/embedding/.build/debug/mytool"

# --- Test PKI ---------------------------------------------------------------------------
echo "== test PKI in $work/pki"
pki="$work/pki"
mkdir -p "$pki/ca-dir" "$pki/ca-db"
(
    cd "$pki"
    cat >ext.cnf <<'CNF'
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
[client]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
[ca_default]
database = ca-db/index.txt
crlnumber = ca-db/crlnumber
default_md = sha256
default_crl_days = 30
[ca_section]
default_ca = ca_default
CNF
    : >ca-db/index.txt
    echo 1000 >ca-db/crlnumber
    ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
    ec ca.key
    openssl req -x509 -new -key ca.key -subj "/CN=Example Test CA" -days 365 -config ext.cnf -extensions ca -out ca.pem
    for role in server client; do
        ec "$role.key"
        openssl req -new -key "$role.key" -subj "/CN=example $role" -config ext.cnf -out "$role.csr"
        openssl x509 -req -in "$role.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 365 \
            -extfile ext.cnf -extensions "$role" -out "$role.pem" 2>/dev/null
    done
    cat client.pem client.key >client-combined.pem
    openssl pkcs8 -topk8 -v2 aes-256-cbc -in client.key -passout pass:example-passphrase -out client-encrypted.key
    cat client.pem client-encrypted.key >client-encrypted-combined.pem
    openssl ca -config ext.cnf -name ca_default -gencrl -cert ca.pem -keyfile ca.key -out ca.crl 2>/dev/null
    cp ca.pem ca-dir/example-ca.pem
    # A second CA, for servers whose client CAs rotate away from the first.
    ec other-ca.key
    openssl req -x509 -new -key other-ca.key -subj "/CN=Other Test CA" -days 365 -config ext.cnf -extensions ca -out other-ca.pem
    mkdir -p www
    echo "hello from s_server" >www/hello.txt
) >/dev/null

# --- Servers ----------------------------------------------------------------------------
# start_server VAR ARGS...: openssl s_server on a free port of 127.0.0.1 serving www/ (-WWW),
# its port stored in VAR; killed on exit.
start_server() {
    local var="$1"; shift
    local attempt port pid
    for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 20000))
        (cd "$pki/www" && exec openssl s_server -accept "127.0.0.1:$port" -cert ../server.pem -key ../server.key -WWW -quiet "$@") \
            >"$work/server-$port.log" 2>&1 &
        pid=$!
        for _ in $(seq 1 50); do
            if ! kill -0 "$pid" 2>/dev/null; then break; fi
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
                server_pids+=("$pid")
                printf -v "$var" '%s' "$port"
                return 0
            fi
            sleep 0.1
        done
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    echo "cannot start openssl s_server" >&2
    exit 1
}
start_server plain_port
start_server mtls_port -CAfile ../ca.pem -Verify 1 -verify_return_error
echo "== servers: plain on $plain_port, mTLS on $mtls_port"

# Every run gets a clean environment: only what a test sets reaches the tools.
home="$work/home"
mkdir -p "$home"
clean() { env -i PATH="$PATH" HOME="$home" NO_COLOR=1 "$@"; }

# --- https-get --------------------------------------------------------------------------
echo "== https-get"
url="https://localhost:$plain_port/hello.txt"
expect "GET with SSL_CERT_FILE" 0 '^HTTP/1\.[01] 200' '^hello from s_server$' -- \
    clean SSL_CERT_FILE="$pki/ca.pem" "$https_get" "$url"
expect "GET by IP address (certificate has IP:127.0.0.1)" 0 '200' 'hello from s_server' -- \
    clean SSL_CERT_FILE="$pki/ca.pem" "$https_get" "https://127.0.0.1:$plain_port/hello.txt"
expect "untrusted server is refused and explained" 1 'not trusted' 'server-certificate-not-trusted' -- \
    clean SSL_CERT_FILE="$pki/ca-dir/../client.pem" "$https_get" "$url"
expect "tool variable HTTPS_GET_CA_FILE beats SSL_CERT_FILE" 0 'hello from s_server' -- \
    clean SSL_CERT_FILE=/nonexistent/ca.pem HTTPS_GET_CA_FILE="$pki/ca.pem" "$https_get" "$url"
expect "missing SSL_CERT_FILE is an error, not a fallback" 1 'not found' 'SSL_CERT_FILE' -- \
    clean SSL_CERT_FILE="$pki/missing.pem" "$https_get" "$url"

mtls_url="https://localhost:$mtls_port/hello.txt"
expect "mTLS with SSL_CLIENT_CERT (combined PEM)" 0 '^HTTP/1\.[01] 200' '^hello from s_server$' -- \
    clean SSL_CERT_FILE="$pki/ca.pem" SSL_CLIENT_CERT="$pki/client-combined.pem" "$https_get" "$mtls_url"
expect "mTLS with an encrypted key from the tool's variables" 0 'hello from s_server' -- \
    clean SSL_CERT_FILE="$pki/ca.pem" HTTPS_GET_CLIENT_CERT="$pki/client.pem" HTTPS_GET_CLIENT_KEY="$pki/client-encrypted.key" \
    HTTPS_GET_CLIENT_KEY_PASSPHRASE=env:KEY_PASS KEY_PASS=example-passphrase "$https_get" "$mtls_url"
expect "mTLS without a client certificate is explained" 1 'requires a client certificate' 'client-certificate-required' -- \
    clean SSL_CERT_FILE="$pki/ca.pem" "$https_get" "$mtls_url"
expect "missing SSL_CLIENT_CERT is an error, never an anonymous connection" 1 'not found' 'SSL_CLIENT_CERT' -- \
    clean SSL_CERT_FILE="$pki/ca.pem" SSL_CLIENT_CERT="$pki/missing.pem" "$https_get" "$mtls_url"

# A project file with a host section: only the mTLS server's port gets the client certificate.
project="$work/project"
mkdir -p "$project"
cat >"$project/https-get.toml" <<TOML
ca-file = "$pki/ca.pem"

[hosts."localhost:$mtls_port"]
client-cert = "$pki/client-combined.pem"
TOML
# Its ca-file changes what is trusted: a project file needs trust first, and the error says how.
expect "a project file's ca-file is refused until the file is trusted" 1 'untrusted-project-setting' "tlsconfig trust --app https-get $project/https-get.toml" -- \
    clean sh -c "cd '$project' && exec '$https_get' '$url'"
expect "tlsconfig trust --app https-get records the file" 0 '^trusted ' -- \
    clean sh -c "cd '$project' && exec '$tlsconfig' trust --app https-get '$project/https-get.toml'"
expect "project file with a host section (mTLS port)" 0 'hello from s_server' -- \
    clean sh -c "cd '$project' && exec '$https_get' '$mtls_url'"
expect "project file with a host section (other port)" 0 'hello from s_server' -- \
    clean sh -c "cd '$project' && exec '$https_get' '$url'"

# --- mytool (embedding) -----------------------------------------------------------------
echo "== mytool"
tool="$work/tool-project"
mkdir -p "$tool/sub/dir"
cat >"$tool/mytool.toml" <<TOML
# mytool's own settings live beside its TLS table; TLSConfig reads only [tls].
[output]
verbose = true

[tls]
ca-file = "$pki/ca.pem"
min-version = "1.3"

[tls.hosts."localhost:$mtls_port"]
client-cert = "$pki/client-combined.pem"
TOML
in_tool() { clean sh -c "cd '$tool/sub/dir' && exec \"\$@\"" sh "$@"; }
expect "mytool: the project file's ca-file waits for mytool tls trust" 1 'untrusted-project-setting' "mytool tls trust $tool/mytool.toml" -- \
    in_tool "$mytool" tls show
expect "mytool tls trust finds and records mytool.toml" 0 "^trusted $tool/mytool.toml" -- \
    in_tool "$mytool" tls trust
expect "mytool tls show reads [tls] of mytool.toml, found walking up" 0 \
    'TLS settings for any host' 'app mytool, variables MYTOOL_\*' 'config file \(project\) .*mytool\.toml:7' 'MYTOOL_CA_FILE' -- \
    in_tool "$mytool" tls show
expect "mytool tls show --host applies [tls.hosts] sections" 0 'client-combined\.pem' 'Host sections matched' "hosts\.\"localhost:$mtls_port\"" -- \
    in_tool "$mytool" tls show --host "localhost:$mtls_port"
expect "mytool tls check passes" 0 'check passed' -- \
    in_tool "$mytool" tls check --host "localhost:$mtls_port"
expect "--cacert outranks MYTOOL_CA_FILE and the file" 0 'override --cacert' -- \
    in_tool env MYTOOL_CA_FILE=/nonexistent.pem "$mytool" tls show --cacert "$pki/ca-dir/example-ca.pem" --all
expect "a broken --cacert fails the check" 1 'check failed' 'not found' -- \
    in_tool "$mytool" tls check --cacert "$pki/missing.pem"
expect "mytool tls show --format json" 0 '"version" *: *1' '"app" *: *"mytool"' -- \
    in_tool "$mytool" tls show --format json
expect "mytool usage error exits 2" 2 '' -- \
    in_tool "$mytool" tls show --format xml
expect "mytool's own async command runs under TLSCommandLine (not its help)" 0 '^hello from an async command$' -- \
    in_tool "$mytool" greet
# tlsconfig resolves exactly as mytool does when told its file name and table.
same_as_mytool() {
    local keep='import json, sys; d = json.load(sys.stdin); print(json.dumps({k: d[k] for k in ("settings", "matchedSections", "configFiles", "environment", "diagnostics")}, sort_keys=True, indent=1))'
    diff <(in_tool "$mytool" tls show --host "localhost:$mtls_port" --format json | python3 -c "$keep") \
         <(in_tool "$tlsconfig" show --app mytool --project-file mytool.toml --table tls --host "localhost:$mtls_port" --format json | python3 -c "$keep")
}
expect "tlsconfig show --app mytool --project-file mytool.toml --table tls equals mytool tls show" 0 '' -- same_as_mytool

# --- ahc-get (AsyncHTTPClient through TLSConfigNIO) ----------------------------------------
echo "== ahc-get"
ahc="$work/ahc-project"
mkdir -p "$ahc"
cat >"$ahc/ahc-get.toml" <<TOML
# ahc-get's own file; TLSConfig reads its [tls] table.
[tls]
client-key-passphrase = "env:KEY_PASS"
min-version = "1.3"
TOML
in_ahc() { clean sh -c 'cd "$0" && exec "$@"' "$ahc" "$@"; }
expect "ahc-get: mTLS GET with SSL_CERT_FILE, SSL_CLIENT_CERT and [tls] of ahc-get.toml" 0 '^HTTP 200' '^hello from s_server$' -- \
    in_ahc env SSL_CERT_FILE="$pki/ca.pem" SSL_CLIENT_CERT="$pki/client-encrypted-combined.pem" KEY_PASS=example-passphrase "$ahc_get" "$mtls_url"
expect "ahc-get: a wrong passphrase is TLSConfig's error, naming ahc-get.toml" 1 'wrong-passphrase' 'ahc-get\.toml' -- \
    in_ahc env SSL_CERT_FILE="$pki/ca.pem" SSL_CLIENT_CERT="$pki/client-encrypted-combined.pem" KEY_PASS=wrong "$ahc_get" "$mtls_url"
expect "ahc-get: an untrusted server is refused, explained as tlsconfig connect explains it" 1 'error: cannot GET' 'server-certificate-not-trusted' 'SSL_CERT_FILE' -- \
    in_ahc env SSL_CERT_FILE="$pki/client.pem" SSL_CLIENT_CERT="$pki/client-encrypted-combined.pem" KEY_PASS=example-passphrase "$ahc_get" "$mtls_url"
expect "ahc-get: verify = none connects, and its warning is printed on start-up" 0 '^HTTP 200' 'warning\[verification-disabled\]' 'AHC_GET_VERIFY' -- \
    in_ahc env SSL_CERT_FILE="$pki/client.pem" SSL_CLIENT_CERT="$pki/client-encrypted-combined.pem" KEY_PASS=example-passphrase AHC_GET_VERIFY=none "$ahc_get" "$mtls_url"
expect "ahc-get: pins AsyncHTTPClient cannot check fail closed, naming the setting and its origin" 1 'nio-setting-not-enforced' 'pinned-public-keys' 'AHC_GET_PINNED_PUBLIC_KEYS' -- \
    in_ahc env SSL_CERT_FILE="$pki/ca.pem" SSL_CLIENT_CERT="$pki/client-encrypted-combined.pem" KEY_PASS=example-passphrase \
    AHC_GET_PINNED_PUBLIC_KEYS="sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" "$ahc_get" "$mtls_url"

# --- Services: Hummingbird, Vapor, gRPC and postgres-nio -------------------------------------
# Each server runs in the server role with mutual TLS and rotation on. Its files follow the
# Kubernetes secret-volume layout: tls.crt, tls.key and ca.crt link into ..data, a link to a
# versioned directory. Rotations swap ..data, or replace the files by atomic rename; after
# each, new connections must get the new certificate without a restart, none may fail, and
# none may get the old certificate once the new one was served.
rotations=0
stale=0
broken=0
issue_server() { # issue_server NAME: $pki/issued/NAME.pem and .key, CN "example server NAME"
    mkdir -p "$pki/issued"
    (
        cd "$pki"
        openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "issued/$1.key" 2>/dev/null
        openssl req -new -key "issued/$1.key" -subj "/CN=example server $1" -config ext.cnf -out "issued/$1.csr"
        openssl x509 -req -in "issued/$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 \
            -extfile ext.cnf -extensions server -out "issued/$1.pem" 2>/dev/null
    )
}
volume_version=0
swap_data() { # swap_data DIR NAME CA: a new ..data version holding NAME's pair and the client CAs CA
    local dir="$1"
    volume_version=$((volume_version + 1))
    local version="..v$volume_version"
    mkdir "$dir/$version"
    cp "$pki/issued/$2.pem" "$dir/$version/tls.crt"
    cp "$pki/issued/$2.key" "$dir/$version/tls.key"
    cp "$pki/$3" "$dir/$version/ca.crt"
    ln -sfn "$version" "$dir/..data.tmp"
    mv -T "$dir/..data.tmp" "$dir/..data"
    # The files point into ..data (again, after a rename replaced them with regular files).
    local file
    for file in tls.crt tls.key ca.crt; do
        [[ -L "$dir/$file" ]] || { ln -sfn "..data/$file" "$dir/$file.tmp" && mv -T "$dir/$file.tmp" "$dir/$file"; }
    done
}
rename_pair() { # rename_pair DIR NAME: NAME's pair replaces tls.key, then tls.crt, by rename
    cp "$pki/issued/$2.key" "$1/tls.key.tmp" && mv -f "$1/tls.key.tmp" "$1/tls.key"
    cp "$pki/issued/$2.pem" "$1/tls.crt.tmp" && mv -f "$1/tls.crt.tmp" "$1/tls.crt"
}
served_subject() { # served_subject PORT: the subject the server presents to the test client
    openssl s_client -connect "127.0.0.1:$1" -CAfile "$pki/ca.pem" -cert "$pki/client.pem" -key "$pki/client.key" </dev/null 2>/dev/null \
        | openssl x509 -noout -subject 2>/dev/null | sed 's/^subject= *//' || true
}
# await_rotation NAME PORT SUBJECT: new connections until SUBJECT is served (a bound only a
# stuck reload reaches), then more; counts failed connections and old certificates after it.
await_rotation() {
    local subject seen=0 after=0
    rotations=$((rotations + 1))
    for _ in $(seq 1 300); do
        subject=$(served_subject "$2")
        if [[ -z "$subject" ]]; then
            broken=$((broken + 1))
        elif [[ "$subject" == *"$3" ]]; then
            seen=1
        elif [[ "$seen" == 1 ]]; then
            stale=$((stale + 1))
        fi
        if [[ "$seen" == 1 ]]; then after=$((after + 1)); [[ "$after" -ge 10 ]] && break; else sleep 0.05; fi
    done
    if [[ "$seen" == 1 ]]; then pass "$1: new connections get $3 without a restart"; else fail "$1: $3 never served"; fi
}
# start_service VAR LOG VARIABLE=VALUE... PROGRAM...: PROGRAM in a clean environment with
# PORT, a free port of 127.0.0.1, stored in VAR once it accepts connections; killed on exit.
start_service() {
    local var="$1" log="$2"; shift 2
    local attempt port pid
    for attempt in $(seq 1 10); do
        port=$((20000 + RANDOM % 20000))
        clean PORT="$port" "$@" >"$log" 2>&1 &
        pid=$!
        for _ in $(seq 1 300); do
            if ! kill -0 "$pid" 2>/dev/null; then break; fi
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
                server_pids+=("$pid")
                printf -v "$var" '%s' "$port"
                return 0
            fi
            sleep 0.1
        done
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    echo "cannot start $*:" >&2
    cat "$log" >&2
    exit 1
}
for name in first second third fourth; do issue_server "$name"; done
curl_client=(--cacert "$pki/ca.pem" --cert "$pki/client.pem" --key "$pki/client.key" --max-time 10 -s)

# check_http_server NAME PREFIX PROGRAM GREETING: the Hummingbird and Vapor servers.
check_http_server() {
    local name="$1" prefix="$2" program="$3" greeting="$4"
    local dir="$work/$name-tls"
    mkdir -p "$dir"
    swap_data "$dir" first ca.pem
    start_service http_port "$work/$name.log" "${prefix}_CERT=$dir/tls.crt" "${prefix}_KEY=$dir/tls.key" "${prefix}_CA_FILE=$dir/ca.crt" \
        "${prefix}_CLIENT_AUTH=required" "$program"
    local url="https://localhost:$http_port/"
    expect "$name: curl with a client certificate" 0 "^$greeting\$" -- curl "${curl_client[@]}" "$url"
    expect "$name: curl without a client certificate is refused" 0 '^refused$' -- \
        sh -c 'curl --cacert "$0" --max-time 10 -s "$1" >/dev/null && echo served || echo refused' "$pki/ca.pem" "$url"
    swap_data "$dir" second ca.pem
    await_rotation "$name (..data swap)" "$http_port" "example server second"
    rename_pair "$dir" third
    await_rotation "$name (atomic rename)" "$http_port" "example server third"
    # The client CAs rotate too: to another CA (the test client is refused), and back.
    swap_data "$dir" fourth other-ca.pem
    await_rotation "$name (..data swap to other client CAs)" "$http_port" "example server fourth"
    expect "$name: after the client CAs rotate away, the client is refused" 0 '^refused$' -- \
        sh -c 'curl "$@" >/dev/null && echo served || echo refused' sh "${curl_client[@]}" "$url"
    swap_data "$dir" fourth ca.pem
    local attempts=0
    until curl "${curl_client[@]}" "$url" >/dev/null || [[ $((attempts += 1)) -ge 200 ]]; do sleep 0.05; done
    expect "$name: after they rotate back, the client is served again" 0 "^$greeting\$" -- curl "${curl_client[@]}" "$url"
    expect "$name: its log reports the reloads" 0 'TLS reloaded' -- cat "$work/$name.log"
}
echo "== hummingbird-server"
check_http_server hummingbird-server HUMMINGBIRD_SERVER "$services/hummingbird-server" "hello from hummingbird"
echo "== vapor-server"
check_http_server vapor-server VAPOR_SERVER "$services/vapor-server" "hello from vapor"

echo "== grpc-echo"
grpc_dir="$work/grpc-tls"
mkdir -p "$grpc_dir"
swap_data "$grpc_dir" first ca.pem
start_service grpc_port "$work/grpc-echo.log" GRPC_ECHO_SERVER_CERT="$grpc_dir/tls.crt" GRPC_ECHO_SERVER_KEY="$grpc_dir/tls.key" \
    GRPC_ECHO_SERVER_CA_FILE="$grpc_dir/ca.crt" GRPC_ECHO_SERVER_CLIENT_AUTH=required "$services/grpc-echo" serve
expect "grpc-echo: a call with mTLS" 0 '^echo: hello$' -- \
    clean GRPC_ECHO_CA_FILE="$pki/ca.pem" GRPC_ECHO_CLIENT_CERT="$pki/client-combined.pem" "$services/grpc-echo" call localhost "$grpc_port" hello
expect "grpc-echo: a call without a client certificate fails" 1 'error: the call' -- \
    clean GRPC_ECHO_CA_FILE="$pki/ca.pem" "$services/grpc-echo" call localhost "$grpc_port" hello
expect "grpc-echo: a client trusting another CA refuses the server, as connect explains it" 1 'server-certificate-not-trusted' -- \
    clean GRPC_ECHO_CA_FILE="$pki/other-ca.pem" GRPC_ECHO_CLIENT_CERT="$pki/client-combined.pem" "$services/grpc-echo" call localhost "$grpc_port" hello
expect "grpc-echo: min-version 1.3 cannot reach gRPC's transport: refused, naming its origin" 1 'nio-setting-not-enforced' 'min-version' 'GRPC_ECHO_MIN_VERSION' -- \
    clean GRPC_ECHO_CA_FILE="$pki/ca.pem" GRPC_ECHO_MIN_VERSION=1.3 "$services/grpc-echo" call localhost "$grpc_port" hello
swap_data "$grpc_dir" second ca.pem
await_rotation "grpc-echo (..data swap)" "$grpc_port" "example server second"
rename_pair "$grpc_dir" third
await_rotation "grpc-echo (atomic rename)" "$grpc_port" "example server third"
expect "grpc-echo: calls go on after the rotations" 0 '^echo: again$' -- \
    clean GRPC_ECHO_CA_FILE="$pki/ca.pem" GRPC_ECHO_CLIENT_CERT="$pki/client-combined.pem" "$services/grpc-echo" call localhost "$grpc_port" again

echo "== pg-query (PostgreSQL with hostssl ... cert)"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$pg_bin" ]]; then
    fail "PostgreSQL is not installed (Debian: apt-get install postgresql)"
else
    # A cluster of its own, owned by the postgres user when run as root (PostgreSQL refuses root).
    pg_data=$(mktemp -d "${TMPDIR:-/tmp}/tlsconfig-pg.XXXXXX")
    as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    cp "$pki/server.pem" "$pki/server.key" "$pki/ca.pem" "$pg_data/"
    chmod 600 "$pg_data/server.key"
    [[ "$(id -u)" == 0 ]] && chown -R postgres "$pg_data"
    as_pg "$pg_bin/initdb" -D "$pg_data/db" -A trust -U postgres >/dev/null
    pg_port=$((20000 + RANDOM % 20000))
    cat >>"$pg_data/db/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pg_data'
ssl = on
ssl_cert_file = '$pg_data/server.pem'
ssl_key_file = '$pg_data/server.key'
ssl_ca_file = '$pg_data/ca.pem'
CONF
    printf 'local all all trust\nhostssl all all 127.0.0.1/32 cert\n' >"$pg_data/db/pg_hba.conf"
    as_pg "$pg_bin/pg_ctl" -D "$pg_data/db" -l "$pg_data/log" -w start >/dev/null
    stop_pg() { as_pg "$pg_bin/pg_ctl" -D "$pg_data/db" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$pg_data"; }
    trap 'stop_pg; cleanup' EXIT
    as_pg "$pg_bin/psql" -h "$pg_data" -p "$pg_port" -U postgres -qc 'CREATE ROLE "example client" LOGIN' postgres
    expect "pg-query: a client certificate is the login (hostssl ... cert)" 0 '^connected as example client over TLSv1\.3$' -- \
        clean PG_QUERY_CA_FILE="$pki/ca.pem" PG_QUERY_CLIENT_CERT="$pki/client-combined.pem" "$services/pg-query" 127.0.0.1 "$pg_port" "example client" postgres
    expect "pg-query: without a client certificate PostgreSQL refuses the login" 1 'error: cannot query' -- \
        clean PG_QUERY_CA_FILE="$pki/ca.pem" "$services/pg-query" 127.0.0.1 "$pg_port" "example client" postgres
    expect "pg-query: a server of another CA is refused before any login" 1 'error: cannot query' 'server-certificate-not-trusted' -- \
        clean PG_QUERY_CA_FILE="$pki/other-ca.pem" PG_QUERY_CLIENT_CERT="$pki/client-combined.pem" "$services/pg-query" 127.0.0.1 "$pg_port" "example client" postgres
    stop_pg
    trap cleanup EXIT
fi
echo "== services: $rotations rotations; connections with a stale certificate after the new one was served: $stale; failed connections: $broken"
[[ "$stale" == 0 ]] && pass "no stale certificate after any rotation" || fail "$stale connections got a stale certificate"
[[ "$broken" == 0 ]] && pass "no failed connection during rotations" || fail "$broken connections failed during rotations"

# --- configured-tool (swift-configuration providers) ----------------------------------------
echo "== configured-tool"
ct="$work/configured-tool"
mkdir -p "$ct"
cat >"$ct/configured-tool.json" <<JSON
{
  "host": "localhost:$mtls_port",
  "tls": {
    "ca-file": "$pki/ca.pem",
    "hosts": { "localhost:$mtls_port": { "client-cert": "$pki/client-combined.pem" } }
  }
}
JSON
cat >"$ct/configured-tool.toml" <<TOML
[tls]
min-version = "1.3"
TOML
in_ct() { clean sh -c 'cd "$0" && exec "$@"' "$ct" "$@"; }
expect "configured-tool: JSON, TOML, environment and arguments, each value citing its provider and key" 0 \
    'from config reader FileProvider<JSONSnapshot> key tls.ca-file' \
    'from config reader FileProvider<TOMLSnapshot> key tls.min-version \(line 2, column 15\)' \
    'from config reader EnvironmentVariablesProvider key TLS_ALPN' \
    'from config reader CommandLineArgumentsProvider key --tls-server-name' \
    "\[hosts.\"localhost:$mtls_port\"\] in provider FileProvider<JSONSnapshot>" -- \
    in_ct env TLS_HOST_SECTIONS="localhost:$mtls_port" TLS_ALPN="h2,http/1.1" "$configured_tool" --tls-server-name localhost
expect "configured-tool: arguments beat the environment" 0 'min-version +1.2' 'CommandLineArgumentsProvider key --tls-min-version' -- \
    in_ct env TLS_MIN_VERSION=1.3 "$configured_tool" --tls-min-version 1.2
expect "configured-tool: a typo in the TOML file is an error with a did-you-mean" 1 'unknown key "ca-flie"' 'did you mean "ca-file"' -- \
    in_ct sh -c 'printf "[tls]\nca-flie = \"x\"\n" > configured-tool.toml && exec "$0"' "$configured_tool"

# --- configs/ ---------------------------------------------------------------------------
echo "== configs"
cp "$examples/configs/example.toml" "$examples/configs/example.yaml" "$work/"
for file in example.toml example.yaml; do
    expect "tlsconfig check --config $file" 0 'check passed' -- \
        clean EXAMPLE_KEY_PASSPHRASE=example-passphrase "$tlsconfig" check --config "$work/$file"
    expect "tlsconfig check --config $file --host db.internal.example.com:5432" 0 'check passed' 'client-combined\.pem' -- \
        clean EXAMPLE_KEY_PASSPHRASE=example-passphrase "$tlsconfig" check --config "$work/$file" --host db.internal.example.com:5432
done
# The same values from both formats (origins differ: lines and columns are the file's own).
values() {
    env -i PATH="$PATH" HOME="$home" EXAMPLE_KEY_PASSPHRASE=x "$tlsconfig" show --config "$work/$1" --host "$2" \
        | awk '/^Precedence/ { exit } { print }' | grep -v '^ *from ' | sed "s/$1/FILE/g"
}
for host in a.internal.example.com db.internal.example.com:5432 127.0.0.1 pinned.example.com "[::1]:8443"; do
    expect "example.toml and example.yaml agree for $host" 0 '' -- \
        diff <(values example.toml "$host") <(values example.yaml "$host")
done
expect "without the passphrase variable the check fails" 1 'EXAMPLE_KEY_PASSPHRASE' -- \
    clean "$tlsconfig" check --config "$work/example.toml"

echo "$passed passed, $failed failed"
[[ "$failed" == 0 ]]
