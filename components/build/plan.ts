import type { IConfigMap, IPod, IService } from "kubernetes-models/v1";
import type { PodDefinition, SidecarMode, WorkloadKind } from "../model";
import { workloadKind } from "../model/helpers";
import { assertSchemaValid } from "../validation/schema";
import { formatIssue, InvalidDefinitionError, validateDefinition } from "../validation/validate";
import { buildConfigMaps, buildPod, workloadObjectName } from "./pod";
import { findMissingResources, findProfileViolations } from "./securityDefaults";
import { buildService } from "./service";
import { buildWorkload, WorkloadObject } from "./workload";
import { withPlaceholders } from "./placed";

// Everything the component will register for one definition, computed and checked without Pulumi: validation
// errors and schema violations throw here, before a single resource exists. The objects carry no namespace:
// the component's may be another resource's output, which it sets on each object itself. Leaf values known only
// later (model/values.ts) are in the objects as the Inputs they are; the component checks them once known.

export interface PodPlan {
    readonly kind: WorkloadKind;
    /** The workload object's name, or undefined when Pulumi names it (a controller without workload.name). */
    readonly name?: string;
    /** The Pod, Deployment, StatefulSet, DaemonSet, Job or CronJob. */
    readonly workload: WorkloadObject;
    /** Each `configFiles` volume with the ConfigMap behind it (named only when the workload is). */
    readonly configMaps: readonly { readonly volume: string; readonly configMap: IConfigMap }[];
    readonly service?: IService;
    /** Legal but suspicious findings, for pulumi.log.warn. */
    readonly warnings: readonly string[];
}

export function planPod(def: PodDefinition, sidecarMode: SidecarMode, instance?: string): PodPlan {
    const issues = validateDefinition(def, sidecarMode);
    const errors = issues.filter((issue) => issue.severity === "error");
    if (errors.length > 0) throw new InvalidDefinitionError(errors);
    const options = { sidecarMode, instance };
    const name = workloadObjectName(def);
    const unnamed = <T extends { metadata?: { name?: string } }>(object: T): T =>
        name === undefined ? { ...object, metadata: { ...object.metadata, name: undefined } } : object;
    const workload = buildWorkload(def, options);
    const configMaps = buildConfigMaps(def, options);
    const configVolumes = def.volumes.filter((volume) => volume.configFiles !== undefined);
    const service = buildService(def, options);
    // Values known only later sit in the objects as Inputs; the schema reads placeholder strings in their place.
    for (const object of [workload, ...configMaps, ...(service ? [service] : [])]) {
        assertSchemaValid(withPlaceholders(object));
    }
    // The security check reads a pod: the bare pod, or one the template would make.
    const pod: IPod = buildPod(def, options);
    return {
        kind: workloadKind(def),
        name,
        workload,
        configMaps: configMaps.map((configMap, i) => ({
            volume: configVolumes[i].name,
            configMap: unnamed(configMap),
        })),
        service,
        warnings: [
            ...issues.filter((issue) => issue.severity === "warning").map(formatIssue),
            // Only reachable through an explicit override in the definition (podSecurity "baseline", a CPU limit
            // of "none"); said out loud at every preview, so a departure from the secure defaults is never silent.
            ...findProfileViolations(pod).map((v) => `pod "${def.name}" is not "restricted"-compliant: ${v}`),
            ...findMissingResources(pod).map((v) => `pod "${def.name}" runs without a default: ${v}`),
        ],
    };
}
