import * as pulumi from "@pulumi/pulumi";
import { WorkloadKind } from "../model";
import type { SidecarAttachment, WorkloadMatch } from "../model/attachment";
import { addSidecars, SidecarAttachmentError } from "../build/addSidecars";
import { assertValidAttachment, formatAttachmentIssue } from "../validation/attachment";

// Sidecars added to workloads a program already has, as a Pulumi resource transform: for a whole stack
// (pulumi.runtime.registerResourceTransform) or for a component's children (the `transforms` option), Helm
// charts included (k8s.helm.v4.Chart's objects pass through both). The work is addSidecars, on the resource's
// inputs; removing the transform removes the sidecars at the next `pulumi up`, as the inputs no longer hold them.

export interface SidecarTransformOptions extends SidecarAttachment {
    /** Which workloads get the sidecars. Default: every Pod, Deployment, StatefulSet, DaemonSet, Job and CronJob. */
    readonly match?: WorkloadMatch;
}

/** The resource types the transform looks at, and the kind each is. */
const TYPES: Readonly<Record<string, { apiVersion: string; kind: WorkloadKind }>> = {
    "kubernetes:core/v1:Pod": { apiVersion: "v1", kind: WorkloadKind.Pod },
    "kubernetes:apps/v1:Deployment": { apiVersion: "apps/v1", kind: WorkloadKind.Deployment },
    "kubernetes:apps/v1:StatefulSet": { apiVersion: "apps/v1", kind: WorkloadKind.StatefulSet },
    "kubernetes:apps/v1:DaemonSet": { apiVersion: "apps/v1", kind: WorkloadKind.DaemonSet },
    "kubernetes:batch/v1:Job": { apiVersion: "batch/v1", kind: WorkloadKind.Job },
    "kubernetes:batch/v1:CronJob": { apiVersion: "batch/v1", kind: WorkloadKind.CronJob },
};

/**
 * A transform that adds `options.sidecars` (with their volumes, and `appMounts` in the app containers) to every
 * matching workload. The sidecars are validated here, before any resource is registered: a bad one throws an
 * InvalidAttachmentError. A workload they cannot be added to fails its registration with a message naming it.
 *
 * ```ts
 * pulumi.runtime.registerResourceTransform(sidecarTransform({ sidecars: [forwarder], volumes, appMounts }));
 * ```
 */
export function sidecarTransform(options: SidecarTransformOptions): pulumi.ResourceTransform {
    for (const warning of assertValidAttachment(options, options.match)) {
        pulumi.log.warn(`sidecarTransform: ${formatAttachmentIssue(warning)}`);
    }
    return (args) => {
        const type = TYPES[args.type];
        if (!args.custom || type === undefined) return undefined;
        // The engine hands the inputs over with secretness lifted to each top-level field: read them unwrapped,
        // and give back as secret every field that came as one.
        const secretFields = Object.keys(args.props).filter((key) => pulumi.runtime.isRpcSecret(args.props[key]));
        const plain = Object.fromEntries(
            Object.entries(args.props).map(([key, value]) => [key, pulumi.runtime.unwrapRpcSecret(value)]),
        );
        const object = { apiVersion: type.apiVersion, kind: type.kind, ...plain };
        let added: typeof object;
        try {
            added = addSidecars(object, options, options.match);
        } catch (error) {
            if (error instanceof SidecarAttachmentError) {
                throw new Error(`sidecarTransform, resource "${args.name}": ${error.message}`);
            }
            throw error;
        }
        if (added === object) return undefined;
        const props = Object.fromEntries(
            Object.entries(added).map(([key, value]) => [
                key,
                secretFields.includes(key) ? pulumi.secret(value) : value,
            ]),
        );
        return { props, opts: args.opts };
    };
}
