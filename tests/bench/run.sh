#!/bin/sh
# Runs the benchmarks (make bench): generates the two district databases
# once, in a temporary folder, then runs every bench binary given.
#
#   SXSH_BENCH_DB_LARGE  100,000 facilities, ~1,000,000 related rows (stress)
#   SXSH_BENCH_DB_SMALL  2,000 facilities, ~20,000 related rows (realistic)
#
# Each bench reads those paths (and SXSH_BIN, SXSH_SERVER_BIN) and prints
# its own table.  A bench may change a copy, never these files: the next
# bench expects them as generated.
#
# Knobs: SXSH_BENCH_FACILITIES (size of the large set, default 100000),
# SXSH_BENCH_DIR (keep the databases there instead of a temporary folder;
# an existing database of the same size is reused), SXSH_BENCH_ONLY (run
# only the benches whose name contains this).
set -u

gen=""
benches=""
for bin in "$@"; do
	case $(basename "$bin") in
	gen_district) gen=$bin ;;
	*) benches="$benches $bin" ;;
	esac
done
if [ -z "$gen" ]; then
	echo "bench: gen_district was not built" >&2
	exit 1
fi

large_n=${SXSH_BENCH_FACILITIES:-100000}
small_n=2000
if [ -n "${SXSH_BENCH_DIR:-}" ]; then
	dir=$SXSH_BENCH_DIR
	mkdir -p "$dir" || exit 1
else
	dir=$(mktemp -d "${TMPDIR:-/tmp}/sxsh-bench-XXXXXX") || exit 1
	trap 'rm -rf "$dir"' EXIT INT TERM
fi

# generate N SEED FILE: makes FILE unless it already exists.
generate() {
	if [ -f "$3" ]; then
		echo "reusing $3"
		return 0
	fi
	echo "generating $1 facilities (seed $2) ..."
	"$gen" --facilities "$1" --seed "$2" --out "$3.tmp" || {
		rm -f "$3.tmp" "$3.tmp-wal" "$3.tmp-shm"
		return 1
	}
	mv "$3.tmp" "$3"
}

SXSH_BENCH_DB_LARGE=$dir/district-$large_n.db
SXSH_BENCH_DB_SMALL=$dir/district-$small_n.db
generate "$small_n" 2 "$SXSH_BENCH_DB_SMALL" || exit 1
generate "$large_n" 1 "$SXSH_BENCH_DB_LARGE" || exit 1
export SXSH_BENCH_DB_LARGE SXSH_BENCH_DB_SMALL

failed=""
for bin in $benches; do
	name=$(basename "$bin")
	case $name in
	*"${SXSH_BENCH_ONLY:-}"*) ;;
	*) continue ;;
	esac
	echo
	echo "---- $name"
	if ! "$bin"; then
		echo "FAIL $name (exit $?)"
		failed="$failed $name"
	fi
done
echo
if [ -n "$failed" ]; then
	echo "benches that failed:$failed"
	exit 1
fi
echo "benches done (goals not met are marked MISSED above)"
