import type * as pulumi from "@pulumi/pulumi";
import type { ContainerDefinition, PodDefinition } from "./pod";

// The definition's leaf values that may come from other resources (`pulumi.Input<string>`: images, env values,
// file contents, label and annotation values), found in one walk. Validation checks the ones known now and
// leaves the others for when they are known; the component puts each of those back as an output that checks it.
// Only the types come from Pulumi: nothing here runs it.

export type ValueKind = "image" | "envValue" | "fileContent" | "label" | "annotation";

/** One leaf value of a definition, where it sits. */
export interface ValueLeaf {
    readonly kind: ValueKind;
    /** Its path in the definition, e.g. `containers[0].image`, `labels["team"]`. */
    readonly field: string;
    /** The map or list it belongs to, e.g. `annotations`, `volumes[1].configFiles.files`, `containers[0].env`. */
    readonly group: string;
    /** The map key (label, annotation, file name) or env var name. */
    readonly key?: string;
    /** The container's name, for images and env values. */
    readonly container?: string;
    readonly value: pulumi.Input<string>;
}

/** `value` when it is a string now; undefined when it is known only later (an Output or a Promise). */
export const knownValue = (value: pulumi.Input<string> | undefined): string | undefined =>
    typeof value === "string" ? value : undefined;

/** Every leaf value of `def`, in definition order (labels, annotations, files, then each container's). */
export function valueLeaves(def: PodDefinition): ValueLeaf[] {
    const leaves: ValueLeaf[] = [];
    mapValueLeaves(def, (leaf) => (leaves.push(leaf), leaf.value));
    return leaves;
}

/** The leaf values not known yet: checked once they are. */
export const pendingValueLeaves = (def: PodDefinition): ValueLeaf[] =>
    valueLeaves(def).filter((leaf) => knownValue(leaf.value) === undefined);

/** A copy of `def` with every leaf value replaced by what `replace` returns for it; the structure is the same. */
export function mapValueLeaves(def: PodDefinition, replace: (leaf: ValueLeaf) => pulumi.Input<string>): PodDefinition {
    const map = (values: Record<string, pulumi.Input<string>>, kind: ValueKind, group: string) =>
        Object.fromEntries(
            Object.entries(values).map(([key, value]) => [
                key,
                replace({ kind, field: `${group}["${key}"]`, group, key, value }),
            ]),
        );
    const containers = (list: readonly ContainerDefinition[], at: string): ContainerDefinition[] =>
        list.map((c, i) => {
            const path = `${at}[${i}]`;
            const image = replace({
                kind: "image",
                field: `${path}.image`,
                group: path,
                container: c.name,
                value: c.image,
            });
            const env = c.env?.map((e, j) =>
                e.value === undefined
                    ? e
                    : {
                          ...e,
                          value: replace({
                              kind: "envValue",
                              field: `${path}.env[${j}].value`,
                              group: `${path}.env`,
                              key: e.name,
                              container: c.name,
                              value: e.value,
                          }),
                      },
            );
            return { ...c, image, ...(env ? { env } : {}) };
        });
    return {
        ...def,
        ...(def.labels ? { labels: map(def.labels, "label", "labels") } : {}),
        ...(def.annotations ? { annotations: map(def.annotations, "annotation", "annotations") } : {}),
        volumes: def.volumes.map((volume, i) =>
            volume.configFiles
                ? {
                      ...volume,
                      configFiles: {
                          ...volume.configFiles,
                          files: map(volume.configFiles.files, "fileContent", `volumes[${i}].configFiles.files`),
                      },
                  }
                : volume,
        ),
        ...(def.initContainers ? { initContainers: containers(def.initContainers, "initContainers") } : {}),
        containers: containers(def.containers, "containers"),
        ...(def.sidecars ? { sidecars: containers(def.sidecars, "sidecars") } : {}),
    };
}
