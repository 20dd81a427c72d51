import { KubectlFlow } from "./kubectlFlow";
import { BenchProgram, PASSWORD } from "./programs";
import { Samples } from "./report";
import { Timed } from "./runner";

// One round of each variant. Every variant starts from nothing in namespaces of its own, named
// bench-<run tag>-…, and leaves nothing behind; only the commands a user would time are timed.

export interface Bench {
    readonly samples: Samples;
    readonly kubectl: KubectlFlow;
    readonly ours: BenchProgram;
    readonly floor: BenchProgram;
    readonly scale?: BenchProgram;
    /** A namespace name unique to this run: bench-<tag>-<what>. */
    readonly namespace: (what: string) => string;
    readonly notes: string[];
    readonly progress: (message: string) => void;
    /** The scale variants to run (SCALE_VARIANTS' names); undefined: all. */
    readonly scaleVariants?: readonly string[];
}

/** The variants of a scale round, in the order they run; `--scale-variants` picks some. */
export const SCALE_VARIANTS = [
    "perPod",
    "skipCheckpoints",
    "noVerify",
    "group",
    "graph",
    "graphNoVerify",
    "graphGroup",
];

const CHANGES = /^.*\bto (create|update|replace|delete)\b.*$/gm;

/** Records a no-change preview's time, and a note if it did plan changes (then it is not a no-change preview). */
function recordPreview(bench: Bench, key: string, preview: Timed) {
    record(bench, key, preview.seconds);
    const changes = preview.stdout.match(CHANGES);
    if (changes) bench.notes.push(`${key}: the preview after up planned changes: ${changes.map((c) => c.trim())}`);
}

/** The error lines of a failed command, short enough for a note. */
export function errorSummary(error: Error): string {
    const lines = error.message.split("\n").map((line) => line.trim());
    const errors = [...new Set(lines.filter((line) => /error:/i.test(line)))];
    return (errors.length > 0 ? errors.slice(0, 2) : lines.slice(0, 2)).join(" | ").slice(0, 400);
}

/** A step whose failure is a finding (noted, printed under the table), not the end of the round. */
async function tolerate(bench: Bench, key: string, step: () => Promise<void>) {
    try {
        await step();
    } catch (error) {
        bench.notes.push(`${key} failed: ${errorSummary(error as Error)}`);
        bench.progress(`${key.padEnd(36)} FAILED`);
    }
}

function record(bench: Bench, key: string, seconds: number) {
    bench.samples.add(key, seconds);
    bench.progress(`${key.padEnd(36)} ${seconds.toFixed(1).padStart(6)} s`);
}

export async function kubectlRound(bench: Bench, round: number) {
    const { kubectl } = bench;
    const manifests = bench.namespace(`kubectl-r${round}`);
    record(bench, "kubectl.up", await kubectl.applyAndWait(manifests));
    record(bench, "kubectl.deleteManifests", await kubectl.deleteManifests(manifests));
    await kubectl.deleteNamespaces([manifests]);
    const whole = bench.namespace(`kubectl-ns-r${round}`);
    await kubectl.applyAndWait(whole);
    record(bench, "kubectl.deleteNamespace", await kubectl.deleteNamespaces([whole]));
}

