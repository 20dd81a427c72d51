import { createHash } from "crypto";
import type { PodDefinition } from "../model";
import {
    COMPONENT_LABEL,
    INSTANCE_LABEL,
    MANAGED_BY_LABEL,
    NAME_LABEL,
    PART_OF,
    PART_OF_LABEL,
} from "../model/defaults";
import { placedMap } from "./placed";

// The labels every object carries (Kubernetes' recommended app.kubernetes.io set). A stack's objects also
// carry `instance` (which stack) and `managed-by: pulumi`; the kubectl manifests carry neither, so a Service
// of a stack, which selects on name and instance, never picks up a pod applied with kubectl.

export {
    COMPONENT_LABEL,
    INSTANCE_LABEL,
    MANAGED_BY_LABEL,
    NAME_LABEL,
    PART_OF,
    PART_OF_LABEL,
    RESERVED_LABELS,
} from "../model/defaults";

/**
 * The annotation that says which Pulumi resource created an object: the URN of the MultiContainerPod component
 * (for its pod, ConfigMaps, Secrets and Service) or of the namespace resource. It holds the stack and project, so
 * an object an interrupted `pulumi up` created but never recorded is recognised as this stack's own on the next
 * one (outputs/collision.ts), and never confused with the kubectl flow's or another stack's.
 */
export const OWNER_ANNOTATION = "multi-container-pods.pulumi.com/owner";

/**
 * The owner annotation's value: the URN of a top-level resource `name` of `type` in `project`'s `stack`. A string,
 * not the resource's `urn` output: an input that depends on a component waits for all of its children, so a child
 * that carried its parent's `urn` would wait for itself.
 */
export const ownerUrn = (project: string, stack: string, type: string, name: string): string =>
    `urn:pulumi:${stack}::${project}::${type}::${name}`;

/** The Pod Security Standards profile a namespace the program creates enforces, audits and warns about. */
export const POD_SECURITY_LABELS = {
    "pod-security.kubernetes.io/enforce": "restricted",
    "pod-security.kubernetes.io/audit": "restricted",
    "pod-security.kubernetes.io/warn": "restricted",
} as const;

const LABEL_VALUE_MAX = 63;

/**
 * `app.kubernetes.io/instance` for a stack: `<project>-<stack>`, made a valid label value (at most 63
 * characters of [A-Za-z0-9-_.], alphanumeric at both ends). Too long, it keeps a hash of the whole so two
 * stacks still differ.
 */
export function instanceLabel(project: string, stack: string): string {
    const whole = `${project}-${stack}`;
    let value = whole.replace(/[^A-Za-z0-9_.-]/g, "-");
    if (value.length > LABEL_VALUE_MAX) {
        const hash = createHash("sha256").update(whole).digest("hex").slice(0, 8);
        value = `${value.slice(0, LABEL_VALUE_MAX - hash.length - 1)}-${hash}`;
    }
    value = value.replace(/^[^A-Za-z0-9]+/, "").replace(/[^A-Za-z0-9]+$/, "");
    return value === "" ? "stack" : value;
}

/**
 * Labels of every object of a pod; with `instance` (a stack), also instance and managed-by. The component label
 * names the pattern, when the definition says which.
 */
export function podLabels(def: PodDefinition, instance?: string): Record<string, string> {
    return {
        ...(def.labels ? placedMap(def.labels) : {}),
        [NAME_LABEL]: def.name,
        ...(def.pattern === undefined ? {} : { [COMPONENT_LABEL]: def.pattern }),
        [PART_OF_LABEL]: PART_OF,
        ...(instance === undefined ? {} : { [INSTANCE_LABEL]: instance, [MANAGED_BY_LABEL]: "pulumi" }),
    };
}

/** What the pod's Service selects: its pod by name, and of this stack only when `instance` is set. */
export function selectorLabels(def: PodDefinition, instance?: string): Record<string, string> {
    return { [NAME_LABEL]: def.name, ...(instance === undefined ? {} : { [INSTANCE_LABEL]: instance }) };
}

/** Labels of a namespace the program creates: ours, plus Pod Security `restricted` enforced. */
export function namespaceLabels(instance: string): Record<string, string> {
    return {
        [NAME_LABEL]: PART_OF,
        [PART_OF_LABEL]: PART_OF,
        [INSTANCE_LABEL]: instance,
        [MANAGED_BY_LABEL]: "pulumi",
        ...POD_SECURITY_LABELS,
    };
}
