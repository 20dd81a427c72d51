import * as assert from "assert";
import { requireCluster } from "./support/cluster";
import { FaultStack, isReady, POD_NAMES } from "./support/faultStack";
import { LocalCluster, localCluster } from "./support/localCluster";
import { getJson, kubectl } from "./support/pods";
import { eventually, Finished, sleep } from "./support/processes";
import { TestProject } from "./support/stack";

// The cluster failing under a `pulumi up` in flight: the kubelet stopped while the pods wait to become Ready, and
// started again; the API server restarted while an update replaces the pods. Each `up` either converges or fails
// with a clear message, and the next `pulumi up` (the README's recovery) converges: every pod once, Ready and
// verified, nothing lost, nothing twice, and the objects of another owner in the namespace untouched. The local
// cluster's processes are stopped and started by scripts/cluster/restart.sh, and always left running.

const NAMESPACE = "mcp-test-fault-node";
/** Long enough for the node controller to mark the node NotReady (node-monitor-grace-period, 50 s in 1.34). */
const KUBELET_DOWN_MS = 60_000;

/** The lines of a failed run a user reads first: Pulumi's `error:` lines. */
const errorLines = (printed: string) =>
    printed
        .split("\n")
        .filter((line) => /^\s*error:/.test(line))
        .map((line) => line.trim());

