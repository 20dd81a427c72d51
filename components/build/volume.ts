import { createHash } from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { IConfigMap, IDownwardAPIVolumeSource, IPodSpec, IVolume } from "kubernetes-models/v1";
import type { DownwardApiVolume, PodDefinition, ProjectedObject, VolumeDefinition } from "../model";
import { compact } from "./compact";
import { objectMetadata, PodBuildOptions } from "./options";
import { placedMap } from "./placed";

// The pod's volumes and the ConfigMaps behind its `configFiles` volumes. A ConfigMap or Secret a stack creates
// may be named only once it exists (auto-named, or named after a hash known later): withVolumeObjectNames puts
// those names into a built spec.

/**
 * Name of the ConfigMap behind a `configFiles` volume when the workload has fixed names. The content hash in
 * the name makes a change of the files a change of the pod template: a bare pod is replaced, a controller
 * rolls its pods, and nginx reads the new configuration. A content known only later (another resource's
 * output) has no hash yet: the component names that ConfigMap once it is known, by calling this with `files`
 * resolved, and puts the ConfigMap's own name into the pod.
 */
export function configMapName(
    def: PodDefinition,
    volume: VolumeDefinition,
    files: Readonly<Record<string, pulumi.Input<string>>> = volume.configFiles?.files ?? {},
): string {
    if (!allKnown(files)) return `${def.name}-${volume.name}`;
    const entries = Object.keys(files)
        .sort()
        .map((file) => [file, files[file]]);
    const hash = createHash("sha256").update(JSON.stringify(entries)).digest("hex").slice(0, 8);
    return `${def.name}-${volume.name}-${hash}`;
}

/** Whether every file content of a `configFiles` volume is known now (none is another resource's output). */
export const filesKnown = (volume: VolumeDefinition): boolean => allKnown(volume.configFiles?.files ?? {});

const allKnown = (files: Readonly<Record<string, pulumi.Input<string>>>) =>
    Object.values(files).every((content) => typeof content === "string");

/**
 * Name of the Secret behind a `basicAuthSecret` volume in the kubectl manifests (the user creates it). A stack
 * names its Secret after the content instead (basicAuth.ts, basicAuthSecretName), or lets Pulumi name it.
 */
export function secretName(def: PodDefinition, volume: VolumeDefinition): string {
    return `${def.name}-${volume.name}`;
}

export function buildVolume(def: PodDefinition, volume: VolumeDefinition): IVolume {
    if (volume.configFiles) return { name: volume.name, configMap: { name: configMapName(def, volume) } };
    if (volume.basicAuthSecret) return { name: volume.name, secret: { secretName: secretName(def, volume) } };
    if (volume.persistentVolumeClaim) {
        const { claimName, readOnly } = volume.persistentVolumeClaim;
        return { name: volume.name, persistentVolumeClaim: compact({ claimName, readOnly }) };
    }
    if (volume.configMap) {
        return {
            name: volume.name,
            configMap: compact({ name: volume.configMap.name, optional: volume.configMap.optional }),
        };
    }
    if (volume.secret) {
        const { secretName: name, optional } = volume.secret;
        return { name: volume.name, secret: compact({ secretName: name, optional }) };
    }
    if (volume.downwardAPI) return { name: volume.name, downwardAPI: downwardApi(volume.downwardAPI) };
    if (volume.projected) {
        const object = (o: ProjectedObject) =>
            compact({ name: o.name, items: o.items?.map((i) => ({ key: i.key, path: i.path })), optional: o.optional });
        return {
            name: volume.name,
            projected: {
                sources: volume.projected.sources.map((source) =>
                    compact({
                        secret: source.secret && object(source.secret),
                        configMap: source.configMap && object(source.configMap),
                        downwardAPI: source.downwardAPI && downwardApi(source.downwardAPI),
                        serviceAccountToken: source.serviceAccountToken && compact({ ...source.serviceAccountToken }),
                    }),
                ),
            },
        };
    }
    return {
        name: volume.name,
        emptyDir: compact({ sizeLimit: volume.emptyDir?.sizeLimit, medium: volume.emptyDir?.medium }),
    };
}

function downwardApi(volume: DownwardApiVolume): IDownwardAPIVolumeSource {
    return {
        items: volume.items.map((item) =>
            compact({
                path: item.path,
                fieldRef: item.fieldRef !== undefined ? { fieldPath: item.fieldRef } : undefined,
                resourceFieldRef: item.resourceFieldRef && compact({ ...item.resourceFieldRef }),
            }),
        ),
    };
}

/**
 * A copy of `spec` whose ConfigMap and Secret volumes (by volume name) use the object names given, which may be
 * values only known later (Pulumi outputs, hence the loose type).
 */
export function withVolumeObjectNames<T>(spec: IPodSpec, names: Readonly<Record<string, T>>): IPodSpec {
    return {
        ...spec,
        volumes: spec.volumes?.map((volume) => {
            if (!(volume.name in names)) return volume;
            const name = names[volume.name] as unknown as string;
            if (volume.secret) return { ...volume, secret: { ...volume.secret, secretName: name } };
            if (volume.configMap) return { ...volume, configMap: { ...volume.configMap, name } };
            return volume;
        }),
    };
}

/** The ConfigMaps behind the definition's `configFiles` volumes, one per volume, in volume order. */
export function buildConfigMaps(def: PodDefinition, options: PodBuildOptions): IConfigMap[] {
    return def.volumes.flatMap((volume) =>
        volume.configFiles
            ? [
                  {
                      apiVersion: "v1",
                      kind: "ConfigMap",
                      metadata: objectMetadata(def, configMapName(def, volume), options),
                      data: placedMap(volume.configFiles.files),
                  },
              ]
            : [],
    );
}
