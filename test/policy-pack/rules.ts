// The rules of the Kubernetes policy pack in pulumi/examples (policy-packs/kubernetes-ts), restated in this
// project's words because that pack cannot be fetched on a machine without internet. Each rule keeps the
// upstream name, enforcement level, resource types and condition; the wording of descriptions and messages is
// ours. Pure data and functions with no import, so that the unit suite can run them without @pulumi/policy.

export type EnforcementLevel = "advisory" | "mandatory";

/** Looks at one resource's inputs: the violation's message, or undefined when they pass. */
export type Check = (inputs: Record<string, any>) => string | undefined;

export interface KubernetesRule {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    /** Resource type token → the check for it; the rule does not apply to any other type. */
    readonly checks: Readonly<Record<string, Check>>;
}

export const SERVICE = "kubernetes:core/v1:Service";
export const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
export const REPLICA_SET = "kubernetes:apps/v1:ReplicaSet";
export const POD = "kubernetes:core/v1:Pod";

/** Upstream counts a missing or zero `spec.replicas` as too few, whatever the API server's default of 1. */
const atLeastThreeReplicas =
    (kind: string): Check =>
    (inputs) => {
        const replicas = inputs.spec?.replicas;
        return !replicas || replicas < 3
            ? `A ${kind} needs three replicas or more; it asks for ${replicas ?? "none"}.`
            : undefined;
    };

export const kubernetesRules: readonly KubernetesRule[] = [
    {
        name: "no-public-services",
        description: "A Service stays inside the cluster: no type LoadBalancer.",
        enforcementLevel: "mandatory",
        checks: {
            [SERVICE]: (inputs) =>
                inputs.spec?.type === "LoadBalancer"
                    ? "A Service of type LoadBalancer can be reached from outside the cluster, possibly from the " +
                      "Internet; keep Services cluster-private."
                    : undefined,
        },
    },
    {
        name: "minimum-replica-count",
        description: "Deployments and ReplicaSets run at least three replicas.",
        enforcementLevel: "mandatory",
        checks: { [DEPLOYMENT]: atLeastThreeReplicas("Deployment"), [REPLICA_SET]: atLeastThreeReplicas("ReplicaSet") },
    },
    {
        name: "pods-are-prohibited",
        description: "Pods are not created directly.",
        enforcementLevel: "advisory",
        checks: {
            [POD]: () =>
                "A Pod created directly has no controller to replace it when it or its node fails; " +
                "run it from a Deployment, a ReplicaSet or a Job.",
        },
    },
];

export interface Finding {
    readonly rule: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly message: string;
}

/** What the rules find in one resource of type `type` with inputs `inputs`. */
export function findings(type: string, inputs: Record<string, any>): Finding[] {
    return kubernetesRules.flatMap((rule) => {
        const message = rule.checks[type]?.(inputs);
        return message === undefined ? [] : [{ rule: rule.name, enforcementLevel: rule.enforcementLevel, message }];
    });
}