describe("cluster: the kubelet stopped and the API server restarted during pulumi up", function () {
    const cluster = requireCluster(this);
    let local: LocalCluster;
    let project: TestProject | undefined;
    let fault: FaultStack;
    const measured: string[] = [];
    /** Objects of another owner in the stack's namespace: uid and resourceVersion, which must not change. */
    const theirs = new Map<string, string>();

    const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

    /** The run ended: converged, or failed with Pulumi's error lines and no stack trace of the program. */
    function judge(label: string, result: Finished, startedAt: number): void {
        if (result.status === 0) {
            measured.push(`${label}: pulumi up converged in ${seconds(startedAt)}`);
            return;
        }
        const errors = errorLines(result.stdout);
        measured.push(`${label}: pulumi up failed after ${seconds(startedAt)}: ${errors.join(" | ")}`);
        assert.ok(errors.length > 0, `no error line in:\n${result.stdout}`);
        assert.doesNotMatch(result.stdout, /^\s+at .*\.(ts|js):\d+/m, "no stack trace");
    }

    /** The next `pulumi up` (with `pulumi cancel` if needed) converges; nothing else of the namespace changed. */
    async function recoverAndCheck(label: string, result: Finished): Promise<void> {
        if (result.status !== 0) {
            const startedAt = Date.now();
            const { ran } = await fault.recover();
            measured.push(`${label}: ${ran.join(", ")} converged in ${seconds(startedAt)}`);
        }
        await fault.assertConverged();
        for (const [name, identity] of theirs) {
            const [kind, objectName] = name.split("/");
            const now = await getJson(cluster(), [kind, objectName, "-n", NAMESPACE]);
            assert.equal(`${now.metadata.uid}@${now.metadata.resourceVersion}`, identity, `${name} untouched`);
        }
    }

    before(async function () {
        const found = localCluster(cluster());
        if (typeof found === "string") {
            console.log(`      skipped: ${found}`);
            this.skip();
        }
        local = found;
        await local.ensureRunning();
        // The namespace is the team's (createNamespace false), shared with objects the stack does not own.
        await kubectl(cluster(), ["create", "namespace", NAMESPACE]);
        for (const [kind, create] of [
            ["configmap", ["create", "configmap", "someone-elses", "--from-literal=owner=someone-else"]],
            ["secret", ["create", "secret", "generic", "someone-elses", "--from-literal=owner=someone-else"]],
        ] as const) {
            const created = await kubectl(cluster(), [...create, "-n", NAMESPACE]);
            assert.equal(created.status, 0, created.stderr);
            const object = await getJson(cluster(), [kind, "someone-elses", "-n", NAMESPACE]);
            theirs.set(`${kind}/someone-elses`, `${object.metadata.uid}@${object.metadata.resourceVersion}`);
        }
        project = new TestProject("node-faults", cluster());
        await project.newStack(
            "nodefault",
            { namespace: NAMESPACE, createNamespace: "false" },
            { basicAuthPassword: "node-fault-password-1" },
        );
        fault = new FaultStack(project, cluster(), NAMESPACE);
    });
    after(async () => {
        // The cluster is shared: whatever happened, the kubelet and the API server run when this suite ends.
        await local?.ensureRunning();
        fault?.stopAll();
        await project?.dispose();
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=false"]);
        if (measured.length > 0) console.log(`      measured: ${measured.join("; ")}`);
    });

    it("restart.sh restarts the kubelet with up.sh's own command line, and the node is Ready again", async () => {
        const before = { pid: local.pid("kubelet"), argv: local.commandLine("kubelet") };
        const startedAt = Date.now();
        await local.control("restart", "kubelet");
        measured.push(`kubelet restart: ${seconds(startedAt)}`);
        assert.notEqual(local.pid("kubelet"), before.pid);
        assert.deepEqual(local.commandLine("kubelet"), before.argv);
        const node = await getJson(cluster(), ["nodes"]);
        assert.ok(node.items.every(isReady), "node Ready");
    });

    it("the kubelet stopped while pods wait to become Ready, started again: up converges, nothing lost or twice", async () => {
        const startedAt = Date.now();
        const { up } = await fault.upUntilPodsAreBeingCreated();
        await local.control("stop", "kubelet");
        const stoppedAt = Date.now();
        const pods = await fault.stackPods();
        const waiting = POD_NAMES.length - pods.filter(isReady).length;
        measured.push(
            `kubelet stopped ${seconds(startedAt)} into the up, ${pods.length} pod(s) created, ${waiting} not Ready`,
        );
        assert.ok(waiting > 0, "the kubelet stopped while pods still waited to become Ready");
        await sleep(KUBELET_DOWN_MS);
        const node = await getJson(cluster(), ["nodes"]);
        measured.push(
            `after ${seconds(stoppedAt)} without a kubelet: node ${node.items.every(isReady) ? "Ready" : "NotReady"},` +
                ` pulumi up ${up.child.exitCode === null ? "still waiting" : `exited ${up.child.exitCode}`}`,
        );
        await local.control("start", "kubelet");
        const kubeletBack = Date.now();
        const result = await up.done;
        measured.push(`kubelet back: up ended ${seconds(kubeletBack)} later`);
        judge("kubelet stopped", result, startedAt);
        await recoverAndCheck("kubelet stopped", result);
    });

    it("the API server restarted while an update replaces the pods: up converges, nothing lost or twice", async () => {
        // classic → native replaces every bare pod (delete first, the names are fixed).
        const before = new Map((await fault.stackPods()).map((pod) => [pod.metadata.name, pod.metadata.uid]));
        await project!.pulumi(["config", "set", "sidecarMode", "native"]);
        const startedAt = Date.now();
        const up = fault.start(["up", "--yes"]);
        await eventually(
            async () => {
                if (up.child.exitCode !== null) throw new Error(`pulumi up ended first:\n${up.output}`);
                const now = await fault.stackPods();
                const replaced = [...before].filter(
                    ([name, uid]) => !now.some((p) => p.metadata.name === name && p.metadata.uid === uid),
                );
                if (replaced.length === 0) throw new Error("no pod replaced yet");
            },
            180_000,
            100,
        );
        const restartAt = Date.now();
        await local.control("restart", "kube-apiserver");
        measured.push(
            `API server restarted ${((restartAt - startedAt) / 1000).toFixed(1)} s into the update, serving again after ${seconds(restartAt)}`,
        );
        const result = await up.done;
        // Native mode: the program's preflight asked this (1.34) cluster first, and it passed.
        assert.doesNotMatch(result.stdout, /cannot work on this cluster|native sidecars .* was skipped/);
        judge("API server restarted", result, startedAt);
        await recoverAndCheck("API server restarted", result);
        // The update itself went through: the sidecars are restartable init containers now.
        const sidecar = await getJson(cluster(), ["pod", "sidecar-container-test", "-n", NAMESPACE]);
        assert.ok(
            sidecar.spec.initContainers?.some((c: any) => c.restartPolicy === "Always"),
            "native sidecars after the update",
        );
        await project!.pulumi(["config", "set", "sidecarMode", "classic"]);
    });
});
