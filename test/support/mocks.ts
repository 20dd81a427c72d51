import * as pulumi from "@pulumi/pulumi";
import * as path from "path";

// Pulumi mocks that record every registered resource, and helpers to evaluate the whole program (index.ts)
// under a given stack config, as `pulumi up` would, but without an engine or a cluster.

export interface RegisteredResource {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, any>;
    readonly provider?: string;
    /** Resource options as the engine would receive them. */
    readonly parent: string;
    readonly dependencies: string[];
    readonly deleteBeforeReplace: boolean;
}

type RegisterRequest = {
    getType(): string;
    getName(): string;
    getParent(): string;
    getDependenciesList(): string[];
    getDeletebeforereplace(): boolean;
};

export const PROJECT = "multi-container-pods";

let latest: RegisteredResource[] = [];

/** What the most recent mocks recorded, also when the program under test threw. */
export const lastRegistered = (): readonly RegisteredResource[] => latest;

/** Installs fresh recording mocks; returns the array new registrations are pushed to. */
export function recordResources(): RegisteredResource[] {
    const registered: RegisteredResource[] = (latest = []);
    const options = new Map<string, Pick<RegisteredResource, "parent" | "dependencies" | "deleteBeforeReplace">>();
    pulumi.runtime.setMocks(
        {
            newResource(args: pulumi.runtime.MockResourceArgs) {
                const recorded = options.get(`${args.type}::${args.name}`)!;
                registered.push({
                    type: args.type,
                    name: args.name,
                    inputs: args.inputs,
                    provider: args.provider,
                    ...recorded,
                });
                const state = { ...args.inputs };
                if (args.type === "kubernetes:core/v1:Pod") {
                    state.metadata = { ...args.inputs.metadata, uid: `uid-of-${args.inputs.metadata?.name}` };
                }
                if (args.type === "command:local:Command") state.stdout = fakeVerifyStdout(args.inputs.create);
                return { id: `${args.name}-id`, state };
            },
            call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
        },
        PROJECT,
        "test",
        false,
    );
    // The mocks' newResource sees no resource options; read them off the request the SDK sends.
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource(req: RegisterRequest, cb: unknown): unknown;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        options.set(`${req.getType()}::${req.getName()}`, {
            parent: req.getParent(),
            dependencies: req.getDependenciesList(),
            deleteBeforeReplace: req.getDeletebeforereplace(),
        });
        return register(req, cb);
    };
    return registered;
}

// What the verification script prints on success: one log section per container it captures.
function fakeVerifyStdout(script: string): string {
    const sections = [...script.matchAll(/kc logs '[^']+' -c '([^']+)'/g)].map(
        (m) => `=== logs: ${m[1]}\nlog of ${m[1]}\n`,
    );
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
