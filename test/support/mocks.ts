import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import type { PodDefinition } from "../../components/model";
import { evidenceRules } from "../../components/model/helpers";
import { RANDOM_HEX_COMMAND } from "../../components/resources/credentials";
import { SCRIPT_ID_ENV } from "../../components/verify/scriptStore";
import { allExamples } from "../../examples";
import { FakeCluster, runWithFakeKubectl } from "./fakeKubectl";
import { fakeClusterActive, onFakeCluster } from "./fakeSidecarKubectl";
import { scriptOf } from "./scriptCache";

// Pulumi mocks that record every registered resource, and helpers to evaluate the whole program (index.ts)
// under a given stack config, as `pulumi up` would, but without an engine or a cluster.

export interface RegisteredResource {
    readonly type: string;
    readonly name: string;
    /** The inputs with secrets unwrapped; `secrets` lists where they were. */
    readonly inputs: Record<string, any>;
    /** Dotted paths of the inputs that reached the engine as secrets, e.g. `stringData.htpasswd`. */
    readonly secrets: string[];
    readonly provider?: string;
    /** Resource options as the engine would receive them. */
    readonly parent: string;
    readonly dependencies: string[];
    readonly deleteBeforeReplace: boolean;
    readonly replaceOnChanges: string[];
    /** Names of the error hooks bound to it. */
    readonly errorHooks: string[];
    /** The types of its aliases (earlier type tokens it answers to). */
    readonly aliasTypes: string[];
}

type RegisterRequest = {
    getType(): string;
    getName(): string;
    getParent(): string;
    getDependenciesList(): string[];
    getDeletebeforereplace(): boolean;
    getReplaceonchangesList(): string[];
    getHooks(): { getOnErrorList(): string[] } | undefined;
    getAliasesList(): { getSpec(): { getType(): string } | undefined }[];
};

/** What the mocked random generator (components/resources/credentials.ts) "drew": 16 password bytes, 8 salt bytes. */
export const FAKE_RANDOM_HEX = "00112233445566778899aabbccddeeff" + "0123456789abcdef";

export const PROJECT = "multi-container-pods";

let latest: RegisteredResource[] = [];

/** What the most recent mocks recorded, also when the program under test threw. */
export const lastRegistered = (): readonly RegisteredResource[] => latest;

/**
 * Installs fresh recording mocks; returns the array new registrations are pushed to. Each resource's state is
 * its inputs, in clear; with `secretOutputs` its secret inputs stay secret in it, as a real provider returns
 * them (a workload's whole `metadata` output is then secret when any input in it is).
 */
export function recordResources(mode: { secretOutputs?: boolean } = {}): RegisteredResource[] {
    const registered: RegisteredResource[] = (latest = []);
    // Pod uid → the names of the containers the "cluster" runs: what the registered pod spec holds.
    const podContainers = new Map<string, { name: string; uid: string; containers: string[] }>();
    const options = new Map<
        string,
        Pick<
            RegisteredResource,
            "parent" | "dependencies" | "deleteBeforeReplace" | "replaceOnChanges" | "errorHooks" | "aliasTypes"
        >
    >();
    pulumi.runtime.setMocks(
        {
            newResource(args: pulumi.runtime.MockResourceArgs) {
                const recorded = options.get(`${args.type}::${args.name}`)!;
                const secrets: string[] = [];
                const inputs = unwrapSecrets(args.inputs, "", secrets);
                registered.push({
                    type: args.type,
                    name: args.name,
                    inputs,
                    secrets,
                    provider: args.provider,
                    ...recorded,
                });
                const returned = mode.secretOutputs ? args.inputs : inputs;
                const state = { ...returned };
                if (WORKLOAD_TYPES.test(args.type)) {
                    // A controller without a name is named by Pulumi: the mocks keep its resource name. (Read
                    // off the unwrapped inputs: a secret annotation makes the whole metadata a secret.)
                    const name = inputs.metadata?.name ?? args.name;
                    const uid = `uid-of-${name}`;
                    const metadata = { ...inputs.metadata, name, uid };
                    const secretMetadata = secrets.some((at) => at === "metadata" || at.startsWith("metadata."));
                    state.metadata = mode.secretOutputs && secretMetadata ? pulumi.secret(metadata) : metadata;
                    const spec =
                        inputs.spec?.jobTemplate?.spec?.template?.spec ??
                        inputs.spec?.template?.spec ??
                        inputs.spec ??
                        {};
                    podContainers.set(uid, {
                        name: inputs.metadata?.labels?.["app.kubernetes.io/name"] ?? name,
                        uid,
                        containers: [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map(
                            (c: any) => c.name,
                        ),
                    });
                }
                if (args.type === "command:local:Command") {
                    const script = inputs.environment?.[SCRIPT_ID_ENV];
                    state.stdout =
                        args.inputs.create === RANDOM_HEX_COMMAND
                            ? FAKE_RANDOM_HEX
                            : script !== undefined && !Array.isArray(inputs.triggers?.[0])
                              ? runVerification(inputs, podContainers.get(inputs.triggers?.[0]))
                              : // A PodVerification's (its trigger is the list of uids): groupScript.test.ts runs its script.
                                "";
                }
                return { id: `${args.name}-id`, state };
            },
            call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
        },
        PROJECT,
        "test",
        false,
    );
    // The mocks' newResource sees no resource options; read them off the RegisterResource request the SDK
    // sends the engine (its gRPC protocol, pulumi/proto/resource.proto), which is what the engine acts on.
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource(req: RegisterRequest, cb: unknown): unknown;
        registerErrorHook?(req: unknown, cb: (err: Error | null, res: unknown) => void): void;
    };
    // The engine records error hooks; the mock monitor has no such call, so accept every registration.
    monitor.registerErrorHook = (_req, cb) => cb(null, {});
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        options.set(`${req.getType()}::${req.getName()}`, {
            parent: req.getParent(),
            dependencies: req.getDependenciesList(),
            deleteBeforeReplace: req.getDeletebeforereplace(),
            replaceOnChanges: req.getReplaceonchangesList(),
            errorHooks: req.getHooks()?.getOnErrorList() ?? [],
            aliasTypes: req.getAliasesList().flatMap((alias) => alias.getSpec()?.getType() || []),
        });
        return register(req, cb);
    };
    return registered;
}

