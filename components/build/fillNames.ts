import type { IPodSpec } from "kubernetes-models/v1";
import { withVolumeObjectNames } from "./volume";
import type { WorkloadObject } from "./workload";

// A stack knows some names only once it has registered the objects (Pulumi's auto-names, content-hashed Secret
// names): this puts them into a built workload object. The values may be Pulumi outputs, hence the loose type.

/**
 * The built workload object with what only the stack knows put in: its namespace, the names its ConfigMaps and
 * Secrets got (by volume name), and for a StatefulSet the name of its governing Service.
 */
export function withNamesFilledIn<T>(
    object: WorkloadObject,
    volumeObjects: Readonly<Record<string, T>>,
    serviceName: T | undefined,
    metadata: unknown,
): WorkloadObject {
    const withNames = (spec: IPodSpec) => withVolumeObjectNames(spec, volumeObjects);
    switch (object.kind) {
        case "Pod":
            return { ...object, metadata: metadata as never, spec: withNames(object.spec!) };
        case "CronJob": {
            const jobTemplate = object.spec!.jobTemplate;
            const template = jobTemplate.spec!.template;
            return {
                ...object,
                metadata: metadata as never,
                spec: {
                    ...object.spec!,
                    jobTemplate: {
                        ...jobTemplate,
                        spec: { ...jobTemplate.spec!, template: { ...template, spec: withNames(template.spec!) } },
                    },
                },
            };
        }
        default: {
            const spec = object.spec!;
            const template = { ...spec.template, spec: withNames(spec.template.spec!) };
            const governing =
                object.kind === "StatefulSet" && serviceName ? { serviceName: serviceName as unknown as string } : {};
            return {
                ...object,
                metadata: metadata as never,
                spec: { ...spec, ...governing, template },
            } as WorkloadObject;
        }
    }
}
