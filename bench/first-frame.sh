#!/usr/bin/env bash
# Start-to-first-frame and key-to-screen latency of the real binary in a
# real terminal (tmux), on boards of 100, 1,000 and 10,000 tasks; and, when
# they are installed, the same for other terminal task tools on the same
# number of cards, side by side. See docs/PERFORMANCE.md.
#
#   bench/first-frame.sh [SIZES...]        default: 100 1000 10000 (100000 too)
#
# Each first frame is the median of $RUNS starts (default 5); each key time
# the median of $KEYS presses (default 20).
#
# Peers are looked for in $PEERS/bin (default /tmp/standup-peers/bin),
# installed with
#   cargo install --root /tmp/standup-peers rust-kanban
#   cargo install --root /tmp/standup-peers kanban-cli
#   cargo install --root /tmp/standup-peers taskwarrior-tui --version 0.25.4
#   apt-get install -y taskwarrior
# Each gets a board of the same number of cards in its own format, in its
# own temporary home.
# A peer that is not installed is skipped and says so.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("${@:-100 1000 10000}")
read -r -a SIZES <<<"${SIZES[*]}"
PEERS=${PEERS:-/tmp/standup-peers}
KEYS=${KEYS:-20}
RUNS=${RUNS:-5}
WORK=$(mktemp -d)
SOCK="$WORK/tmux.sock"
trap 'tmux -S "$SOCK" kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT

cargo build --release --quiet
STANDUP="$PWD/target/release/standup"
export STANDUP_NOW=2026-11-23T09:00:00+08:00

now_ns() { date +%s%N; }

# Starts COMMAND in a fresh 200x50 tmux session and prints the milliseconds
# until the screen shows MARKER.
first_frame() {
    local command=$1 marker=$2 start
    tmux -S "$SOCK" kill-server 2>/dev/null || true
    # Let the last run's processes finish dying (and GNU time write).
    sleep 0.3
    start=$(now_ns)
    tmux -S "$SOCK" new-session -d -s bench -x 200 -y 50 "$command"
    until tmux -S "$SOCK" capture-pane -p -t bench 2>/dev/null | grep -qF -- "$marker"; do
        if (( ($(now_ns) - start) / 1000000 > 60000 )); then
            echo "timeout"
            return
        fi
        # Polled without a pause, tmux took one of the two cores from the
        # tool being measured: 100,000 cards showed 471 ms, 280 on a pty.
        sleep 0.005
    done
    echo $(( ($(now_ns) - start) / 1000000 ))
}

# Runs first_frame RUNS times and prints the median; the last session is
# left open for the key presses.
median_first_frame() {
    local times=() ms
    for _ in $(seq 1 "$RUNS"); do
        ms=$(first_frame "$@")
        if [[ $ms == timeout ]]; then
            echo timeout
            return
        fi
        times+=("$ms")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}

