import { SidecarMode } from "../model";
import { dns1123LabelProblem, labelValueProblem } from "./names";

// The checks of MultiContainerPod's own arguments (the definition has validate.ts), before anything is
// registered. They matter most where no type checker runs: a Pulumi YAML program or another language passes
// whatever its author typed ("Native", tailLines: 0), and the API server or the verification script would
// fail much later, or, worse, silently do something else.

/** What validateComponentArgs reads: MultiContainerPodArgs' plain fields, as any language may pass them. */
export interface ComponentArgsToCheck {
    readonly instance?: unknown;
    readonly sidecarMode?: unknown;
    /** Only checked when it is a plain string (it may be another resource's output). */
    readonly namespace?: unknown;
    readonly kubeContext?: unknown;
    readonly kubeconfig?: unknown;
    readonly verify?: unknown;
    readonly collisionHints?: unknown;
    readonly verifyOptions?: unknown;
}

/** Each verification option the validator knows, with the rule its value must meet. */
const VERIFY_OPTION_RULES: Record<string, { readonly test: (value: number) => boolean; readonly rule: string }> = {
    tailLines: { test: (v) => Number.isInteger(v) && v >= 1 && v <= 100_000, rule: "a whole number from 1 to 100000" },
    waitTimeoutSeconds: {
        test: (v) => Number.isInteger(v) && v >= 1 && v <= 3600,
        rule: "a whole number of seconds from 1 to 3600",
    },
    attempts: { test: (v) => Number.isInteger(v) && v >= 1 && v <= 1000, rule: "a whole number from 1 to 1000" },
    retryDelaySeconds: { test: (v) => v >= 0 && v <= 60, rule: "a number of seconds from 0 to 60" },
};

const SIDECAR_MODES: readonly string[] = Object.values(SidecarMode);

/** Every problem of `args`, each naming the argument; empty when they are fine. */
export function componentArgsProblems(args: ComponentArgsToCheck): string[] {
    const problems: string[] = [];
    const add = (argument: string, message: string | undefined) => message && problems.push(`${argument}: ${message}`);
    if (args.instance !== undefined) {
        add(
            "instance",
            typeof args.instance !== "string"
                ? `must be a string, not ${shown(args.instance)}`
                : args.instance === ""
                  ? "must not be empty: it is the label the Service selects the pod by"
                  : labelValueProblem(args.instance),
        );
    }
    if (args.sidecarMode !== undefined && !SIDECAR_MODES.includes(args.sidecarMode as string)) {
        add(
            "sidecarMode",
            `${shown(args.sidecarMode)} must be one of ${SIDECAR_MODES.map((m) => `"${m}"`).join(", ")} (lowercase)`,
        );
    }
    if (typeof args.namespace === "string") add("namespace", dns1123LabelProblem(args.namespace));
    for (const key of ["kubeContext", "kubeconfig"] as const) {
        const value = args[key];
        if (value !== undefined && (typeof value !== "string" || value === "")) {
            add(key, `must be a non-empty string, not ${shown(value)} (leave it out for kubectl's default)`);
        }
    }
    for (const key of ["verify", "collisionHints"] as const) {
        const value = args[key];
        if (value !== undefined && typeof value !== "boolean") add(key, `must be true or false, not ${shown(value)}`);
    }
    const options = args.verifyOptions;
    if (options !== undefined) {
        if (options === null || typeof options !== "object" || Array.isArray(options)) {
            add("verifyOptions", `must be an object, not ${shown(options)}`);
        } else {
            for (const [key, { test, rule }] of Object.entries(VERIFY_OPTION_RULES)) {
                const value = (options as Record<string, unknown>)[key];
                if (value === undefined) continue;
                if (typeof value !== "number" || !Number.isFinite(value) || !test(value)) {
                    add(`verifyOptions.${key}`, `${shown(value)} must be ${rule}`);
                }
            }
        }
    }
    return problems;
}

/** Throws one Error naming the component and every bad argument. */
export function validateComponentArgs(component: string, args: ComponentArgsToCheck): void {
    const problems = componentArgsProblems(args);
    if (problems.length === 0) return;
    throw new Error(
        `MultiContainerPod ${component}: invalid argument${problems.length > 1 ? "s" : ""}: ${problems.join("; ")}`,
    );
}

const shown = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : String(value));
