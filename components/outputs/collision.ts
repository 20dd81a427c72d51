import { shellQuote } from "../commands/kubectl";
import { INSTANCE_LABEL, OWNER_ANNOTATION } from "../build/labels";

// What to do when creating an object fails because one of that name exists already, decided from the live
// object's labels and annotations. The pods have the seed's fixed names, so a stack collides with the same
// example applied with kubectl (no instance label), with another stack in the same namespace
// (another instance label), and with what an interrupted `pulumi up` of this very stack left behind: objects it
// created but never recorded, which carry this stack's owner annotation. Only those are deleted and created
// again; anything else stops the run untouched, with a message naming whose it is. Pure: the component's error
// hook (resources/collisionHook.ts) reads the live object and acts on the decision.

/** The live object's metadata as `kubectl get -o jsonpath={.metadata}` prints it. */
export interface LiveMetadata {
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    /** Set while the object is being deleted. */
    readonly deletionTimestamp?: string;
}

/** The kubeconfig and context of the Kubernetes provider, as the component's args give them. */
export interface ClusterFlags {
    readonly context?: string;
    readonly kubeconfig?: string;
}

/** The object the failed create was for, as the engine hands its inputs to the error hook. */
export interface CreateInputs {
    readonly metadata?: {
        readonly name?: unknown;
        readonly namespace?: unknown;
        readonly labels?: Record<string, unknown>;
        readonly annotations?: Record<string, unknown>;
    };
}

export type CollisionDecision =
    /** An interrupted update of this stack created it: delete it, then create it again. */
    | { readonly action: "recreate"; readonly message: string }
    /** It is gone by now (or going, ours): create it again. */
    | { readonly action: "retry" }
    /** Not ours, or not known to be: change nothing, fail with `message`. */
    | { readonly action: "stop"; readonly message: string };

/**
 * The way out printed after "Nothing was changed.", for an object of `kind`. The library's speaks of the
 * component's arguments; a program may pass its own (index.ts speaks of its stack config).
 */
export type CollisionWayOut = (kind: string) => string;

export const COMPONENT_WAY_OUT: CollisionWayOut = (kind) =>
    kind === "Namespace"
        ? "Deploy into it without creating it, or choose another namespace."
        : "Give the MultiContainerPod another `namespace` argument, or its definition another `name`.";

/** How often a create is retried after deleting a leftover before the hook gives up. */
export const MAX_RECREATE_ATTEMPTS = 3;

/** Whether the provider's errors say the object exists already. */
export const isAlreadyExists = (errors: readonly string[]): boolean =>
    errors.length > 0 && errors[0].includes("already exists");

/** What the object is, for messages and for kubectl: its kind, name and namespace (none for a Namespace). */
export function collisionTarget(type: string, inputs: CreateInputs | undefined) {
    const kind = type.slice(type.lastIndexOf(":") + 1);
    const name = String(inputs?.metadata?.name ?? "");
    const namespace = kind === "Namespace" ? undefined : String(inputs?.metadata?.namespace ?? "default");
    return { kind, name, namespace };
}

/** `kubectl VERB KIND NAME [-n NS] [--context C] [--kubeconfig P]` as printed for a user to run. */
export function collisionCommand(
    verb: string,
    type: string,
    inputs: CreateInputs | undefined,
    cluster: ClusterFlags,
    options: readonly string[] = [],
): string {
    const { kind, name, namespace } = collisionTarget(type, inputs);
    return [
        "kubectl",
        verb,
        kind.toLowerCase(),
        name,
        ...(namespace === undefined ? [] : ["-n", namespace]),
        ...options,
        ...(cluster.context === undefined ? [] : ["--context", cluster.context]),
        ...(cluster.kubeconfig === undefined ? [] : ["--kubeconfig", cluster.kubeconfig]),
    ]
        .map(shellQuote)
        .join(" ");
}

/**
 * The decision for a failed create of `type` with `inputs`: undefined unless it failed because the object
 * exists. `live` is the object's metadata, null when it no longer exists, or a string saying why it could not
 * be read. `attempts` counts the creates that failed so far (the hook's `errors`).
 */
