import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// scripts/cluster/components.sh (each process's one command line) and restart.sh, without a cluster: the
// command lines exist once, up.sh starts every component through them, a started process keeps none of its
// starter's open files (a kubelet that inherited `flock`'s descriptor would hold the cluster lock forever), and
// restart.sh refuses what it does not know.

const SCRIPTS = path.resolve(__dirname, "../../../scripts/cluster");

function bash(script: string, env: Record<string, string> = {}) {
    return spawnSync("bash", ["-c", `set -euo pipefail; REPO=${path.resolve(SCRIPTS, "../..")}\n${script}`], {
        encoding: "utf8",
        env: { ...process.env, ...env },
        timeout: 20000,
    });
}

const COMPONENTS = () => bash(`. "$REPO/scripts/cluster/lib.sh"; echo "\${COMPONENTS[@]}"`).stdout.trim().split(" ");

describe("the local cluster's processes (scripts/cluster/components.sh, restart.sh)", () => {
    it("has one command line per component, and up.sh starts each through it exactly once", () => {
        const components = COMPONENTS();
        assert.ok(components.includes("kubelet") && components.includes("kube-apiserver"));
        // Each command line, as launch would run it: the program and its flags.
        const lines = bash(
            `. "$REPO/scripts/cluster/lib.sh"; . "$REPO/scripts/cluster/components.sh"
             launch() { shift; echo "$*"; }; launch_on_host() { shift; echo "$*"; }
             for c in "\${COMPONENTS[@]}"; do start_component "$c"; done`,
            { MCP_CLUSTER_DIR: "/state" },
        );
        assert.equal(lines.status, 0, lines.stderr);
        const programs = lines.stdout
            .trim()
            .split("\n")
            .map((line) => line.split(" ")[0]);
        assert.deepEqual(
            programs,
            components.map((c) => (c.startsWith("api-bridge") ? "socat" : c)),
        );
        const upSh = fs.readFileSync(path.join(SCRIPTS, "up.sh"), "utf8");
        for (const component of components) {
            assert.equal(upSh.split(`start_component ${component}\n`).length - 1, 1, `up.sh starts ${component} once`);
        }
        assert.doesNotMatch(upSh, /^\s*launch(_on_host)? /m, "up.sh has no command line of its own");
    });

    it("starts a process that holds none of its starter's open files (a flock lock above all)", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "components-"));
        try {
            fs.mkdirSync(path.join(dir, "logs"));
            fs.mkdirSync(path.join(dir, "pids"));
            const started = bash(
                `. "$REPO/scripts/cluster/lib.sh"; . "$REPO/scripts/cluster/components.sh"
                 exec 7>"${dir}/lock"; flock 7
                 launch_on_host sleeper sleep 30
                 pid=$(cat "$PIDS/sleeper")
                 for _ in $(seq 1 50); do [ "$(readlink /proc/$pid/exe)" != "$(readlink /proc/$$/exe)" ] && break; sleep 0.05; done
                 ls -l /proc/$pid/fd | grep -c "${dir}/lock" || true
                 echo "pid $pid"`,
                { MCP_CLUSTER_DIR: dir },
            );
            assert.equal(started.status, 0, started.stderr);
            const pid = Number(/pid (\d+)/.exec(started.stdout)![1]);
            try {
                assert.equal(started.stdout.split("\n")[0], "0", "the lock file is not open in the started process");
                // And the lock is free once the starter is gone.
                const free = spawnSync("flock", ["-n", path.join(dir, "lock"), "true"]);
                assert.equal(free.status, 0, "the lock is free");
            } finally {
                process.kill(pid, "SIGKILL");
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("restart.sh names its usage and the components it knows, and refuses anything else", () => {
        for (const args of [[], ["bounce", "kubelet"], ["stop", "kubelet-typo"]]) {
            const out = spawnSync(path.join(SCRIPTS, "restart.sh"), args, { encoding: "utf8" });
            assert.equal(out.status, 1);
            assert.match(
                out.stderr,
                /^usage: .*restart\.sh stop\|start\|restart COMPONENT \(one of: etcd kube-apiserver .* kubelet\)/,
            );
        }
        const noCluster = spawnSync(path.join(SCRIPTS, "restart.sh"), ["stop", "kubelet"], {
            encoding: "utf8",
            env: { ...process.env, MCP_CLUSTER_DIR: path.join(os.tmpdir(), "no-cluster-here") },
        });
        assert.equal(noCluster.status, 1);
        assert.match(noCluster.stderr, /no local cluster in .*no-cluster-here|needs root/);
    });
});
