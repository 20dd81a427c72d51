// Where the scheduler may put the pod, beyond `nodeSelector` and `tolerations`: node affinity, pod affinity and
// anti-affinity, and topology spread. A typed subset of Kubernetes' own fields, named after them with the long
// `…DuringSchedulingIgnoredDuringExecution` shortened to `required` and `preferred`.

/** How a node selector requirement compares a node label with its values. */
// Members in the order the schema analyzer meets the literals ("Exists" is TolerationOperator's first), so the
// schema's enum lists them as this object does.
export const NodeSelectorOperator = {
    Exists: "Exists",
    In: "In",
    NotIn: "NotIn",
    DoesNotExist: "DoesNotExist",
    Gt: "Gt",
    Lt: "Lt",
} as const;
export type NodeSelectorOperator = (typeof NodeSelectorOperator)[keyof typeof NodeSelectorOperator];

/** How a label selector requirement compares a pod label with its values. */
export const LabelSelectorOperator = {
    Exists: "Exists",
    In: "In",
    NotIn: "NotIn",
    DoesNotExist: "DoesNotExist",
} as const;
export type LabelSelectorOperator = (typeof LabelSelectorOperator)[keyof typeof LabelSelectorOperator];

/** What the scheduler does with a pod whose spread constraint it cannot meet. */
export const UnsatisfiableConstraintAction = {
    DoNotSchedule: "DoNotSchedule",
    ScheduleAnyway: "ScheduleAnyway",
} as const;
export type UnsatisfiableConstraintAction =
    (typeof UnsatisfiableConstraintAction)[keyof typeof UnsatisfiableConstraintAction];

/** One condition on a node label. */
export interface NodeSelectorRequirement {
    /** The node label's key, e.g. "topology.kubernetes.io/zone". */
    readonly key: string;
    /** "In", "NotIn", "Exists", "DoesNotExist", "Gt" or "Lt". */
    readonly operator: NodeSelectorOperator;
    /** With In and NotIn: at least one value; with Gt and Lt: exactly one integer; else none. Default: none. */
    readonly values?: string[];
}

/** Nodes whose labels meet every requirement. */
export interface NodeSelectorTerm {
    /** The requirements, all of which must hold. At least one. */
    readonly matchExpressions: NodeSelectorRequirement[];
}

/** A node term the scheduler prefers, with its weight. */
export interface PreferredNodeTerm {
    /** 1-100: added to a node's score when the term matches it. */
    readonly weight: number;
    /** The nodes preferred. */
    readonly term: NodeSelectorTerm;
}

/** Which nodes the pod may run on, or prefers. */
export interface NodeAffinityDefinition {
    /** The pod runs only on a node that matches one of these terms. Default: any node. */
    readonly required?: NodeSelectorTerm[];
    /** Nodes the scheduler prefers, by weight. Default: none. */
    readonly preferred?: PreferredNodeTerm[];
}

/** One condition on a pod label. */
export interface PodLabelRequirement {
    /** The pod label's key. */
    readonly key: string;
    /** "In", "NotIn", "Exists" or "DoesNotExist". */
    readonly operator: LabelSelectorOperator;
    /** With In and NotIn: at least one value; else none. Default: none. */
    readonly values?: string[];
}

/** Pods running in one topology domain (a node, a zone, …) that the term is about. */
export interface PodAffinityTerm {
    /** The node label whose value names the domain, e.g. "kubernetes.io/hostname" (one node per domain). */
    readonly topologyKey: string;
    /**
     * Labels the other pods must have. Default (with no `matchExpressions` either): this workload's own pods, by
     * the labels its selector uses, the usual way to spread replicas apart.
     */
    readonly matchLabels?: Record<string, string>;
    /** Conditions the other pods' labels must meet. Default: none. */
    readonly matchExpressions?: PodLabelRequirement[];
    /** Namespaces the other pods are looked for in. Default: the pod's own. */
    readonly namespaces?: string[];
}

/** A pod term the scheduler prefers, with its weight. */
export interface PreferredPodTerm {
    /** 1-100: added to a node's score when the term matches it. */
    readonly weight: number;
    /** The pods whose domain is preferred (affinity) or avoided (anti-affinity). */
    readonly term: PodAffinityTerm;
}

/** Pods the pod must (or would rather) share a domain with, or keep away from. */
export interface PodAffinityDefinition {
    /** Terms every placement must meet. Default: none. */
    readonly required?: PodAffinityTerm[];
    /** Terms the scheduler prefers, by weight. Default: none. */
    readonly preferred?: PreferredPodTerm[];
}

/** Kubernetes' affinity: set any of the three. */
export interface AffinityDefinition {
    /** Which nodes the pod may run on, or prefers. */
    readonly nodeAffinity?: NodeAffinityDefinition;
    /** Pods whose domain the pod must (or would rather) share. */
    readonly podAffinity?: PodAffinityDefinition;
    /** Pods whose domain the pod must (or would rather) avoid: e.g. one replica per node. */
    readonly podAntiAffinity?: PodAffinityDefinition;
}

/** How evenly matching pods are spread over a topology's domains. */
export interface TopologySpreadConstraintDefinition {
    /** Most the number of matching pods may differ between two domains. At least 1. */
    readonly maxSkew: number;
    /** The node label whose value names the domain, e.g. "topology.kubernetes.io/zone". */
    readonly topologyKey: string;
    /** "DoNotSchedule" (a hard rule) or "ScheduleAnyway" (a preference). */
    readonly whenUnsatisfiable: UnsatisfiableConstraintAction;
    /** Labels of the pods counted. Default: this workload's own pods, by the labels its selector uses. */
    readonly matchLabels?: Record<string, string>;
    /** Least number of domains counted, with DoNotSchedule. Default: the domains that exist. */
    readonly minDomains?: number;
}
