# What toolchain.sh says while it builds: which tool, how far along ("[2/7]"), roughly how long is left, and a
# heartbeat line while a long Go build runs; on failure, the reason last. Estimates are the cold build times
# below; the queues and the heartbeat share the run's state in files under $PROGRESS: todo.ITEM (not cached when
# the run began), queue.PID (a queue's items, in order), running.ITEM ("[k/n] start"), done.ITEM, failed.ITEM
# (the reason, printed last).
# shellcheck shell=bash
. "$REPO/scripts/cluster/progress.sh"

# Cold build time of each item, in seconds: toolchain.sh's "built ITEM in N s" lines of two CI runs from empty Go
# module and build caches on the 2-core machine this project is developed on, with nothing else running
# (2026-12-01: 1090 s and 1048 s in all, two queues side by side); the larger of the two. Beside other work (load
# average about 8) the same build took 1768 s: the estimate is for a quiet machine.
declare -A COLD_BUILD_SECONDS=(
    [pulumi]=375
    [pulumi-language-nodejs]=11 # after the CLI, whose packages it shares through Go's build cache
    [pulumi-language-yaml]=69
    [pulumi-resource-kubernetes]=867
    [pulumi-resource-command]=91
    [kubernetes]=660
    [nginx-prometheus-exporter]=49
    # Measured after the CLI, whose packages they share through Go's build cache (queued after it on purpose).
    [pulumi-language-python]=8
    [pulumi-language-go]=14
)
# Counted for an item not in the table (a new tool): shown as "no build time measured yet".
UNMEASURED_BUILD_SECONDS=300

item_name() { echo "${1%-*}"; }
cold_seconds() { echo "${COLD_BUILD_SECONDS[$(item_name "$1")]:-$UNMEASURED_BUILD_SECONDS}"; }
cold_estimate() {
    if [ -n "${COLD_BUILD_SECONDS[$(item_name "$1")]:-}" ]; then
        echo "~$(human "$(cold_seconds "$1")") cold here"
    else
        echo "no build time measured yet"
    fi
}
next_step() {
    (
        flock 9
        local n
        n=$(($(cat "$PROGRESS/steps" 2>/dev/null || echo 0) + 1))
        echo "$n" >"$PROGRESS/steps"
        echo "$n"
    ) 9>"$PROGRESS/steps.lock"
}
# Seconds left: the longest queue's, which is what is left of its current build plus its builds not started.
seconds_left() {
    local now longest=0 queue queued item sum est began
    now=$(date +%s)
    for queue in "$PROGRESS"/queue.*; do
        [ -e "$queue" ] || continue
        read -ra queued <"$queue"
        sum=0
        for item in "${queued[@]}"; do
            if [ ! -e "$PROGRESS/todo.$item" ] || [ -e "$PROGRESS/done.$item" ]; then continue; fi
            est=$(cold_seconds "$item")
            if [ -e "$PROGRESS/running.$item" ]; then
                read -r _ began <"$PROGRESS/running.$item"
                est=$((est > now - began ? est - (now - began) : 0))
            fi
            sum=$((sum + est))
        done
        longest=$((sum > longest ? sum : longest))
    done
    echo "$longest"
}
left() {
    local s
    s=$(seconds_left)
    if [ "$s" -lt 60 ]; then echo "under a minute left"; else echo "about $(human "$s") left"; fi
}
time_left_after() {
    local todo built
    todo=$(compgen -G "$PROGRESS/todo.*" | wc -l)
    built=$(compgen -G "$PROGRESS/done.*" | wc -l)
    if [ "$built" -lt "$todo" ] && ! compgen -G "$PROGRESS/failed.*" >/dev/null; then echo "; $(left)"; fi
}
# What is still building, as "ITEM (4 min of ~15 min)".
running_builds() {
    local file item began now list=""
    now=$(date +%s)
    for file in "$PROGRESS"/running.*; do
        [ -e "$file" ] || continue
        item=${file##*/running.}
        read -r _ began <"$file"
        list="$list${list:+, }$item ($(human $((now - began)))"
        if [ -n "${COLD_BUILD_SECONDS[$(item_name "$item")]:-}" ]; then
            list="$list of ~$(human "$(cold_seconds "$item")")"
        fi
        list="$list)"
    done
    echo "$list"
}
finishing_others() {
    local others
    others=$(running_builds)
    [ -z "$others" ] || echo "; finishing $others first (kept for the next run), then the reason"
}
toolchain_status() {
    local built running
    built=$(compgen -G "$PROGRESS/done.*" | wc -l)
    running=$(running_builds)
    [ -n "$running" ] || return 1
    if compgen -G "$PROGRESS/failed.*" >/dev/null; then
        echo "toolchain: a build failed; finishing $running first (kept for the next run), then the reason"
    else
        echo "toolchain: $built of $TO_BUILD built, $(left); building $running"
    fi
}
toolchain_failed() {
    heartbeat_stop
    if compgen -G "$PROGRESS/failed.*" >/dev/null; then
        cat "$PROGRESS"/failed.* >&2
        exit 1
    fi
    die "toolchain: a build failed"
}

# Before the queues start: what is to be built, the whole run's estimate, and the heartbeat.
toolchain_progress_begin() {
    local item seconds todo_seconds=0 longest_item=0
    PROGRESS=$(mktemp -d -t mcp-toolchain-progress.XXXXXX)
    trap 'heartbeat_stop; rm -rf "$PROGRESS"' EXIT
    TO_BUILD=0
    for item in "${ITEMS[@]}"; do
        [ ! -f "$TOOLS/$item/.complete" ] || continue
        touch "$PROGRESS/todo.$item"
        TO_BUILD=$((TO_BUILD + 1))
        seconds=$(cold_seconds "$item")
        todo_seconds=$((todo_seconds + seconds))
        longest_item=$((seconds > longest_item ? seconds : longest_item))
    done
    if [ "$TO_BUILD" -gt 0 ]; then
        # Two builds at a time: about half the total, or the longest build if that is longer.
        todo_seconds=$(((todo_seconds + 1) / 2 > longest_item ? (todo_seconds + 1) / 2 : longest_item))
        say "toolchain: $TO_BUILD of ${#ITEMS[@]} tools to build, about $(human "$todo_seconds") (their cold build times on" \
            "a 2-core machine; built once, then cached in $TOOLS)"
        heartbeat_start toolchain_status
    fi
}
