import { spawnSync } from "child_process";
import type { KubectlTarget } from "../commands/kubectl";
import type { PodDefinition, SidecarMode } from "../model";
import { effectiveSidecarMode } from "../model/helpers";
import { PROBE_CONTAINER, probePod, serverVersionArgs, sidecarProbeArgs } from "../commands/sidecarProbe";
import { parseServerVersion, probeProblem, versionProblem } from "../validation/sidecarSupport";

// The native-sidecar preflight: before the program registers anything that runs native sidecars, ask the
// stack's cluster (its kubeconfig and context, as the provider uses them) whether native sidecars can work
// there, so a cluster without them stops `pulumi preview`/`up` with one line instead of leaving pods in Init for
// ten minutes. Synchronous (two short kubectl calls, each capped at 10 s): the program registers nothing until
// it is answered. Without kubectl, or when the cluster cannot be asked, it is skipped with a warning: the
// provider, which needs no kubectl, then says what is wrong with the cluster itself.

export type PreflightResult =
    | { readonly kind: "ok"; readonly version: string }
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

    const versionRun = run(serverVersionArgs(target), env);
    if (versionRun.missing) return skipped("kubectl is not on PATH");
    const version = parseServerVersion(versionRun.stdout);
    if (typeof version === "string") {
        return skipped(versionRun.status === 0 ? version : `kubectl version: ${firstLine(versionRun.stderr)}`);
    }
    const tooOld = versionProblem(version);
    if (tooOld !== undefined) return refused(tooOld);

    // In the stack's namespace; one the program has yet to create does not exist, so then in "default".
    const probe = JSON.stringify(probePod());
    let dryRun = run(sidecarProbeArgs(target), env, probe);
    if (dryRun.status !== 0 && /namespaces? "[^"]*" not found/.test(dryRun.stderr)) {
        dryRun = run(sidecarProbeArgs({ ...target, namespace: "default" }), env, probe);
    }
    if (dryRun.status !== 0) return skipped(`the dry run of a probe pod failed: ${firstLine(dryRun.stderr)}`);
    let returned: unknown;
    try {
        returned = JSON.parse(dryRun.stdout);
    } catch {
        return skipped("the dry run of a probe pod printed no JSON");
    }
    const dropped = probeProblem(returned, PROBE_CONTAINER, version);
    return dropped === undefined ? { kind: "ok", version: version.text } : refused(dropped);
}
