import type { IConfigMap, IPod, IService } from "kubernetes-models/v1";
import type { PodExampleDefinition } from "../examples/types";
import { describePod, PodDescription } from "./describe";
import { KubectlTarget } from "./kubectl";
import { buildConfigMaps, buildPod, buildService, SidecarMode } from "./podSpec";
import { assertSchemaValid } from "./schema";
import { findSecurityViolations } from "./securityDefaults";
import { formatIssue, InvalidDefinitionError, validateExample } from "./validate";

// Everything the component will register for one example, computed and checked without Pulumi: validation
// errors and schema violations throw here, before a single resource exists.

export interface PodPlan {
    readonly pod: IPod;
    /** Each `configFiles` volume with the ConfigMap behind it. */
    readonly configMaps: readonly { readonly volume: string; readonly configMap: IConfigMap }[];
    readonly service?: IService;
    readonly description: PodDescription;
    /** Legal but suspicious findings, for pulumi.log.warn. */
    readonly warnings: readonly string[];
}

export function planPod(
    def: PodExampleDefinition,
    target: KubectlTarget,
    sidecarMode: SidecarMode,
    instance?: string,
): PodPlan {
    const issues = validateExample(def);
    const errors = issues.filter((issue) => issue.severity === "error");
    if (errors.length > 0) throw new InvalidDefinitionError(errors);
    const options = { namespace: target.namespace, sidecarMode, instance };
    const pod = buildPod(def, options);
    const configMaps = buildConfigMaps(def, options);
    const configVolumes = def.volumes.filter((volume) => volume.kind === "configFiles");
    const service = buildService(def, options);
    for (const object of [pod, ...configMaps, ...(service ? [service] : [])]) assertSchemaValid(object);
    return {
        pod,
        configMaps: configMaps.map((configMap, i) => ({ volume: configVolumes[i].name, configMap })),
        service,
        description: describePod(def, target),
        warnings: [
            ...issues.filter((issue) => issue.severity === "warning").map(formatIssue),
            // Only reachable through an explicit override in the definition; worth saying out loud.
            ...findSecurityViolations(pod).map((v) => `example "${def.name}" is not "restricted"-compliant: ${v}`),
        ],
    };
}