# Presses KEY_A and KEY_B in turn, KEYS times in all, each time waiting for
# the screen (with its colours) to change; prints the median milliseconds.
key_latency() {
    local key_a=$1 key_b=$2 times=() before start key
    for i in $(seq 1 "$KEYS"); do
        if (( i % 2 )); then key=$key_a; else key=$key_b; fi
        before=$(tmux -S "$SOCK" capture-pane -e -p -t bench)
        start=$(now_ns)
        tmux -S "$SOCK" send-keys -t bench "$key"
        while [[ "$(tmux -S "$SOCK" capture-pane -e -p -t bench)" == "$before" ]]; do
            if (( ($(now_ns) - start) / 1000000 > 10000 )); then
                echo "timeout"
                return
            fi
        done
        times+=($(( ($(now_ns) - start) / 100000 )))
    done
    # Tenths of a millisecond, sorted; the middle one.
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (${#times[@]} + 1) / 2 ))p")
    printf '%d.%d\n' $((median / 10)) $((median % 10))
}

# Quits with KEY and prints the peak memory (MB) GNU time recorded in FILE.
peak_memory() {
    local key=$1 file=$2
    tmux -S "$SOCK" send-keys -t bench "$key"
    for _ in $(seq 1 100); do
        [[ -s "$file" ]] && break
        sleep 0.05
    done
    if [[ -s "$file" ]]; then
        echo $(( $(tail -1 "$file") / 1024 ))
    else
        echo "-"
    fi
}

row() { printf '| %-16s | %7s | %16s | %12s | %9s | %12s |\n' "$@"; }

command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install -y time)"; exit 2; }

echo
row "tool" "cards" "first frame (ms)" "key (ms)" "peak (MB)" "saving (MB)"
row "----" "-----" "----------------" "--------" "---------" "-----------"
for n in "${SIZES[@]}"; do
    board="$WORK/board-$n.json"
    "$STANDUP" --board "$board" demo --force --tasks "$n" --parties 30 >/dev/null
    # The board pane's first column heading marks the first frame.
    mem="$WORK/mem-$n"
    ms=$(median_first_frame "/usr/bin/time -f %M -o $mem $STANDUP --board $board" "To do")
    keys=$(key_latency j k)
    peak=$(peak_memory q "$mem")
    # Once more, moving a card (L) and waiting for the save: the peak of a
    # save.
    saving="$WORK/saving-$n"
    first_frame "/usr/bin/time -f %M -o $saving $STANDUP --board $board" "To do" >/dev/null
    tmux -S "$SOCK" send-keys -t bench L
    sleep 1.5
    row standup "$n" "$ms" "$keys" "$peak" "$(peak_memory q "$saving")"

    if [[ -x "$PEERS/bin/rust-kanban" ]]; then
        home="$WORK/rk-$n"
        mkdir -p "$home/home" "$home/tmp/kanban_saves"
        # Its save format: boards (its columns) holding cards.
        python3 - "$n" >"$home/tmp/kanban_saves/kanban_23-11-2026_v1.json" <<'PY'
import json, sys
n = int(sys.argv[1])
def card(i):
    return {"card_status": "Active", "comments": [], "date_completed": "N/A",
            "date_created": "01/11/2026-09:00:00", "date_modified": "01/11/2026-09:00:00",
            "description": "Not Set", "due_date": "Not Set", "id": [i + 1, i + 1],
            "name": f"Campaign task {i + 1}", "priority": "Low", "tags": []}
boards = [{"cards": {"cards": [card(i) for i in range(b, n, 4)]}, "description": "",
           "id": [100000 + b, 100000 + b], "name": name}
          for b, name in enumerate(["To do", "Doing", "Review", "Done"])]
print(json.dumps({"boards": boards, "export_date": "23/11/2026", "kanban_version": "0.10.5"}))
PY
        ms=$(median_first_frame "env HOME=$home/home TMPDIR=$home/tmp $PEERS/bin/rust-kanban" "Campaign task 1")
        keys=$(key_latency Down Up)
        row rust-kanban "$n" "$ms" "$keys" "-" "-"
    else
        row rust-kanban "$n" "not installed" "-" "-" "-"
    fi

    if [[ -x "$PEERS/bin/kanban" ]]; then
        kc="$WORK/kc-$n.json"
        # Its own commands make a board with four columns and one card;
        # the card is then copied to N in its file.
        "$PEERS/bin/kanban" "$kc" init --board Campaign >/dev/null
        for column in "To do" Doing Review Done; do
            "$PEERS/bin/kanban" "$kc" column create --board Campaign --name "$column" >/dev/null
        done
        "$PEERS/bin/kanban" "$kc" card create --board Campaign --column "To do" \
            --title "Campaign task 1" >/dev/null
        python3 - "$n" "$kc" <<'PY'
import copy, json, sys, uuid
n, path = int(sys.argv[1]), sys.argv[2]
doc = json.load(open(path))
data = doc["data"]
template = data["cards"][0]
columns = [c["id"] for c in data["columns"]]
cards = []
for i in range(n):
    card = copy.deepcopy(template)
    card.update(id=str(uuid.uuid4()), card_number=i + 1, title=f"Campaign task {i + 1}",
                column_id=columns[i % 4], position=i // 4)
    cards.append(card)
data["cards"] = cards
json.dump(doc, open(path, "w"))
PY
        ms=$(median_first_frame "$PEERS/bin/kanban $kc" "Campaign task 1")
        # Enter opens the board's card list, where j and k move.
        tmux -S "$SOCK" send-keys -t bench Enter
        sleep 1
        keys=$(key_latency j k)
        row kanban-cli "$n" "$ms" "$keys" "-" "-"
    else
        row kanban-cli "$n" "not installed" "-" "-" "-"
    fi

    if [[ -x "$PEERS/bin/taskwarrior-tui" ]] && command -v task >/dev/null; then
        data="$WORK/task-$n"
        mkdir -p "$data"
        printf 'data.location=%s\nconfirmation=off\nverbose=nothing\n' "$data" >"$WORK/taskrc-$n"
        python3 - "$n" >"$WORK/tasks-$n.json" <<'PY'
import json, sys
n = int(sys.argv[1])
print(json.dumps([{"description": f"Campaign task {i + 1}", "status": "pending",
                   "entry": "20261101T090000Z", "project": f"dept{i % 30}"} for i in range(n)]))
PY
        TASKRC="$WORK/taskrc-$n" task import "$WORK/tasks-$n.json" >/dev/null 2>&1
        ms=$(median_first_frame "env TASKRC=$WORK/taskrc-$n $PEERS/bin/taskwarrior-tui" "Campaign task")
        keys=$(key_latency j k)
        row taskwarrior-tui "$n" "$ms" "$keys" "-" "-"
    else
        row taskwarrior-tui "$n" "not installed" "-" "-" "-"
    fi
done
