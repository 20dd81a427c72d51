import type { IDaemonSet } from "kubernetes-models/apps/v1";
import type { DaemonSetWorkload, PodDefinition } from "../model";
import { compact } from "./compact";
import { intOrString } from "./intOrString";
import { selectorLabels } from "./labels";
import { objectMetadata, PodBuildOptions } from "./options";
import { buildPodTemplate, workloadObjectName } from "./pod";

/** What a DaemonSet adds to the pod: one on every node, updated a node at a time by default. */
export function buildDaemonSet(def: PodDefinition, spec: DaemonSetWorkload, options: PodBuildOptions): IDaemonSet {
    return {
        apiVersion: "apps/v1",
        kind: "DaemonSet",
        metadata: objectMetadata(def, workloadObjectName(def), options),
        spec: compact({
            selector: { matchLabels: selectorLabels(def, options.instance) },
            updateStrategy: {
                type: "RollingUpdate" as const,
                rollingUpdate: { maxUnavailable: intOrString(spec.maxUnavailable ?? "1") },
            },
            minReadySeconds: spec.minReadySeconds,
            template: buildPodTemplate(def, options),
        }),
    };
}
