# Progress for the long first run (toolchain build, cluster start, demo): what is happening, how far along it is
# ("[3/7]") and roughly how long is left. Everything goes to stderr, so a script's stdout stays what its callers
# read (toolchain.sh's last stdout line is the PATH). On a terminal a status line is redrawn in place; anywhere
# else (CI logs, a pipe, a file, or MCP_PROGRESS=plain) only whole lines, with a heartbeat every
# MCP_PROGRESS_INTERVAL seconds (default 30) so that a long Go build is never silent for minutes.
# shellcheck shell=bash

if [ -t 2 ] && [ "${TERM:-dumb}" != dumb ] && [ "${MCP_PROGRESS:-}" != plain ]; then
    PROGRESS_TTY=true
else
    PROGRESS_TTY=false
fi
PROGRESS_INTERVAL=${MCP_PROGRESS_INTERVAL:-30}

# say LINE: one line of progress (on a terminal it replaces the status line, which the heartbeat redraws).
say() {
    if $PROGRESS_TTY; then printf '\r\033[K%s\n' "$*" >&2; else printf '%s\n' "$*" >&2; fi
}

# human SECONDS: a duration as people say it: "45 s", "3 min", "1 h 05 min".
human() {
    local s=$1 m
    m=$(((s + 30) / 60))
    if [ "$s" -lt 90 ]; then
        echo "$s s"
    elif [ "$m" -lt 60 ]; then
        echo "$m min"
    else
        printf '%d h %02d min\n' "$((m / 60))" "$((m % 60))"
    fi
}

# heartbeat_start COMMAND...: until heartbeat_stop, print COMMAND's output (one line) every PROGRESS_INTERVAL
# seconds; on a terminal, as a status line redrawn every 2 s. Its sleeps hold no file descriptor of ours, so a
# caller reading our stderr through a pipe sees it close as soon as we exit.
heartbeat_start() {
    local every=$PROGRESS_INTERVAL parent=$BASHPID
    if $PROGRESS_TTY; then every=2; fi
    (
        trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
        while kill -0 "$parent" 2>/dev/null; do
            sleep "$every" >/dev/null 2>&1 &
            sleeper=$!
            wait "$sleeper"
            line=$("$@") || continue
            if $PROGRESS_TTY; then
                # One row, or \r would return to the last of the rows a wrapped line took.
                columns=$(stty size <&2 2>/dev/null | cut -d' ' -f2)
                printf '\r\033[K%s' "${line:0:$((${columns:-80} - 1))}" >&2
            else
                printf '%s\n' "$line" >&2
            fi
        done
    ) &
    HEARTBEAT_PID=$!
}

heartbeat_stop() {
    [ -n "${HEARTBEAT_PID:-}" ] || return 0
    { kill "$HEARTBEAT_PID" && wait "$HEARTBEAT_PID"; } 2>/dev/null || true
    HEARTBEAT_PID=
    if $PROGRESS_TTY; then printf '\r\033[K' >&2; fi
    return 0
}

# steps_begin PREFIX TOTAL, then `step WHAT` for each: "PREFIX: [k/TOTAL] WHAT", numbered in order, with the
# time since steps_begin once there is some.
steps_begin() {
    STEPS_PREFIX=$1
    STEPS_TOTAL=$2
    STEPS_DONE=0
    STEPS_START=$(date +%s)
}
step() {
    local elapsed
    STEPS_DONE=$((STEPS_DONE + 1))
    elapsed=$(($(date +%s) - STEPS_START))
    if [ "$elapsed" -gt 0 ]; then
        say "$STEPS_PREFIX: [$STEPS_DONE/$STEPS_TOTAL] $* ($(human "$elapsed") so far)"
    else
        say "$STEPS_PREFIX: [$STEPS_DONE/$STEPS_TOTAL] $*"
    fi
}
