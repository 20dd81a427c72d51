import * as assert from "assert";
import * as path from "path";
import { REPO, requireCluster } from "./support/cluster";
import { FaultStack, isReady, RunningPulumi } from "./support/faultStack";
import { getJson, kubectl } from "./support/pods";
import { readmeShellBlock } from "./support/readme";
import { eventually, sleep } from "./support/processes";
import { TestProject } from "./support/stack";

// `pulumi up` interrupted mid-update, as a crash, an OOM kill or a CI timeout would (SIGKILL), and as Ctrl-C or a
// supervisor would (SIGINT, SIGTERM), while the pods are being created; then what the README's recovery section
// tells the user to run (at most `pulumi cancel` and `pulumi up`) must converge: every pod once, Ready and
// verified, nothing duplicated. A same-named object of the kubectl flow or of another stack still stops the run,
// untouched. And two `pulumi up` on one stack at once: the second is refused by the lock, the first unaffected.

const NAMESPACE = "mcp-test-fault-kill";

describe("cluster: pulumi up interrupted mid-update, then what the README says to run", function () {
    const cluster = requireCluster(this);
    let project: TestProject;
    let fault: FaultStack;
    const measured: string[] = [];
    const stackPods = () => fault.stackPods();
    const start = (args: readonly string[]) => fault.start(args);
    const recover = () => fault.recover();
    const assertConverged = () => fault.assertConverged();
    const pendingOperations = () => fault.pendingOperations();

    /** The commands of the README's recovery section, comments dropped: what `recover` runs, in that order. */
    const README_RECOVERY = () =>
        readmeShellBlock("## Recovery: after an interrupted `pulumi up`").map((line) => line.replace(/\s+#.*$/, ""));

    /** Starts `pulumi up`, waits until the first pod exists (the provider then awaits it Ready), returns it. */
    async function upUntilPodsAreBeingCreated(): Promise<RunningPulumi> {
        const { up, seconds } = await fault.upUntilPodsAreBeingCreated();
        measured.push(`first pod after ${seconds.toFixed(1)} s`);
        return up;
    }

    before(async () => {
        project = new TestProject("faults", cluster());
        await project.newStack("fault", { namespace: NAMESPACE }, { basicAuthPassword: "fault-password-1" });
        fault = new FaultStack(project, cluster(), NAMESPACE);
    });
    after(async () => {
        fault?.stopAll();
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
