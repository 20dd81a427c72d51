import type { IDeployment } from "kubernetes-models/apps/v1";
import type { DeploymentWorkload, PodDefinition } from "../model";
import { compact } from "./compact";
import { intOrString } from "./intOrString";
import { selectorLabels } from "./labels";
import { objectMetadata, PodBuildOptions } from "./options";
import { buildPodTemplate, workloadObjectName } from "./pod";

/** What a Deployment adds to the pod: replicas and how a new template rolls out. */
export function buildDeployment(def: PodDefinition, spec: DeploymentWorkload, options: PodBuildOptions): IDeployment {
    const rolling = (spec.strategy ?? "RollingUpdate") === "RollingUpdate";
    const rollingUpdate = compact({
        maxUnavailable: intOrString(spec.maxUnavailable),
        maxSurge: intOrString(spec.maxSurge),
    });
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: objectMetadata(def, workloadObjectName(def), options),
        spec: compact({
            replicas: spec.replicas ?? 1,
            selector: { matchLabels: selectorLabels(def, options.instance) },
            strategy: rolling
                ? {
                      type: "RollingUpdate" as const,
                      ...(Object.keys(rollingUpdate).length > 0 ? { rollingUpdate } : {}),
                  }
                : { type: "Recreate" as const },
            minReadySeconds: spec.minReadySeconds,
            template: buildPodTemplate(def, options),
        }),
    };
}
