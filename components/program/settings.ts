import type { PodDefinition, SidecarMode } from "../model";
import { dns1123LabelProblem } from "../validation/names";
import { SIDECAR_MODES } from "../build/pod";

// Stack configuration, parsed and checked before any resource is registered. Pure: it reads raw strings
// through `get`, which index.ts backs with pulumi.Config (Pulumi hands every value over as a string).
// Pulumi.yaml gives every optional key the default "" (a declared key without a default is one the CLI
// demands before it runs anything), so "" means unset for every key here.

export interface StackSettings {
    /** Namespace for every object. Default "default". */
    readonly namespace: string;
    /**
     * Whether the program creates (and `pulumi destroy` deletes) `namespace`; false uses an existing one.
     * Default true. "default" is never created.
     */
    readonly createNamespace: boolean;
    /** Kube context for the provider, the printed commands and verification. Default: kubeconfig's current. */
    readonly kubeContext?: string;
    /** Kubeconfig file path. Default: $KUBECONFIG or ~/.kube/config. */
    readonly kubeconfig?: string;
    /** Examples to deploy, in registry order. Default: all. */
    readonly examples: readonly PodDefinition[];
    /** Default "classic". */
    readonly sidecarMode: SidecarMode;
    /** Run the post-deploy verification (needs kubectl on PATH). Default true. */
    readonly verify: boolean;
    /** Lines of each container's log captured by verification. Default 20. */
    readonly logTailLines: number;
    /** User for the security example's basic authentication. Default "demo". */
    readonly basicAuthUser: string;
}

/** A config value, or undefined when the key is unset or holds the declared default "". */
export function configValue(raw: string | undefined): string | undefined {
    return raw === undefined || raw.trim() === "" ? undefined : raw;
}

export class InvalidConfigError extends Error {
    constructor(key: string, message: string) {
        super(`config key "${key}": ${message}`);
        this.name = "InvalidConfigError";
    }
}

export function readStackSettings(
    getRaw: (key: string) => string | undefined,
    available: readonly PodDefinition[],
): StackSettings {
    const get = (key: string) => configValue(getRaw(key));
    const namespace = get("namespace") ?? "default";
    const namespaceProblem = dns1123LabelProblem(namespace);
    if (namespaceProblem) throw new InvalidConfigError("namespace", namespaceProblem);
    const sidecarMode = get("sidecarMode") ?? "classic";
    if (!SIDECAR_MODES.includes(sidecarMode as SidecarMode)) {
        throw new InvalidConfigError("sidecarMode", `"${sidecarMode}" must be one of: ${SIDECAR_MODES.join(", ")}`);
    }
    const basicAuthUser = get("basicAuthUser") ?? "demo";
    // nginx's user file is `user:hash` lines: a ':' or a line break would end the name early.
    if (/[:\r\n]/.test(basicAuthUser)) {
        throw new InvalidConfigError(
            "basicAuthUser",
            `${JSON.stringify(basicAuthUser)} must not contain ':' or a line break`,
        );
    }
    return {
        namespace,
        createNamespace: parseBoolean("createNamespace", get("createNamespace"), true),
        kubeContext: get("kubeContext"),
        kubeconfig: get("kubeconfig"),
        examples: selectExamples(get("examples"), available),
        sidecarMode: sidecarMode as SidecarMode,
        verify: parseBoolean("verify", get("verify"), true),
        logTailLines: parsePositiveInteger("logTailLines", get("logTailLines"), 20),
        basicAuthUser,
    };
}

/**
 * `examples` is a comma-separated string (`pulumi config set examples a,b`, as Pulumi.yaml declares it); a
 * JSON list (what `pulumi config set --path 'examples[0]' a` would store) is accepted too.
 */
function selectExamples(raw: string | undefined, available: readonly PodDefinition[]): PodDefinition[] {
    if (raw === undefined) return [...available];
    let names: unknown;
    if (/^\s*[[{]/.test(raw)) {
        try {
            names = JSON.parse(raw);
        } catch {
            throw new InvalidConfigError("examples", `${raw} is not a JSON list of example names`);
        }
    } else {
        names = raw
            .split(",")
            .map((name) => name.trim())
            .filter((name) => name !== "");
    }
    if (!Array.isArray(names) || names.some((name) => typeof name !== "string")) {
        throw new InvalidConfigError("examples", `${raw} must be a list of example names`);
    }
    const known = available.map((def) => def.name);
    const unknown = names.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
        throw new InvalidConfigError(
            "examples",
            `unknown example ${unknown.map((n) => `"${n}"`).join(", ")}; known: ${known.join(", ")}`,
        );
    }
    if (names.length === 0) throw new InvalidConfigError("examples", "the list is empty; unset the key to deploy all");
    return available.filter((def) => names.includes(def.name));
}

function parseBoolean(key: string, raw: string | undefined, fallback: boolean): boolean {
    if (raw === undefined) return fallback;
    if (raw === "true" || raw === "false") return raw === "true";
    throw new InvalidConfigError(key, `"${raw}" must be true or false`);
}

function parsePositiveInteger(key: string, raw: string | undefined, fallback: number): number {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
        throw new InvalidConfigError(key, `"${raw}" must be a whole number above 0`);
    return value;
}