/** `value` without the SDK's secret wrappers (pulumi.runtime.isRpcSecret), noting each wrapped path. */
function unwrapSecrets(value: any, at: string, found: string[]): any {
    if (pulumi.runtime.isRpcSecret(value)) {
        found.push(at);
        return unwrapSecrets(pulumi.runtime.unwrapRpcSecret(value), at, found);
    }
    if (Array.isArray(value)) return value.map((item, i) => unwrapSecrets(item, `${at}[${i}]`, found));
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value).map(([key, item]) => [key, unwrapSecrets(item, at ? `${at}.${key}` : key, found)]),
        );
    }
    return value;
}

/** The workload kinds whose pods verification checks: the bare Pod and the controllers. */
const WORKLOAD_TYPES =
    /^kubernetes:(core\/v1:Pod|apps\/v1:(Deployment|StatefulSet|DaemonSet)|batch\/v1:(Job|CronJob))$/;

/** The log line every container of the fake cluster prints first: `log of <container>`. */
export const fakeLogLine = (container: string) => `log of ${container}`;

const extraClusters = new Map<string, FakeCluster>();

/**
 * What the fake cluster answers for pod `podName` beyond its default logs (by default, lines and responses that
 * satisfy the evidence of the bundled example of that name, see evidenceCluster). Cleared by clearFakeClusters.
 */
export function setFakeCluster(podName: string, cluster: FakeCluster): void {
    extraClusters.set(podName, cluster);
}

export function clearFakeClusters(): void {
    extraClusters.clear();
}

/**
 * Log lines and HTTP responses that satisfy `def`'s evidence, as a working pod would print and answer them:
 * a logLine's text as `evidence: TEXT`, a relayed marker as `relayed: MARKER` in both logs, an HTTP rule's
 * expected text as the response of its container (with or without the credentials).
 */
export function evidenceCluster(def: PodDefinition): FakeCluster {
    const logs: Record<string, string> = {};
    const http: Record<string, string> = {};
    const httpWithAuth: Record<string, string> = {};
    const append = (to: Record<string, string>, key: string, line: string) => (to[key] = `${to[key] ?? ""}${line}\n`);
    for (const rule of evidenceRules(def)) {
        if (rule.kind === "logLine") append(logs, rule.container, `evidence: ${rule.text}`);
        if (rule.kind === "relayedLine") {
            append(logs, rule.from, `relayed: ${rule.marker}`);
            append(logs, rule.to, `relayed: ${rule.marker}`);
        }
        if (rule.kind === "http") append(rule.credentials ? httpWithAuth : http, rule.via, rule.expect);
    }
    return { logs, http, httpWithAuth };
}

