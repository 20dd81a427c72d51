import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// The progress the first run prints (scripts/cluster/progress.sh, toolchain-progress.sh), run in bash as the
// scripts run it, with stderr a pipe as in CI: plain lines, no carriage returns, the heartbeat stopped with
// nothing left running. No build, no cluster: the toolchain's state is made up in a temporary directory.

const SCRIPTS = path.resolve(__dirname, "../../../scripts/cluster");

interface Result {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly ms: number;
}

function bash(script: string, env: Record<string, string> = {}): Result {
    const started = Date.now();
    const out = spawnSync("bash", ["-c", `set -euo pipefail; REPO=${path.resolve(SCRIPTS, "../..")}\n${script}`], {
        encoding: "utf8",
        env: { ...process.env, MCP_PROGRESS: "", ...env },
        timeout: 20000,
    });
    return { status: out.status, stdout: out.stdout, stderr: out.stderr, ms: Date.now() - started };
}

describe("progress of the first run (scripts/cluster/progress.sh)", () => {
    it("says durations as people do", () => {
        const cases: [number, string][] = [
            [0, "0 s"],
            [45, "45 s"],
            [89, "89 s"],
            [90, "2 min"],
            [929, "15 min"],
            [3570, "1 h 00 min"],
            [5000, "1 h 23 min"],
        ];
        const result = bash(
            `. ${SCRIPTS}/progress.sh; for s in ${cases.map(([s]) => s).join(" ")}; do human "$s"; done`,
        );
        assert.deepEqual(
            result.stdout.trim().split("\n"),
            cases.map(([, said]) => said),
        );
    });

    it("numbers steps and prints them on stderr, plain lines when stderr is not a terminal", () => {
        const result = bash(`. ${SCRIPTS}/progress.sh; steps_begin demo 3; step "toolchain"; step "cluster"`);
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, "");
        assert.equal(result.stderr, "demo: [1/3] toolchain\ndemo: [2/3] cluster\n");
    });

    it("beats every MCP_PROGRESS_INTERVAL seconds until stopped, then leaves nothing running", () => {
        const result = bash(
            `. ${SCRIPTS}/progress.sh
            beat() { echo "still building"; }
            heartbeat_start beat; pid=$HEARTBEAT_PID
            sleep 2.5; heartbeat_stop
            ! kill -0 "$pid" 2>/dev/null || echo "heartbeat $pid still running"`,
            { MCP_PROGRESS_INTERVAL: "1" },
        );
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, /^(still building\n){2,3}$/);
        assert.ok(!result.stderr.includes("\r"));
    });

    it("stops its heartbeat mid-sleep: a caller reading stderr through a pipe sees it close at once", () => {
        const result = bash(`. ${SCRIPTS}/progress.sh; heartbeat_start true; sleep 0.2; heartbeat_stop`, {
            MCP_PROGRESS_INTERVAL: "30",
        });
        assert.equal(result.status, 0, result.stderr);
        assert.ok(result.ms < 5000, `took ${result.ms} ms: a sleep of the heartbeat kept the pipe open`);
    });
});

describe("toolchain progress (scripts/cluster/toolchain-progress.sh)", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcp-progress-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Runs `script` with two queues as toolchain.sh has them mid-build, the cold times fixed by the test. */
    function midBuild(script: string): Result {
        return bash(
            `. ${SCRIPTS}/toolchain-progress.sh
            COLD_BUILD_SECONDS=([slow]=900 [fast]=60 [next]=300)
            PROGRESS=${dir}; TO_BUILD=4; now=$(date +%s); fixed_now=$now
            date() { echo "$fixed_now"; }   # the clock stands still: the figures cannot move across a second
            echo "slow-1.0 other-2.0" >"$PROGRESS/queue.1"   # other-2.0: never measured, counts 300 s
            echo "cached-1.0 fast-1.0 next-1.0" >"$PROGRESS/queue.2"
            touch "$PROGRESS/todo.slow-1.0" "$PROGRESS/todo.other-2.0" "$PROGRESS/todo.fast-1.0" "$PROGRESS/todo.next-1.0"
            echo "[1/4] $((now - 600))" >"$PROGRESS/running.slow-1.0"   # 10 of ~15 min
            touch "$PROGRESS/done.fast-1.0"
            echo "[3/4] $((now - 60))" >"$PROGRESS/running.next-1.0"    # 1 of ~5 min
            ${script}`,
        );
    }

    it("estimates the time left from the longest queue: the rest of its build, then what it has not started", () => {
        const result = midBuild(`seconds_left; toolchain_status`);
        assert.equal(result.status, 0, result.stderr);
        const [seconds, status] = result.stdout.trim().split("\n");
        // queue 1: 300 left of slow + 300 for other; queue 2: 240 left of next.
        assert.ok(Math.abs(Number(seconds) - 600) <= 2, seconds);
        assert.equal(
            status,
            "toolchain: 1 of 4 built, about 10 min left; building next-1.0 (60 s of ~5 min), slow-1.0 (10 min of ~15 min)",
        );
    });

    it("after a failure, says which build it is finishing and that the reason comes last", () => {
        const result = midBuild(`echo "toolchain: building other-2.0 failed" >"$PROGRESS/failed.other-2.0"
            toolchain_status
            toolchain_failed`);
        assert.equal(result.status, 1);
        assert.match(result.stdout, /^toolchain: a build failed; finishing next-1\.0 \(60 s of ~5 min\), slow-1\.0/);
        assert.equal(result.stderr, "toolchain: building other-2.0 failed\n");
    });
});
