import type { IStatefulSet } from "kubernetes-models/apps/v1";
import type { PodDefinition, StatefulSetWorkload } from "../model";
import { compact } from "./compact";
import { selectorLabels } from "./labels";
import { objectMetadata, PodBuildOptions } from "./options";
import { buildPodTemplate, workloadObjectName } from "./pod";

/**
 * What a StatefulSet adds to the pod: replicas with stable names, governed by the headless Service that
 * buildService makes for it. `serviceName` is that Service's name; a stack passes the name it got.
 */
export function buildStatefulSet(
    def: PodDefinition,
    spec: StatefulSetWorkload,
    serviceName: string,
    options: PodBuildOptions,
): IStatefulSet {
    return {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: objectMetadata(def, workloadObjectName(def), options),
        spec: compact({
            replicas: spec.replicas ?? 1,
            serviceName,
            selector: { matchLabels: selectorLabels(def, options.instance) },
            podManagementPolicy: spec.podManagementPolicy ?? "OrderedReady",
            updateStrategy: { type: spec.updateStrategy ?? "RollingUpdate" },
            minReadySeconds: spec.minReadySeconds,
            template: buildPodTemplate(def, options),
        }),
    };
}
