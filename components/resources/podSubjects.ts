import type * as pulumi from "@pulumi/pulumi";
import type { PodDefinition, WorkloadKind } from "../model";
import type { GroupMember } from "../verify/groupScript";

// What a PodVerification needs of each MultiContainerPod it verifies. Kept beside the component, not on it: every
// property of a component class becomes an output of the package's inferred schema, and this one is no output.

export interface PodSubject {
    /** The MultiContainerPod's Pulumi name, for messages. */
    readonly name: string;
    readonly def: PodDefinition;
    readonly kind: WorkloadKind;
    /** Whether the component verifies itself (its `verify` is not false). */
    readonly verifiesItself: boolean;
    readonly cluster: { readonly context?: string; readonly kubeconfig?: string };
    /** The component's `kubeconfigContent` argument as given (compared by identity) and as a secret output. */
    readonly kubeconfigContentArg?: unknown;
    readonly kubeconfigContent?: pulumi.Output<string>;
    /** The deployed pod: namespace, name, uid, instance, Service. Made when a group asks: most pods have none. */
    readonly member: () => pulumi.Output<Omit<GroupMember, "def">>;
    readonly credentials?: pulumi.Output<{ user: string; password: string }>;
    /** What verification waits for: the workload and its Service. */
    readonly resources: pulumi.Resource[];
}

const subjects = new WeakMap<object, PodSubject>();

export function recordPodSubject(component: object, subject: PodSubject): void {
    subjects.set(component, subject);
}

export function podSubjectOf(component: object): PodSubject | undefined {
    return subjects.get(component);
}
