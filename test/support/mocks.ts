import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { RANDOM_HEX_COMMAND } from "../../components/resources/credentials";
import { LOG_LINE_PREFIX, LOG_SECTION_PREFIX, SCRIPT_ENV } from "../../components/verify/script";

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

/** Installs fresh recording mocks; returns the array new registrations are pushed to. */
export function recordResources(): RegisteredResource[] {
    const registered: RegisteredResource[] = (latest = []);
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
                const state = { ...inputs };
                if (args.type === "kubernetes:core/v1:Pod") {
                    state.metadata = { ...args.inputs.metadata, uid: `uid-of-${args.inputs.metadata?.name}` };
                }
                if (args.type === "command:local:Command") {
                    const script = inputs.environment?.[SCRIPT_ENV];
                    state.stdout =
                        args.inputs.create === RANDOM_HEX_COMMAND
                            ? FAKE_RANDOM_HEX
                            : script !== undefined
                              ? fakeVerifyStdout(script)
                              : "";
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

// What the verification script prints on success: one log section per container it captures (the names it
// splits the log into).
function fakeVerifyStdout(script: string): string {
    const names = /-v names='([^']*)'/.exec(script)?.[1].split(" ") ?? [];
    const sections = names.map((name) => `${LOG_SECTION_PREFIX}${name}\n${LOG_LINE_PREFIX}log of ${name}\n`);
    return `${sections.join("")}=== verified\n`;
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
