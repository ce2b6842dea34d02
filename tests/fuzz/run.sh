#!/bin/sh
# Builds the libFuzzer targets with clang, seeds their corpora and runs
# each for $1 seconds (60 by default); $2 names one target (import or
# server) instead of both.  Crashes are left in $B/fuzz/ as crash-* files;
# the exit status is libFuzzer's (non-zero when it found one).
#   import  encoding detection, CSV parsing, and NFC and folding of what
#           they give (tests/fuzz/fuzz_import.c)
#   server  the server's request handling without libmicrohttpd: path,
#           headers, token, body decoding and every endpoint's handler on
#           a real store (tests/fuzz/fuzz_server.c)
set -e
seconds=${1:-60}
only=${2:-}
B=${B:-build}
out=$B/fuzz
CC_FUZZ=${CC_FUZZ:-clang}
FLAGS="-std=c11 -D_GNU_SOURCE -g -O1 -Iinclude -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"

fuzz_import() {
	mkdir -p "$out/corpus"
	$CC_FUZZ $FLAGS -o "$out/fuzz_import" tests/fuzz/fuzz_import.c \
		core/encoding.c core/encoding_score.c core/csvread.c \
		core/err.c core/text.c core/text_latin.c -Icore -lutf8proc \
		-lcsv -pthread
	# Seeds: a header and rows in each encoding, quotes, CRLF, a BOM.
	if [ -z "$(ls "$out/corpus")" ]; then
		printf 'name;kind;commune\r\n"C\303\264ng ty A; B";enterprise;X\303\243 Chi\341\273\201ng S\306\241n\r\n' >"$out/corpus/utf8"
		printf '\357\273\277name,address\n"S\341\273\221 1\nT\341\273\225 2",x\n' >"$out/corpus/bom"
		printf 'ten;xa\nS\365n La;M\375\365\314ng\n' >"$out/corpus/cp1258"
		printf 'ten;xa\nS\254n La;M\255\352ng La\n\247\370c;x\n' >"$out/corpus/tcvn3"
		printf 'ten;xa\nTinh bo\344t sa\351n;M\366\364\370ng\n\321\366\371c;x\n' >"$out/corpus/vni"
		printf 'ten;xa\n\303\221\303\266\303\271c;x\n' >"$out/corpus/vni_utf8"
		printf '\377\376n\000a\000;\000b\000\n\000' >"$out/corpus/utf16"
		printf 'a;b\n1;"2\n' >"$out/corpus/unclosed"
	fi
	[ -f "$out/corpus/sep_line" ] ||
		printf 'sep=;\r\nname,x;kind\r\n"a;b";c\r\n' >"$out/corpus/sep_line"
	ASAN_OPTIONS=detect_leaks=1 "$out/fuzz_import" \
		-max_total_time="$seconds" -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$out/" "$out/corpus"
}

fuzz_server() {
	corpus=$out/corpus_server
	mkdir -p "$corpus"
	# The reference data embedded in the binary, as make generates it.
	make --no-print-directory B="$B" "$B/gen/refdata_blob.c" >/dev/null
	$CC_FUZZ $FLAGS -I"$B/gen" -o "$out/fuzz_server" \
		tests/fuzz/fuzz_server.c core/*.c "$B/gen/refdata_blob.c" \
		sync/server/call.c sync/server/consolidate.c \
		sync/server/pull.c sync/server/push.c sync/protocol.c \
		sync/server/reference.c sync/server/request.c \
		sync/server/store*.c sync/server/submit.c \
		$(pkg-config --cflags --libs sqlite3 libutf8proc jansson \
		libcrypto zlib) -lcsv -lm -pthread
	# Seeds: flags byte (1 POST, 4 token, 8 gzip), target, NUL,
	# headers, NUL, body.
	u1=6f1c8a34-5b2e-4c1d-9e7f-0a1b2c3d4e5f
	u2=9b1e0c2d-3f4a-4b5c-8d6e-7f8091a2b3c4
	u3=2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d
	[ -f "$corpus/push" ] || printf '\005/v1/push\000Content-Type: application/json\n\000{"client_id":"%s","changes":[{"change_id":"%s","kind":"facility","uuid":"%s","base_rev":0,"deleted":false,"fields":{"name":"C\306\241 s\341\273\237 ch\303\250","kind":"household","vsic":"1079","commune":"04075","status":"active","cp_potential":"1","employees":"12"}}]}' $u1 $u2 $u3 >"$corpus/push"
	[ -f "$corpus/push_gz" ] || printf '\015/v1/push\000\000{"client_id":"%s","changes":[{"change_id":"%s","kind":"person","uuid":"%s","base_rev":3,"fields":{"full_name":"A","role":"other"}}]}' $u1 $u3 $u2 >"$corpus/push_gz"
	[ -f "$corpus/pull" ] || printf '\004/v1/pull?since=0&limit=2\000\000' >"$corpus/pull"
	[ -f "$corpus/report" ] || printf '\005/v1/reports\000\000{"period":"2017S1","revision":1,"replaces":null,"report":{"period":"2017S1","district":"123","indicators":{}}}' >"$corpus/report"
	[ -f "$corpus/status" ] || printf '\004/v1/reports/status?period=2017S1\000\000' >"$corpus/status"
	[ -f "$corpus/me" ] || printf '\004/v1/me\000Accept-Encoding: gzip\n\000' >"$corpus/me"
	[ -f "$corpus/reference" ] || printf '\000/v1/reference\000Authorization: Bearer x\n\000' >"$corpus/reference"
	[ -f "$corpus/nul" ] || printf '\004/v1/me%%00x\000\000' >"$corpus/nul"
	[ -f "$corpus/length" ] || printf '\005/v1/push\000Content-Length: 99999999\n\000{}' >"$corpus/length"
	# The store fsyncs every commit: keep it in memory when possible.
	shm=/dev/shm; [ -d "$shm" ] && [ -w "$shm" ] || shm=${TMPDIR:-/tmp}
	dir=$(mktemp -d "$shm/sxsh-fuzz-XXXXXX")
	status=0
	SXSH_FUZZ_DIR=$dir ASAN_OPTIONS=detect_leaks=1 \
		"$out/fuzz_server" -max_total_time="$seconds" \
		-max_len=65536 -print_final_stats=1 -rss_limit_mb=2048 \
		-artifact_prefix="$out/server-" "$corpus" || status=$?
	rm -rf "$dir"
	return $status
}

mkdir -p "$out"
case "$only" in
import) fuzz_import ;;
server) fuzz_server ;;
"") fuzz_import && fuzz_server ;;
*) echo "tests/fuzz/run.sh: no target $only (import, server)" >&2; exit 1 ;;
esac
