#!/bin/sh
# Builds the libFuzzer target for the importer (encoding detection, CSV
# parsing, and NFC and folding of what they give) with clang, seeds a corpus and runs it for $1 seconds (60 by
# default).  Crashes are left in $B/fuzz/ as crash-* files; the exit status
# is libFuzzer's (non-zero when it found one).
set -e
seconds=${1:-60}
out=${B:-build}/fuzz
mkdir -p "$out/corpus"
CC_FUZZ=${CC_FUZZ:-clang}
$CC_FUZZ -std=c11 -D_GNU_SOURCE -g -O1 -Iinclude \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-o "$out/fuzz_import" tests/fuzz/fuzz_import.c core/encoding.c \
	core/encoding_score.c core/csvread.c core/err.c core/text.c \
	core/text_latin.c -Icore -lutf8proc -lcsv -pthread
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
ASAN_OPTIONS=detect_leaks=1 "$out/fuzz_import" -max_total_time="$seconds" \
	-max_len=65536 -print_final_stats=1 -artifact_prefix="$out/" \
	"$out/corpus"
