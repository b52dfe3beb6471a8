#!/usr/bin/env bash
# Peak memory of the real binary in a real terminal (tmux), flow by flow,
# and how long a save takes in the running app; for one or more builds side
# by side in the same run, so that a change is measured against the code
# before it on the same machine at the same hour. See docs/PERFORMANCE.md.
#
#   bench/memory.sh [BINARY...]     default: this tree's release build
#
# SIZES (default "10000 100000") sets the boards; RUNS (default 3) the
# starts per flow, of which the median peak is printed; SAVES (default 7)
# the saves timed per board.
#
# The flows, each from a fresh start of the same board:
#   open     the first frame, 20 moves of the selection, every pane, quit
#   standup  the standup pane, a standup started, three speakers, quit
#   save     a card moved (L), its save waited for, quit
#   all      a standup started, a card moved and saved, quit
#   held     a card moved right and back (L, H) 80 times, 25 ms apart,
#            through the saves that follow, then quit after the last save
# "save ms" is from the key (L, then H: the card goes back) to the board's
# file being replaced, less the 150 ms the app waits for typing to pause.
set -euo pipefail
cd "$(dirname "$0")/.."

if (($# == 0)); then
    cargo build --release --quiet
    set -- "$PWD/target/release/standup"
fi
read -r -a SIZES <<<"${SIZES:-10000 100000}"
RUNS=${RUNS:-3}
SAVES=${SAVES:-7}
WORK=$(mktemp -d)
SOCK="$WORK/tmux.sock"
trap 'tmux -S "$SOCK" kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT
export STANDUP_NOW=2026-11-23T09:00:00+08:00

command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install -y time)"; exit 2; }

tm() { tmux -S "$SOCK" "$@"; }

# Waits until the screen shows TEXT (at most 120 s).
wait_for() {
    local text=$1
    for _ in $(seq 1 2400); do
        tm capture-pane -p -t bench 2>/dev/null | grep -qF -- "$text" && return
        sleep 0.05
    done
    echo "timed out waiting for: $text" >&2
    exit 1
}

# The inode of FILE: an atomic save replaces it.
inode() { stat -c %i "$1"; }

# Waits until FILE is no longer inode OLD (at most 120 s).
wait_replaced() {
    local file=$1 old=$2
    for _ in $(seq 1 12000); do
        [[ "$(inode "$file" 2>/dev/null || echo "$old")" != "$old" ]] && return
        sleep 0.01
    done
    echo "timed out waiting for a save of $file" >&2
    exit 1
}

# Starts BINARY on a copy of BOARD under GNU time; waits for its first
# frame.
start() {
    local binary=$1 board=$2
    tm kill-server 2>/dev/null || true
    sleep 0.3
    cp "$board" "$WORK/run.json"
    rm -f "$WORK/peak"
    tm new-session -d -s bench -x 200 -y 50 \
        "/usr/bin/time -f %M -o $WORK/peak $binary --board $WORK/run.json"
    wait_for "To do"
}

# Quits and prints the peak resident memory in MiB.
quit() {
    tm send-keys -t bench q
    for _ in $(seq 1 1200); do
        [[ -s "$WORK/peak" ]] && break
        sleep 0.05
    done
    echo $(( ($(tail -1 "$WORK/peak") + 512) / 1024 ))
}

press() {
    tm send-keys -t bench "$1"
    sleep "${2:-0.05}"
}

flow_open() {
    for i in $(seq 1 20); do press j; done
    for pane in 2 3 4 5 1; do press "$pane" 0.3; done
}

flow_standup() {
    press 4 0.5
    press s 0.5
    for _ in 1 2 3; do press ']' 0.3; done
}

flow_save() {
    local old
    old=$(inode "$WORK/run.json")
    press L
    wait_replaced "$WORK/run.json" "$old"
}

flow_held() {
    local old
    old=$(inode "$WORK/run.json")
    for i in $(seq 1 80); do
        if (( i % 2 )); then press L 0.025; else press H 0.025; fi
    done
    wait_replaced "$WORK/run.json" "$old"
    sleep 2
}

flow_all() {
    flow_standup
    press 1 0.3
    flow_save
}

median() { sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }

# Times SAVES saves of the running app: key to file replaced, less the
# pause the app waits for; prints the median and the range in ms.
save_times() {
    local times=() old start key
    for i in $(seq 1 "$SAVES"); do
        if (( i % 2 )); then key=L; else key=H; fi
        old=$(inode "$WORK/run.json")
        start=$(date +%s%N)
        tm send-keys -t bench "$key"
        wait_replaced "$WORK/run.json" "$old"
        times+=($(( ($(date +%s%N) - start) / 1000000 - 150 )))
        sleep 0.3
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    printf '%s (%s–%s)' "$(sed -n "$(( (SAVES + 1) / 2 ))p" <<<"$sorted")" \
        "$(head -1 <<<"$sorted")" "$(tail -1 <<<"$sorted")"
}

row() { printf '| %-16s | %7s | %7s | %7s | %7s | %7s | %7s | %16s |\n' "$@"; }

echo
row "build" "cards" "open" "standup" "save" "all" "held" "save ms"
row "-----" "-----" "----" "-------" "----" "---" "----" "-------"
for n in "${SIZES[@]}"; do
    board="$WORK/board-$n.json"
    "$1" --board "$board" demo --force --tasks "$n" --parties 30 >/dev/null
    for binary in "$@"; do
        peaks=()
        for flow in open standup save all held; do
            runs=()
            for _ in $(seq 1 "$RUNS"); do
                start "$binary" "$board"
                "flow_$flow"
                runs+=("$(quit)")
            done
            peaks+=("$(printf '%s\n' "${runs[@]}" | median)")
        done
        start "$binary" "$board"
        saves=$(save_times)
        quit >/dev/null
        row "$(basename "$binary")" "$n" "${peaks[@]}" "$saves"
    done
done
echo
echo "Peaks in MiB (median of $RUNS starts); save ms: median (range) of $SAVES."
