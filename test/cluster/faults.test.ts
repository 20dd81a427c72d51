import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO, requireCluster } from "./support/cluster";
import { getJson, kubectl } from "./support/pods";
import { readmeShellBlock } from "./support/readme";
import { eventually, Finished, sleep } from "./support/processes";
import { TestProject } from "./support/stack";

// `pulumi up` interrupted mid-update, as a crash, an OOM kill or a CI timeout would (SIGKILL), and as Ctrl-C or a
// supervisor would (SIGINT, SIGTERM), while the pods are being created; then what the README's recovery section
// tells the user to run (at most `pulumi cancel` and `pulumi up`) must converge: every pod once, Ready and
// verified, nothing duplicated. A same-named object of the kubectl flow or of another stack still stops the run,
// untouched. And two `pulumi up` on one stack at once: the second is refused by the lock, the first unaffected.

const NAMESPACE = "mcp-test-fault-kill";
const POD_NAMES = [
    "init-container-test",
    "monitoring-sidecar-test",
    "proxy-sidecar-test",
    "security-sidecar-test",
    "sidecar-container-test",
];
const INSTANCE_LABEL = "app.kubernetes.io/instance";

/** A `pulumi` command started in the background, stopped or killed by the test by its pid. */
class RunningPulumi {
    readonly child: ChildProcess;
    output = "";
    readonly done: Promise<Finished>;

    private readonly cwd: string;

    constructor(project: TestProject, args: readonly string[]) {
        this.cwd = project.dir;
        // Its own process group: the CLI's plugins (language host, program, providers) are its descendants there.
        this.child = spawn("pulumi", [...args, "--non-interactive"], {
            cwd: project.dir,
            env: project.env,
            detached: true,
        });
        this.child.stdout!.on("data", (chunk) => (this.output += chunk));
        this.child.stderr!.on("data", (chunk) => (this.output += chunk));
        this.done = new Promise((resolve) =>
            this.child.on("close", (status) => resolve({ status, stdout: this.output, stderr: "" })),
        );
    }

    /** Sends `signal` to the CLI alone (pid), as a crash, OOM kill or Ctrl-C in a terminal does. */
    signal(signal: NodeJS.Signals): void {
        process.kill(this.child.pid!, signal);
    }

    /**
     * Processes the CLI started that outlived it: the CLI starts each plugin (language host, providers) in a
     * process group of its own, so a killed CLI leaves them running, re-parented to init. Found by their working
     * directory, this test's project, and their parent, init; never by name.
     */
    orphans(): number[] {
        return fs
            .readdirSync("/proc")
            .filter((name) => /^\d+$/.test(name))
            .filter((pid) => {
                try {
                    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
                    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
                    return state !== "Z" && ppid === "1" && fs.readlinkSync(`/proc/${pid}/cwd`) === this.cwd;
                } catch {
                    return false;
                }
            })
            .map(Number);
    }

    /** Stops what is left: the CLI's process group, and each orphaned plugin by its pid. */
    stopAll(): void {
        for (const target of [-this.child.pid!, ...this.orphans()]) {
            try {
                process.kill(target, "SIGKILL");
            } catch {
                // already gone
            }
        }
    }
}

