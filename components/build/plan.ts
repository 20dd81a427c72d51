import type { IConfigMap, IPod, IService } from "kubernetes-models/v1";
import type { PodDefinition, SidecarMode } from "../model";
import { buildConfigMaps, buildPod, buildService } from "./pod";
import { assertSchemaValid } from "../validation/schema";
import { findSecurityViolations } from "./securityDefaults";
import { formatIssue, InvalidDefinitionError, validateDefinition } from "../validation/validate";

// Everything the component will register for one pod, computed and checked without Pulumi: validation errors
// and schema violations throw here, before a single resource exists. The objects carry no namespace: the
// component's may be another resource's output, which it sets on each object itself.

export interface PodPlan {
    readonly pod: IPod;
    /** Each `configFiles` volume with the ConfigMap behind it. */
    readonly configMaps: readonly { readonly volume: string; readonly configMap: IConfigMap }[];
    readonly service?: IService;
    /** Legal but suspicious findings, for pulumi.log.warn. */
    readonly warnings: readonly string[];
}

export function planPod(def: PodDefinition, sidecarMode: SidecarMode, instance?: string): PodPlan {
    const issues = validateDefinition(def);
    const errors = issues.filter((issue) => issue.severity === "error");
    if (errors.length > 0) throw new InvalidDefinitionError(errors);
    const options = { sidecarMode, instance };
    const pod = buildPod(def, options);
    const configMaps = buildConfigMaps(def, options);
    const configVolumes = def.volumes.filter((volume) => volume.configFiles !== undefined);
    const service = buildService(def, options);
    for (const object of [pod, ...configMaps, ...(service ? [service] : [])]) assertSchemaValid(object);
    return {
        pod,
        configMaps: configMaps.map((configMap, i) => ({ volume: configVolumes[i].name, configMap })),
        service,
        warnings: [
            ...issues.filter((issue) => issue.severity === "warning").map(formatIssue),
            // Only reachable through an explicit override in the definition; worth saying out loud.
            ...findSecurityViolations(pod).map((v) => `pod "${def.name}" is not "restricted"-compliant: ${v}`),
        ],
    };
}