export function decideCollision(
    type: string,
    inputs: CreateInputs | undefined,
    errors: readonly string[],
    live: LiveMetadata | null | string,
    cluster: ClusterFlags = {},
    wayOut: CollisionWayOut = COMPONENT_WAY_OUT,
): CollisionDecision | undefined {
    if (!isAlreadyExists(errors)) return undefined;
    const { kind, name, namespace } = collisionTarget(type, inputs);
    const where = namespace === undefined ? `${kind} ${name}` : `${kind} ${name} in namespace ${namespace}`;
    const instance = stringOf(inputs?.metadata?.labels?.[INSTANCE_LABEL]);
    const owner = stringOf(inputs?.metadata?.annotations?.[OWNER_ANNOTATION]);
    const look = collisionCommand("get", type, inputs, cluster, ["-o", "jsonpath={.metadata}"]);
    const remove = collisionCommand("delete", type, inputs, cluster);
    const elsewhere = wayOut(kind);
    const stop = (whose: string): CollisionDecision => ({
        action: "stop",
        message: `${where} already exists, and this stack did not create it: ${whose} Nothing was changed. ${elsewhere}`,
    });

    if (typeof live === "string") {
        return {
            action: "stop",
            message:
                `${where} already exists, and this stack has no record of it; reading it to tell whose it is failed ` +
                `(${live}). Nothing was changed. Look: ${look}. If its ${OWNER_ANNOTATION} annotation is ` +
                `${JSON.stringify(owner ?? "")}, an interrupted \`pulumi up\` of this stack left it behind: delete it ` +
                `(${remove}) and run \`pulumi up\` again. Otherwise it was applied with kubectl or another tool, ` +
                `or by another stack. ${elsewhere}`,
        };
    }
    if (live === null) return { action: "retry" };
    const liveOwner = live.annotations?.[OWNER_ANNOTATION];
    const liveInstance = live.labels?.[INSTANCE_LABEL];
    if (owner !== undefined && liveOwner === owner) {
        if (errors.length > MAX_RECREATE_ATTEMPTS) {
            return {
                action: "stop",
                message:
                    `${where} was left behind by an interrupted update of this stack, and creating it again failed ` +
                    `${errors.length} times. Look: ${look}; delete it (${remove}) and run \`pulumi up\` again.`,
            };
        }
        if (live.deletionTimestamp !== undefined) return { action: "retry" };
        return {
            action: "recreate",
            message:
                `${where} was created by an interrupted update of this stack (its ${OWNER_ANNOTATION} annotation ` +
                "is this resource's) but never recorded in the stack's state: deleting it and creating it again.",
        };
    }
    if (liveInstance === undefined) {
        return stop(
            `it has no ${INSTANCE_LABEL} label, so it was ` +
                (kind === "Namespace"
                    ? "made outside Pulumi (kubectl create namespace, or another tool)."
                    : "applied with kubectl or another tool."),
        );
    }
    if (instance === undefined || liveInstance !== instance) {
        return stop(
            `its ${INSTANCE_LABEL} label is ${JSON.stringify(liveInstance)}` +
                (instance === undefined ? "" : `, this stack's is ${JSON.stringify(instance)}`) +
                ", so another stack deployed it.",
        );
    }
    if (liveOwner !== undefined) {
        return stop(
            `it carries this stack's ${INSTANCE_LABEL} label, but another resource of the stack owns it ` +
                `(${OWNER_ANNOTATION}: ${JSON.stringify(liveOwner)}). Give the two different names.`,
        );
    }
    return {
        action: "stop",
        message:
            `${where} already exists with this stack's ${INSTANCE_LABEL} label but no ${OWNER_ANNOTATION} ` +
            "annotation: an interrupted `pulumi up` of a version of this program from before that annotation left " +
            "it behind, or a stack of the same name on another backend deployed it. Nothing was changed. If it is " +
            `this stack's leftover, delete it (${remove}) and run \`pulumi up\` again.`,
    };
}

const stringOf = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