describe("cluster: pulumi up interrupted mid-update, then what the README says to run", function () {
    const cluster = requireCluster(this);
    let project: TestProject;
    const started: RunningPulumi[] = [];
    const measured: string[] = [];

    /** The bare pods (the seed's examples): a controller's pods, which it owns, come and go on their own. */
    const stackPods = async () => {
        const list = await getJson(cluster(), ["pods", "-n", NAMESPACE]);
        return ((list?.items ?? []) as any[]).filter((pod) => (pod.metadata.ownerReferences ?? []).length === 0);
    };
    const isReady = (pod: any) => pod.status.conditions?.some((c: any) => c.type === "Ready" && c.status === "True");
    const start = (args: readonly string[]) => {
        const running = new RunningPulumi(project, args);
        started.push(running);
        return running;
    };

    /** The commands of the README's recovery section, comments dropped: what `recover` runs, in that order. */
    const README_RECOVERY = () =>
        readmeShellBlock("## Recovery: after an interrupted `pulumi up`").map((line) => line.replace(/\s+#.*$/, ""));

    /**
     * `pulumi up --yes`, then, only when it says the stack is locked, `pulumi cancel --yes` and `pulumi up --yes`:
     * the commands run, and everything they printed.
     */
    async function recover(): Promise<{ ran: string[]; printed: string }> {
        const ran = ["pulumi up --yes"];
        const first = await project.pulumi(["up", "--yes"], "either");
        let printed = `${first.stdout}\n${first.stderr}`;
        if (first.status === 0) return { ran, printed };
        assert.match(
            printed,
            /locked|pulumi cancel/,
            `the first up after the interruption failed otherwise:\n${printed}`,
        );
        ran.push("pulumi cancel --yes", "pulumi up --yes");
        await project.pulumi(["cancel", "--yes"]);
        const second = await project.pulumi(["up", "--yes"]);
        printed += `\n${second.stdout}\n${second.stderr}`;
        return { ran, printed };
    }

    /** The stack converged: five pods, each once, Ready and verified; nothing of ours twice; no changes left. */
    async function assertConverged(): Promise<void> {
        const pods = await stackPods();
        assert.deepEqual(pods.map((pod) => pod.metadata.name).sort(), POD_NAMES);
        assert.ok(pods.every(isReady), "every pod Ready");
        const outputs = await project.outputs();
        // Every example verified: the bare pods and the workload examples.
        assert.deepEqual(
            POD_NAMES.filter((name) => !(name in outputs.logs)),
            [],
            "every pod verified",
        );
        assert.ok(
            "batch-job-test" in outputs.logs && "proxy-deployment-test" in outputs.logs,
            "every workload verified",
        );
        const state = JSON.parse((await project.pulumi(["stack", "export"])).stdout);
        const urns: string[] = state.deployment.resources.map((r: any) => r.urn);
        assert.equal(new Set(urns).size, urns.length, "no resource twice in the state");
        // The engine keeps an interrupted run's pending creates in the state (with a warning on each later
        // command) until `pulumi refresh --clear-pending-creates`; each must be of an object the state now holds.
        for (const op of state.deployment.pending_operations ?? []) {
            assert.equal(op.type, "creating");
            assert.ok(urns.includes(op.resource.urn), `pending create of ${op.resource.urn}, which the state holds`);
        }
        // Content-named objects (ConfigMaps, the Secret) of an interrupted run would linger beside the new ones.
        for (const kind of ["configmaps", "secrets", "services"]) {
            const list = await getJson(cluster(), [kind, "-n", NAMESPACE, "-l", INSTANCE_LABEL]);
            const names = list.items.map((item: any) => item.metadata.name);
            const inState = state.deployment.resources
                .filter(
                    (r: any) =>
                        r.type ===
                        `kubernetes:core/v1:${kind === "configmaps" ? "ConfigMap" : kind === "secrets" ? "Secret" : "Service"}`,
                )
                .map((r: any) => r.outputs.metadata.name);
            assert.deepEqual(names.sort(), inState.sort(), `${kind}: exactly those in the state`);
        }
        await project.pulumi(["preview", "--expect-no-changes"]);
    }

    const pendingOperations = async () =>
        (JSON.parse((await project.pulumi(["stack", "export"])).stdout).deployment.pending_operations ?? []).length;

    /** Starts `pulumi up`, waits until the first pod exists (the provider then awaits it Ready), returns it. */
    async function upUntilPodsAreBeingCreated(): Promise<RunningPulumi> {
        const up = start(["up", "--yes"]);
        const startedAt = Date.now();
        await eventually(
            async () => {
                if (up.child.exitCode !== null)
                    throw new Error(`pulumi up ended before any pod existed:\n${up.output}`);
                const pods = await stackPods();
                if (pods.length === 0) throw new Error("no pod yet");
                if (pods.every(isReady) && pods.length === POD_NAMES.length) throw new Error("too late: all Ready");
            },
            180_000,
            100,
        );
        measured.push(`first pod after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
        return up;
    }

    before(async () => {
        project = new TestProject("faults", cluster());
        await project.newStack("fault", { namespace: NAMESPACE }, { basicAuthPassword: "fault-password-1" });
    });
    after(async () => {
        for (const running of started) running.stopAll();
        await project?.dispose();
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=false"]);
        if (measured.length > 0) console.log(`      measured: ${measured.join("; ")}`);
    });

    it("the README's recovery steps are the ones these tests run", () => {
        assert.deepEqual(README_RECOVERY(), [
            "pulumi up --yes",
            "pulumi cancel --yes",
            "pulumi up --yes",
            "pulumi refresh --yes --clear-pending-creates",
        ]);
    });

    it("SIGKILL while pods are being created: the README's steps converge, the leftovers taken back once", async () => {
        const up = await upUntilPodsAreBeingCreated();
        const before = await stackPods();
        up.signal("SIGKILL");
        await up.done;
        await sleep(5000);
        const orphans = up.orphans();
        measured.push(`SIGKILL with ${before.length} pod(s) created; ${orphans.length} plugin process(es) orphaned`);
        up.stopAll();

        const { ran, printed } = await recover();
        measured.push(`after SIGKILL: ${ran.join(", ")}`);
        await assertConverged();
        // What the README says to tidy up: the pending creates the killed run left in the state.
        const pendingBefore = await pendingOperations();
        const refresh = await project.pulumi(["refresh", "--yes"], "either");
        measured.push(
            `pending creates after recovery: ${pendingBefore}; plain refresh exited ${refresh.status}` +
                ` with ${await pendingOperations()} left`,
        );
        await project.pulumi(["refresh", "--yes", "--clear-pending-creates"]);
        assert.equal(await pendingOperations(), 0);
        await project.pulumi(["preview", "--expect-no-changes"]);
        // The pods the killed run created were this stack's own: deleted and created again, each said so.
        const after = Object.fromEntries((await stackPods()).map((pod) => [pod.metadata.name, pod.metadata.uid]));
        for (const pod of before) {
            assert.notEqual(after[pod.metadata.name], pod.metadata.uid, `${pod.metadata.name} was created again`);
            assert.match(
                printed,
                new RegExp(`Pod ${pod.metadata.name} in namespace ${NAMESPACE} was created by an interrupted update`),
            );
        }
    });

    it("a same-named pod applied with kubectl still stops the run, untouched, with the collision message", async () => {
        // The stack loses track of its pod (as when an interrupted run never recorded it), the pod goes, and the
        // kubectl flow's pod of the same name takes its place: the next create meets an object that is not ours.
        const state = JSON.parse((await project.pulumi(["stack", "export"])).stdout);
        const pod = state.deployment.resources.find(
            (r: any) => r.type === "kubernetes:core/v1:Pod" && r.outputs.metadata.name === "init-container-test",
        );
        await project.pulumi(["state", "delete", pod.urn, "--target-dependents", "--yes"]);
        await kubectl(cluster(), ["delete", "pod", "init-container-test", "-n", NAMESPACE, "--wait=true"]);
        const applied = await kubectl(cluster(), [
            "apply",
            "-n",
            NAMESPACE,
            "-f",
            path.join(REPO, "examples", "init-container-example.yaml"),
        ]);
        assert.equal(applied.status, 0, applied.stderr);
        const theirs = await getJson(cluster(), ["pod", "init-container-test", "-n", NAMESPACE]);
        const up = await project.pulumi(["up", "--yes"], "fail");
        const printed = `${up.stdout}\n${up.stderr}`;
        assert.match(
            printed,
            /Pod init-container-test in namespace mcp-test-fault-kill already exists, and this stack did not create it: it has no app\.kubernetes\.io\/instance label, so it was applied with kubectl/,
        );
        assert.doesNotMatch(printed, /interrupted update of this stack/);
        const after = await getJson(cluster(), ["pod", "init-container-test", "-n", NAMESPACE]);
        assert.equal(after.metadata.uid, theirs.metadata.uid, "the kubectl pod was not replaced");
        assert.deepEqual(after.metadata.labels, theirs.metadata.labels, "nor relabelled");
        assert.equal(after.metadata.annotations?.["multi-container-pods.pulumi.com/owner"], undefined);
        await kubectl(cluster(), ["delete", "pod", "init-container-test", "-n", NAMESPACE, "--wait=true"]);
        await project.pulumi(["up", "--yes"]);
        await assertConverged();
    });

    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        it(`${signal} while pods are being created: the next up converges`, async () => {
            await project.pulumi(["destroy", "--yes"]);
            const up = await upUntilPodsAreBeingCreated();
            up.signal(signal);
            const ended = await Promise.race([up.done, sleep(120_000).then(() => undefined)]);
            measured.push(`${signal}: pulumi exited ${ended ? ended.status : "not within 120 s"}`);
            measured.push(`${up.orphans().length} plugin process(es) orphaned`);
            up.stopAll();
            const { ran } = await recover();
            measured.push(`after ${signal}: ${ran.join(", ")}`);
            await assertConverged();
        });
    }

    it("two pulumi up on one stack at once: the second is refused by the lock, the first unaffected", async () => {
        await project.pulumi(["config", "set", "sidecarMode", "native"]);
        const first = start(["up", "--yes"]);
        await eventually(
            async () => {
                if (!/Updating|Previewing update/.test(first.output)) throw new Error("not started yet");
            },
            60_000,
            100,
        );
        const second = await project.pulumi(["up", "--yes"], "fail");
        assert.match(`${second.stdout}\n${second.stderr}`, /locked/);
        const result = await first.done;
        assert.equal(result.status, 0, result.stdout);
        const pods = await stackPods();
        assert.ok(pods.every(isReady));
        await project.pulumi(["config", "set", "sidecarMode", "classic"]);
        await project.pulumi(["up", "--yes"]);
        await assertConverged();
    });
});