export async function floorRound(bench: Bench, round: number) {
    const { floor } = bench;
    const namespace = bench.namespace(`floor-r${round}`);
    const stack = `r${round}`;
    await bench.kubectl.kubectl(["create", "namespace", namespace]);
    await floor.newStack(stack, { namespace });
    record(bench, "floor.up", (await floor.pulumi(stack, ["up", "--yes"])).seconds);
    const preview = await floor.pulumi(stack, ["preview"]);
    recordPreview(bench, "floor.preview", preview);
    const transpileOnly = await floor.pulumi(stack, ["preview"], { PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
    recordPreview(bench, "floor.previewTranspileOnly", transpileOnly);
    record(bench, "floor.destroy", (await floor.pulumi(stack, ["destroy", "--yes"])).seconds);
    await floor.removeStack(stack);
    await bench.kubectl.deleteNamespaces([namespace]);
}

export async function oursRound(bench: Bench, round: number) {
    const { ours } = bench;
    const stack = `r${round}`;
    await ours.newStack(stack, { namespace: bench.namespace(`ours-r${round}`) }, { basicAuthPassword: PASSWORD });
    record(bench, "ours.up", (await ours.pulumi(stack, ["up", "--yes"])).seconds);
    const preview = await ours.pulumi(stack, ["preview"]);
    recordPreview(bench, "ours.preview", preview);
    const transpileOnly = await ours.pulumi(stack, ["preview"], { PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
    recordPreview(bench, "ours.previewTranspileOnly", transpileOnly);
    await ours.pulumi(stack, ["config", "set", "sidecarMode", "native"]);
    await tolerate(bench, "ours.switch", async () =>
        record(bench, "ours.switch", (await ours.pulumi(stack, ["up", "--yes"])).seconds),
    );
    record(bench, "ours.destroy", (await ours.pulumi(stack, ["destroy", "--yes"])).seconds);
    await ours.removeStack(stack);

    // Like `kubectl delete -f`, which keeps the namespace: a stack in a namespace it did not create.
    const kept = bench.namespace(`ours-kept-r${round}`);
    await bench.kubectl.kubectl(["create", "namespace", kept]);
    const keptStack = `kept-r${round}`;
    await ours.newStack(keptStack, { namespace: kept, createNamespace: "false" }, { basicAuthPassword: PASSWORD });
    await ours.pulumi(keptStack, ["up", "--yes", "--skip-preview"]);
    record(bench, "ours.destroyKeepNamespace", (await ours.pulumi(keptStack, ["destroy", "--yes"])).seconds);
    await ours.removeStack(keptStack);
    await bench.kubectl.deleteNamespaces([kept]);

    const noVerify = `noverify-r${round}`;
    const config = { namespace: bench.namespace(`ours-noverify-r${round}`), verify: "false" };
    await ours.newStack(noVerify, config, { basicAuthPassword: PASSWORD });
    record(bench, "ours.upNoVerify", (await ours.pulumi(noVerify, ["up", "--yes"])).seconds);
    await ours.pulumi(noVerify, ["destroy", "--yes", "--skip-preview"]);
    await ours.removeStack(noVerify);
}

/** N pods: N/5 copies of the five examples, one namespace per copy, with kubectl and through the component. */
export async function scaleRound(bench: Bench, round: number, pods: number) {
    const copies = pods / 5;
    const { kubectl } = bench;
    const namespaces = Array.from({ length: copies }, (_, copy) => bench.namespace(`k${pods}-r${round}-${copy}`));
    record(bench, `scale.${pods}.kubectl.up`, await kubectl.applyAndWaitMany(namespaces));
    record(bench, `scale.${pods}.kubectl.deleteNamespaces`, await kubectl.deleteNamespaces(namespaces));

    const config = { copies: String(copies) };
    const wanted = (variant: string) => bench.scaleVariants === undefined || bench.scaleVariants.includes(variant);
    if (wanted("perPod")) {
        await scaleStack(
            bench,
            `n${pods}-r${round}`,
            { ...config, namespacePrefix: bench.namespace(`s${pods}-r${round}`) },
            {
                up: `scale.${pods}.up`,
                destroy: `scale.${pods}.destroy`,
            },
        );
    }
    // Pulumi's own switch for large stacks on self-managed backends: the state saved once, at the end (an
    // interrupted run then leaves no record of what it created). Measured, offered in the README, never a default.
    if (wanted("skipCheckpoints")) {
        await scaleStack(
            bench,
            `nc${pods}-r${round}`,
            { ...config, namespacePrefix: bench.namespace(`c${pods}-r${round}`) },
            { up: `scale.${pods}.upSkipCheckpoints` },
            { PULUMI_SKIP_CHECKPOINTS: "true" },
        );
    }
    // The component without verification: like kubectl apply + wait, deployed and Ready.
    const noVerify = { ...config, verify: "false", namespacePrefix: bench.namespace(`v${pods}-r${round}`) };
    if (wanted("noVerify"))
        await scaleStack(bench, `nv${pods}-r${round}`, noVerify, { up: `scale.${pods}.upNoVerify` });
    // One PodVerification for all the pods instead of one verification each.
    const group = { ...config, verifyGroup: "true", namespacePrefix: bench.namespace(`pg${pods}-r${round}`) };
    if (wanted("group")) {
        await scaleStack(bench, `pg${pods}-r${round}`, group, {
            up: `scale.${pods}.upGroup`,
            destroy: `scale.${pods}.destroyGroup`,
        });
    }
    // Pulumi alone: the component's resource graph (each pod's objects under an empty component, and a Command
    // that runs `true`), with and without that Command, and with one such Command for all: what the engine
    // charges for it, doing no work.
    const graph = { ...config, variant: "graph", namespacePrefix: bench.namespace(`g${pods}-r${round}`) };
    if (wanted("graph")) await scaleStack(bench, `graph${pods}-r${round}`, graph, { up: `scale.${pods}.graphUp` });
    const graphNoVerify = { ...graph, verify: "false", namespacePrefix: bench.namespace(`gv${pods}-r${round}`) };
    if (wanted("graphNoVerify")) {
        await scaleStack(bench, `graphnv${pods}-r${round}`, graphNoVerify, { up: `scale.${pods}.graphUpNoVerify` });
    }
    const graphGroup = { ...graph, verifyGroup: "true", namespacePrefix: bench.namespace(`gg${pods}-r${round}`) };
    if (wanted("graphGroup")) {
        await scaleStack(bench, `graphg${pods}-r${round}`, graphGroup, { up: `scale.${pods}.graphUpGroup` });
    }
}

/** A new stack of the scale program: `up` timed, `destroy` timed when it has a key, then the stack removed. */
async function scaleStack(
    bench: Bench,
    stack: string,
    config: Record<string, string>,
    keys: { readonly up: string; readonly destroy?: string },
    upEnv: NodeJS.ProcessEnv = {},
) {
    const scale = bench.scale!;
    await scale.newStack(stack, config, { basicAuthPassword: PASSWORD });
    record(bench, keys.up, (await scale.pulumi(stack, ["up", "--yes"], upEnv)).seconds);
    const destroyed = await scale.pulumi(stack, ["destroy", "--yes", ...(keys.destroy ? [] : ["--skip-preview"])]);
    if (keys.destroy) record(bench, keys.destroy, destroyed.seconds);
    await scale.removeStack(stack);
}

/** A Deployment of `replicas` replicas: kubectl apply + rollout status, and through the component (verify on and off). */
export async function replicasRound(bench: Bench, round: number, replicas: number) {
    const { kubectl } = bench;
    const namespace = bench.namespace(`d${replicas}-r${round}`);
    record(bench, `replicas.${replicas}.kubectl.up`, await kubectl.applyDeploymentAndRollout(namespace, replicas));
    await kubectl.deleteNamespaces([namespace]);
    const config = { variant: "deployment", replicas: String(replicas) };
    await scaleStack(
        bench,
        `dep${replicas}-r${round}`,
        { ...config, namespacePrefix: bench.namespace(`sd${replicas}-r${round}`) },
        { up: `replicas.${replicas}.up` },
    );
    const noVerify = { ...config, verify: "false", namespacePrefix: bench.namespace(`sdv${replicas}-r${round}`) };
    await scaleStack(bench, `depnv${replicas}-r${round}`, noVerify, { up: `replicas.${replicas}.upNoVerify` });
}
