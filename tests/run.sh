#!/bin/sh
# Runs every test binary given, with sanitizers set to fail the run on any
# leak or undefined behaviour, and prints one closing summary line.
# Output of passing binaries is kept short; failures are shown in full.
ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:${ASAN_OPTIONS:-}"
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
export ASAN_OPTIONS UBSAN_OPTIONS

# The tests name their tmux servers sxsh-test-PID-N after the test
# process.  Once that process is gone its server is orphaned: stop it and
# remove the socket, which tmux 3.3 leaves behind.  A server whose test
# process still runs belongs to a run beside this one and is left alone.
stop_orphaned_tmux_servers() {
	for sock in "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)"/sxsh-test-*; do
		[ -e "$sock" ] || continue	# the socket, or a start's .lock
		pid=${sock##*/sxsh-test-}
		pid=${pid%%-*}
		kill -0 "$pid" 2>/dev/null && continue
		case "$sock" in
		*.lock) ;;
		*) tmux -S "$sock" kill-server >/dev/null 2>&1 || true ;;
		esac
		rm -f "$sock"
	done
}
passed=0
failed=0
bad_bins=""
log=$(mktemp)
for bin in "$@"; do
	name=$(basename "$bin")
	if "$bin" --jobs 2 >"$log" 2>&1; then
		status=0
	else
		status=$?
	fi
	# A failed test may leave its server or tmux behind; never let one
	# outlive the run (it would hold the terminal or CI's output open).
	if [ -n "${SXSH_SERVER_BIN:-}" ]; then
		pkill -f -- "$SXSH_SERVER_BIN serve" 2>/dev/null || true
	fi
	stop_orphaned_tmux_servers
	line=$(grep -a 'Synthesis:' "$log" | tail -n 1)
	t=$(echo "$line" | sed -n 's/.*Tested: *\([0-9]*\).*/\1/p')
	p=$(echo "$line" | sed -n 's/.*Passing: *\([0-9]*\).*/\1/p')
	t=${t:-0}; p=${p:-0}
	if [ "$status" -ne 0 ] || [ "$t" -ne "$p" ] || [ -z "$line" ]; then
		cat "$log"
		echo "FAIL $name (exit $status)"
		bad_bins="$bad_bins $name"
		f=$((t - p)); [ "$f" -gt 0 ] || f=1
		failed=$((failed + f))
		passed=$((passed + p))
	else
		echo "ok   $name: $p tests"
		passed=$((passed + p))
	fi
	# A test that cannot run here says why on a line of its own.
	grep -a '^skip: ' "$log" || true
done
rm -f "$log"
[ -z "$bad_bins" ] || echo "failing:$bad_bins"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
