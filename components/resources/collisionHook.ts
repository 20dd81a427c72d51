import { execFile } from "child_process";
import * as pulumi from "@pulumi/pulumi";
import {
    ClusterFlags,
    CollisionWayOut,
    COMPONENT_WAY_OUT,
    collisionTarget,
    CreateInputs,
    decideCollision,
    isAlreadyExists,
    LiveMetadata,
} from "../outputs/collision";

/** Runs kubectl with `args`; resolves with its stdout, rejects with its stderr (or why it could not start). */
export type KubectlRunner = (args: readonly string[]) => Promise<string>;

/** How long the hook waits for a leftover object to be deleted (a pod's grace period included). */
const DELETE_TIMEOUT = "120s";

/**
 * An error hook for a failed create of an object whose name exists already. It reads the live object with
 * kubectl, on the provider's cluster (`cluster`: the kubeconfig and context the component's args give), and
 * lets decideCollision judge: an object an interrupted `pulumi up` of this stack created but never recorded
 * (its owner annotation is the one this create carries) is deleted and the create retried; anything else (the
 * kubectl flow's, another stack's, or one it cannot read) is left untouched and the run stops with a message
 * naming whose it is and `wayOut`, printed on `reportOn`. Needs Pulumi CLI 3.217+ and kubectl on PATH.
 */
export function collisionHook(
    name: string,
    reportOn?: pulumi.Resource,
    cluster: ClusterFlags = {},
    kubectl: KubectlRunner = runKubectl,
    wayOut: CollisionWayOut = COMPONENT_WAY_OUT,
): pulumi.ErrorHook {
    return new pulumi.ErrorHook(`${name}-already-exists`, async (args) => {
        if (args.failedOperation !== "create" || !isAlreadyExists(args.errors)) return false;
        const inputs = args.newInputs as CreateInputs | undefined;
        const live = await readLive(kubectl, args.type, inputs, cluster);
        const decision = decideCollision(args.type, inputs, args.errors, live, cluster, wayOut);
        switch (decision?.action) {
            case "retry":
                return true;
            case "recreate":
                await pulumi.log.warn(decision.message, reportOn);
                try {
                    await kubectl([
                        "delete",
                        ...objectArgs(args.type, inputs, cluster),
                        "--ignore-not-found",
                        "--wait=true",
                        `--timeout=${DELETE_TIMEOUT}`,
                    ]);
                } catch (error) {
                    await pulumi.log.error(`deleting the leftover failed: ${String(error)}`, reportOn);
                    return false;
                }
                return true;
            case "stop":
                // Awaited: once the hook returns false the engine fails the update, and a message still in
                // flight can be lost (seen once: the run stopped without it).
                await pulumi.log.error(decision.message, reportOn);
                return false;
            default:
                return false;
        }
    });
}

/** The live object's metadata; null when it does not exist; a string saying why it could not be read. */
async function readLive(
    kubectl: KubectlRunner,
    type: string,
    inputs: CreateInputs | undefined,
    cluster: ClusterFlags,
): Promise<LiveMetadata | null | string> {
    let out: string;
    try {
        // Only the metadata: never a Secret's data.
        out = await kubectl([
            "get",
            ...objectArgs(type, inputs, cluster),
            "--ignore-not-found",
            "-o",
            "jsonpath={.metadata}",
        ]);
    } catch (error) {
        return String(error).trim() || "kubectl failed";
    }
    if (out.trim() === "") return null;
    try {
        return JSON.parse(out) as LiveMetadata;
    } catch {
        return `kubectl printed no metadata: ${out.slice(0, 200)}`;
    }
}

/** KIND NAME [-n NS] [--context C] [--kubeconfig P], as kubectl arguments. */
function objectArgs(type: string, inputs: CreateInputs | undefined, cluster: ClusterFlags): string[] {
    const { kind, name, namespace } = collisionTarget(type, inputs);
    return [
        kind.toLowerCase(),
        name,
        ...(namespace === undefined ? [] : ["-n", namespace]),
        ...(cluster.context === undefined ? [] : ["--context", cluster.context]),
        ...(cluster.kubeconfig === undefined ? [] : ["--kubeconfig", cluster.kubeconfig]),
    ];
}

/** kubectl from PATH, with a 3-minute cap (the delete waits up to DELETE_TIMEOUT). */
const runKubectl: KubectlRunner = (args) =>
    new Promise((resolve, reject) => {
        execFile("kubectl", [...args], { timeout: 180_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
            if (error) reject(new Error(`kubectl ${args[0]}: ${stderr.trim() || error.message}`));
            else resolve(stdout);
        });
    });