/**
 * The stdout of the registered verification script, run for real (as the Command would) against the fake
 * kubectl. The fake cluster's containers are the registered pod's, each printing `log of <name>` and whatever
 * the evidence needs: so the `logs` output shows what the script's capture and the component's parsing make
 * of a pod, not an echo of the script's own container list. A script that fails makes the registration fail.
 */
function runVerification(
    inputs: Record<string, any>,
    pod: { name: string; uid: string; containers: string[] } | undefined,
): string {
    if (!pod) throw new Error("mocks: a verification Command that triggers on no registered pod");
    const example = allExamples.find((def) => def.name === pod.name);
    const extra = extraClusters.get(pod.name) ?? (example ? evidenceCluster(example) : {});
    const logs = Object.fromEntries(
        pod.containers.map((name) => [name, `${fakeLogLine(name)}\n${extra.logs?.[name] ?? ""}`]),
    );
    const stdin: string = inputs.stdin ?? "";
    const run = runWithFakeKubectl(
        scriptOf({ inputs }),
        { ...extra, logs, auth: stdin.trim(), uid: pod.uid },
        // The rest of the Command's environment (a kubeconfig given as content) reaches the script too.
        {
            stdin,
            env: Object.fromEntries(
                Object.entries(inputs.environment).filter(([key]) => key !== SCRIPT_ID_ENV),
            ) as Record<string, string>,
        },
    );
    if (run.status !== 0) throw new Error(`verification of ${pod.name} failed (${run.status}): ${run.stderr}`);
    return run.stdout;
}

export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** Stack config as `pulumi config` would hold it; keys without the project prefix. */
export type StackConfig = Record<string, string>;

export interface ProgramRun {
    readonly resources: RegisteredResource[];
    readonly outputs: Record<string, unknown>;
}

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Evaluates index.ts under fresh mocks and `config`, waits for every output, and returns what it registered
 * and exported. The project's modules are reloaded each time, as each `pulumi up` starts a new process.
 */
export async function runProgram(config: StackConfig = {}, secretKeys: string[] = []): Promise<ProgramRun> {
    // The program asks the cluster before it deploys native sidecars (components/program/sidecarPreflight.ts):
    // unless the test set up a cluster of its own, a fake 1.34 answers, never a real kubectl.
    if (!fakeClusterActive()) return onFakeCluster({ minor: "34" }, () => runProgram(config, secretKeys));
    const resources = recordResources();
    pulumi.runtime.setAllConfig(
        Object.fromEntries(Object.entries(config).map(([key, value]) => [`${PROJECT}:${key}`, value])),
        secretKeys.map((key) => `${PROJECT}:${key}`),
    );
    for (const file of Object.keys(require.cache)) {
        if (
            file.startsWith(ROOT) &&
            !file.includes(`${path.sep}node_modules${path.sep}`) &&
            !file.includes(`${path.sep}test${path.sep}`)
        ) {
            delete require.cache[file];
        }
    }
    const program = await import(path.join(ROOT, "index.ts"));
    const outputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(program)) {
        if (key !== "default" && key !== "__esModule") outputs[key] = await promiseOf(pulumi.output(value));
    }
    return { resources, outputs };
}

/** A password config value as `pulumi config set --secret` leaves it for the program. */
export const WITH_PASSWORD: StackConfig = { basicAuthPassword: "s3cret-test-password" };

/** Every key Pulumi.yaml declares with the default "" the CLI hands the program when the stack sets none. */
export const DECLARED_EMPTY: StackConfig = { kubeContext: "", kubeconfig: "", examples: "" };

/**
 * For the enclosing describe: the stack's config turns server-side apply off for the default Kubernetes provider
 * (`kubernetes:enableServerSideApply false`), so the component accepts being registered without a provider, as
 * these tests register it. test/components/resources/providerCheck.test.ts covers the refusal. "all": set once for
 * the whole describe, so that nested suites' `before` hooks (which run ahead of any beforeEach) have it too.
 */
export function defaultProviderClientSide(scope: "each" | "all" = "each"): void {
    let before: Record<string, string>;
    const [set, restore] = scope === "each" ? [beforeEach, afterEach] : [global.before, global.after];
    set(() => {
        before = pulumi.runtime.allConfig();
        pulumi.runtime.setAllConfig({ ...before, "kubernetes:enableServerSideApply": "false" });
    });
    restore(() => pulumi.runtime.setAllConfig(before));
}
