import { spawnSync } from "child_process";
import type { KubectlTarget } from "../commands/kubectl";
import type { PodDefinition, SidecarMode } from "../model";
import { effectiveSidecarMode } from "../model/helpers";
import { PROBE_CONTAINER, probePod, serverVersionArgs, sidecarProbeArgs } from "../commands/sidecarProbe";
import { KubernetesVersion, parseServerVersion, probeProblem, versionProblem } from "../validation/sidecarSupport";

// The native-sidecar preflight: before the program registers anything that runs native sidecars, ask the
// stack's cluster (its kubeconfig and context, as the provider uses them) whether native sidecars can work
// there, so a cluster without them stops `pulumi preview`/`up` with one line instead of leaving pods in Init for
// ten minutes. Synchronous (one short kubectl call, a second only to explain a refusal, each capped at 10 s):
// the program registers nothing until it is answered. Without kubectl, or when the cluster cannot be asked, it is skipped with a warning: the
// provider, which needs no kubectl, then says what is wrong with the cluster itself.

export type PreflightResult =
    | { readonly kind: "ok" }
    | { readonly kind: "refused"; readonly message: string }
    | { readonly kind: "skipped"; readonly reason: string };

interface Ran {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly missing: boolean;
}

function run(args: readonly string[], env: NodeJS.ProcessEnv, input = ""): Ran {
    const out = spawnSync("kubectl", args, { env, input, encoding: "utf8", timeout: 20_000 });
    const missing = (out.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
    return { status: out.error ? null : out.status, stdout: out.stdout ?? "", stderr: out.stderr ?? "", missing };
}

const firstLine = (text: string) => text.trim().split("\n")[0] ?? "";

/** The definitions whose sidecars would run as native sidecars: the ones the preflight is for. */
export const nativeSidecarUsers = (defs: readonly PodDefinition[], mode: SidecarMode): string[] =>
    defs
        .filter((def) => (def.sidecars ?? []).length > 0 && effectiveSidecarMode(def, mode) === "native")
        .map((d) => d.name);

/**
 * `target` (namespace, context, kubeconfig) is the stack's; `users` the definitions with native sidecars (named in
 * the message); `env` the environment kubectl runs in.
 */
export function nativeSidecarPreflight(
    target: KubectlTarget,
    users: readonly string[],
    env: NodeJS.ProcessEnv = process.env,
): PreflightResult {
    const where = target.context === undefined ? "" : ` (context ${target.context})`;
    const refused = (problem: string): PreflightResult => ({
        kind: "refused",
        message:
            `native sidecars (in ${users.join(", ")}) cannot work on this cluster${where}: ${problem}. ` +
            `Use sidecarMode classic; a definition that pins native sidecars (a Job's) needs a newer cluster.`,
    });
    const skipped = (why: string): PreflightResult => ({
        kind: "skipped",
        reason: `the preflight that checks this cluster can run native sidecars (in ${users.join(", ")}) was skipped: ${why}`,
    });

    // In the stack's namespace; one the program has yet to create does not exist, so then in "default".
    const probe = JSON.stringify(probePod());
    let dryRun = run(sidecarProbeArgs(target), env, probe);
    if (dryRun.missing) return skipped("kubectl is not on PATH");
    if (dryRun.status !== 0 && /namespaces? "[^"]*" not found/.test(dryRun.stderr)) {
        dryRun = run(sidecarProbeArgs({ ...target, namespace: "default" }), env, probe);
    }
    // The server's version is asked only when the dry run does not settle it alone: a release too old to know the
    // field may reject it instead of dropping it, and a refusal names the release. A cluster that keeps the field
    // costs one kubectl call, on every preview.
    const version = (): KubernetesVersion | undefined => {
        const parsed = parseServerVersion(run(serverVersionArgs(target), env).stdout);
        return typeof parsed === "string" ? undefined : parsed;
    };
    if (dryRun.status !== 0) {
        const known = version();
        const tooOld = known && versionProblem(known);
        return tooOld ? refused(tooOld) : skipped(`the dry run of a probe pod failed: ${firstLine(dryRun.stderr)}`);
    }
    let returned: unknown;
    try {
        returned = JSON.parse(dryRun.stdout);
    } catch {
        return skipped("the dry run of a probe pod printed no JSON");
    }
    if (probeProblem(returned, PROBE_CONTAINER) === undefined) return { kind: "ok" };
    const known = version();
    return refused((known && versionProblem(known)) || probeProblem(returned, PROBE_CONTAINER, known)!);
}
