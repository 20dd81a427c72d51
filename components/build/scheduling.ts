import type { IAffinity, IPodAffinity, IPodAffinityTerm, ITopologySpreadConstraint } from "kubernetes-models/v1";
import type { NodeSelectorTerm, PodAffinityDefinition, PodAffinityTerm, PodDefinition } from "../model";
import { compact } from "./compact";
import { selectorLabels } from "./labels";
import { PodBuildOptions } from "./options";

// Affinity and topology spread as Kubernetes takes them. A pod term or spread constraint that names no pods
// means this workload's own pods: the labels its selector uses (with the stack's instance, so another stack's
// replicas of the same definition do not count).

export function buildAffinity(def: PodDefinition, options: PodBuildOptions): IAffinity | undefined {
    const affinity = def.affinity;
    if (!affinity) return undefined;
    const node = affinity.nodeAffinity;
    return compact({
        nodeAffinity: node
            ? compact({
                  requiredDuringSchedulingIgnoredDuringExecution: node.required
                      ? { nodeSelectorTerms: node.required.map(nodeTerm) }
                      : undefined,
                  preferredDuringSchedulingIgnoredDuringExecution: node.preferred?.map((p) => ({
                      weight: p.weight,
                      preference: nodeTerm(p.term),
                  })),
              })
            : undefined,
        podAffinity: podAffinity(affinity.podAffinity, def, options),
        podAntiAffinity: podAffinity(affinity.podAntiAffinity, def, options),
    });
}

export function buildTopologySpread(
    def: PodDefinition,
    options: PodBuildOptions,
): ITopologySpreadConstraint[] | undefined {
    return def.topologySpreadConstraints?.map((c) =>
        compact({
            maxSkew: c.maxSkew,
            topologyKey: c.topologyKey,
            whenUnsatisfiable: c.whenUnsatisfiable,
            labelSelector: { matchLabels: { ...(c.matchLabels ?? selectorLabels(def, options.instance)) } },
            minDomains: c.minDomains,
        }),
    );
}

const nodeTerm = (term: NodeSelectorTerm) => ({
    matchExpressions: term.matchExpressions.map((e) =>
        compact({ key: e.key, operator: e.operator, values: copy(e.values) }),
    ),
});

function podAffinity(
    affinity: PodAffinityDefinition | undefined,
    def: PodDefinition,
    options: PodBuildOptions,
): IPodAffinity | undefined {
    if (!affinity) return undefined;
    const term = (t: PodAffinityTerm): IPodAffinityTerm => {
        const own = t.matchLabels === undefined && t.matchExpressions === undefined;
        return compact({
            topologyKey: t.topologyKey,
            labelSelector: compact({
                matchLabels: own ? selectorLabels(def, options.instance) : t.matchLabels && { ...t.matchLabels },
                matchExpressions: t.matchExpressions?.map((e) =>
                    compact({ key: e.key, operator: e.operator, values: copy(e.values) }),
                ),
            }),
            namespaces: copy(t.namespaces),
        });
    };
    return compact({
        requiredDuringSchedulingIgnoredDuringExecution: affinity.required?.map(term),
        preferredDuringSchedulingIgnoredDuringExecution: affinity.preferred?.map((p) => ({
            weight: p.weight,
            podAffinityTerm: term(p.term),
        })),
    });
}

const copy = (values: readonly string[] | undefined) => (values ? [...values] : undefined);
