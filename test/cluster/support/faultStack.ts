import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import { ClusterEnv } from "./cluster";
import { getJson } from "./pods";
import { eventually, Finished } from "./processes";
import { TestProject } from "./stack";

// What the fault tests share: a `pulumi` command run in the background so the test can interrupt it or disturb
// the cluster under it, the README's way back (`pulumi up`, and `pulumi cancel` when a killed run holds the
// lock), and the end condition every fault must reach: the stack converged, nothing lost, nothing twice.

/** The seed's bare pods, which every stack of the program deploys. */
export const POD_NAMES = [
    "init-container-test",
    "monitoring-sidecar-test",
    "proxy-sidecar-test",
    "security-sidecar-test",
    "sidecar-container-test",
];
export const INSTANCE_LABEL = "app.kubernetes.io/instance";

export const isReady = (pod: any): boolean =>
    pod.status?.conditions?.some((c: any) => c.type === "Ready" && c.status === "True") ?? false;

/** A `pulumi` command started in the background, stopped or killed by the test by its pid. */
export class RunningPulumi {
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

/** One stack of the program in its own namespace, driven through faults. */
export class FaultStack {
    readonly started: RunningPulumi[] = [];

    constructor(
        readonly project: TestProject,
        readonly cluster: ClusterEnv,
        readonly namespace: string,
    ) {}

    /** The bare pods (the seed's examples): a controller's pods, which it owns, come and go on their own. */
    async stackPods(): Promise<any[]> {
        const list = await getJson(this.cluster, ["pods", "-n", this.namespace]);
        return ((list?.items ?? []) as any[]).filter((pod) => (pod.metadata.ownerReferences ?? []).length === 0);
    }

    start(args: readonly string[]): RunningPulumi {
        const running = new RunningPulumi(this.project, args);
        this.started.push(running);
        return running;
    }

    /**
     * Starts `pulumi up`, waits until the first pod exists while not all are Ready (the provider then awaits
     * them Ready), returns it and how long that took.
     */
    async upUntilPodsAreBeingCreated(): Promise<{ up: RunningPulumi; seconds: number }> {
        const up = this.start(["up", "--yes"]);
        const startedAt = Date.now();
        await eventually(
            async () => {
                if (up.child.exitCode !== null)
                    throw new Error(`pulumi up ended before any pod existed:\n${up.output}`);
                const pods = await this.stackPods();
                if (pods.length === 0) throw new Error("no pod yet");
                if (pods.every(isReady) && pods.length === POD_NAMES.length) throw new Error("too late: all Ready");
            },
            180_000,
            100,
        );
        return { up, seconds: (Date.now() - startedAt) / 1000 };
    }

    /**
     * `pulumi up --yes`, then, only when it says the stack is locked, `pulumi cancel --yes` and `pulumi up --yes`:
     * the commands run, and everything they printed.
     */
    async recover(): Promise<{ ran: string[]; printed: string }> {
        const ran = ["pulumi up --yes"];
        const first = await this.project.pulumi(["up", "--yes"], "either");
        let printed = `${first.stdout}\n${first.stderr}`;
        if (first.status === 0) return { ran, printed };
        assert.match(
            printed,
            /locked|pulumi cancel/,
            `the first up after the interruption failed otherwise:\n${printed}`,
        );
        ran.push("pulumi cancel --yes", "pulumi up --yes");
        await this.project.pulumi(["cancel", "--yes"]);
        const second = await this.project.pulumi(["up", "--yes"]);
        printed += `\n${second.stdout}\n${second.stderr}`;
        return { ran, printed };
    }

    async state(): Promise<any> {
        return JSON.parse((await this.project.pulumi(["stack", "export"])).stdout);
    }

    async pendingOperations(): Promise<number> {
        return ((await this.state()).deployment.pending_operations ?? []).length;
    }

    /** The stack converged: five pods, each once, Ready and verified; nothing of ours twice; no changes left. */
    async assertConverged(): Promise<void> {
        const pods = await this.stackPods();
        assert.deepEqual(pods.map((pod) => pod.metadata.name).sort(), POD_NAMES);
        assert.ok(pods.every(isReady), "every pod Ready");
        const outputs = await this.project.outputs();
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
        const state = await this.state();
        const urns: string[] = state.deployment.resources.map((r: any) => r.urn);
        assert.equal(new Set(urns).size, urns.length, "no resource twice in the state");
        // The engine keeps an interrupted run's pending creates in the state (with a warning on each later
        // command) until `pulumi refresh --clear-pending-creates`; each must be of an object the state now holds.
        for (const op of state.deployment.pending_operations ?? []) {
            assert.equal(op.type, "creating");
            assert.ok(urns.includes(op.resource.urn), `pending create of ${op.resource.urn}, which the state holds`);
        }
        // Content-named objects (ConfigMaps, the Secret) of an interrupted run would linger beside the new ones.
        const TYPES: Record<string, string> = { configmaps: "ConfigMap", secrets: "Secret", services: "Service" };
        for (const [kind, type] of Object.entries(TYPES)) {
            const list = await getJson(this.cluster, [kind, "-n", this.namespace, "-l", INSTANCE_LABEL]);
            const names = list.items.map((item: any) => item.metadata.name);
            const inState = state.deployment.resources
                .filter((r: any) => r.type === `kubernetes:core/v1:${type}`)
                .map((r: any) => r.outputs.metadata.name);
            assert.deepEqual(names.sort(), inState.sort(), `${kind}: exactly those in the state`);
        }
        await this.project.pulumi(["preview", "--expect-no-changes"]);
    }

    /** Stops every background command still running (and its orphaned plugins). */
    stopAll(): void {
        for (const running of this.started) running.stopAll();
    }
}
