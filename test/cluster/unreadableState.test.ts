import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { requireCluster } from "./support/cluster";
import { FaultStack } from "./support/faultStack";
import { getJson, kubectl } from "./support/pods";
import { eventually, runShell } from "./support/processes";
import { readmeShellBlock } from "./support/readme";
import { TestProject } from "./support/stack";

// A kill that lands while the CLI writes the state leaves the file backend's stack file cut short: every command
// then ends with "failed to load checkpoint". Made deterministic here: `pulumi up` killed (SIGKILL) while an
// update replaces the pods, then the stack file cut to half its length, as a kill mid-write leaves it. Then the
// README's steps for an unreadable state, as written, must bring the stack back to convergence: nothing lost,
// nothing twice.

const NAMESPACE = "mcp-test-fault-state";
const HEADING = "## Recovery: after an interrupted `pulumi up`";
const MARKER = "**A state file left unreadable.**";

describe("cluster: a state file left unreadable by a kill, then the README's restore steps", function () {
    const cluster = requireCluster(this);
    let project: TestProject;
    let fault: FaultStack;
    const measured: string[] = [];

    /** The README's commands, comments dropped, on this project's own backend (the README's is `~/.pulumi`). */
    const readmeSteps = () =>
        readmeShellBlock(HEADING, MARKER).map((line) =>
            line.replace(/\s+#.*$/, "").replace(/~\/\.pulumi/g, path.join(project.root, "state", ".pulumi")),
        );

    before(async () => {
        // The README's stack is `dev`, its project the program's.
        project = new TestProject("unreadable-state", cluster());
        await project.newStack("dev", { namespace: NAMESPACE }, { basicAuthPassword: "state-password-1" });
        fault = new FaultStack(project, cluster(), NAMESPACE);
    });
    after(async () => {
        fault?.stopAll();
        await project?.dispose();
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=false"]);
        if (measured.length > 0) console.log(`      measured: ${measured.join("; ")}`);
    });

    it("the README's steps restore the previous save and converge", async () => {
        await project.pulumi(["up", "--yes"]);
        const before = new Map((await fault.stackPods()).map((pod) => [pod.metadata.name, pod.metadata.uid]));
        await project.pulumi(["config", "set", "sidecarMode", "native"]);
        const up = fault.start(["up", "--yes"]);
        await eventually(
            async () => {
                if (up.child.exitCode !== null) throw new Error(`pulumi up ended first:\n${up.output}`);
                const now = await fault.stackPods();
                if (
                    ![...before].some(
                        ([name, uid]) => !now.some((p) => p.metadata.name === name && p.metadata.uid === uid),
                    )
                )
                    throw new Error("no pod replaced yet");
            },
            180_000,
            100,
        );
        up.signal("SIGKILL");
        await up.done;
        up.stopAll();
        const stackFile = path.join(project.root, "state", ".pulumi", "stacks", "multi-container-pods", "dev.json");
        const saved = fs.readFileSync(stackFile);
        fs.writeFileSync(stackFile, saved.subarray(0, Math.floor(saved.length / 2)));

        // The killed run's lock speaks first; what reads the state then fails on the cut file.
        const locked = await project.pulumi(["up", "--yes"], "fail");
        assert.match(`${locked.stdout}\n${locked.stderr}`, /the stack is currently locked/);
        const broken = await project.pulumi(["stack", "export"], "fail");
        assert.match(`${broken.stdout}\n${broken.stderr}`, /failed to load checkpoint/);

        // The block as one shell script (it sets STACKS for the lines after), stopping at the first failure.
        const startedAt = Date.now();
        const steps = readmeSteps();
        // As a user types them: without the tests' PULUMI_SKIP_CONFIRMATIONS, which counts as --yes and makes
        // `pulumi refresh --preview-only` refuse to run ("--yes and --preview-only cannot be used together").
        const { PULUMI_SKIP_CONFIRMATIONS: _yes, ...env } = project.env;
        const result = await runShell(["set -e", ...steps].join("\n"), { cwd: project.dir, env });
        const printed = `${result.stdout}\n${result.stderr}`;
        assert.equal(result.status, 0, `the README's steps failed:\n${printed}`);
        const summary = printed
            .match(/Resources:\n([\s\S]*?)\n\n/)?.[1]
            ?.replace(/\s+/g, " ")
            .trim();
        measured.push(`refresh --preview-only after the restore: ${summary ?? "(no summary)"}`);
        measured.push(`the README's ${steps.length} steps took ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
        await fault.assertConverged();
        const sidecar = await getJson(cluster(), ["pod", "sidecar-container-test", "-n", NAMESPACE]);
        assert.ok(
            sidecar.spec.initContainers?.some((c: any) => c.restartPolicy === "Always"),
            "the interrupted update completed: native sidecars",
        );
        assert.ok(!fs.existsSync(path.join(project.dir, "restore.json")), "the README's steps leave no file behind");
    });
});
