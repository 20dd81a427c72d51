import type { IContainer, IPodSpec, IVolume, IVolumeMount } from "kubernetes-models/v1";
import { SidecarMode, WorkloadKind } from "../model";
import type { PodDefinition } from "../model";
import type { AppMountDefinition, KubernetesObject, SidecarAttachment, WorkloadMatch } from "../model/attachment";
import { runsToCompletion } from "../model/helpers";
import { compact } from "./compact";
import { buildContainer } from "./container";
import { selectorMatches } from "./labelSelector";
import { buildVolume } from "./volume";

// Sidecars added to a workload written without them: a plain Kubernetes object of any kind in, the same object
// with the sidecars, their volumes and the app containers' mounts added out, or the very same object when it
// does not match. Pure, so a Pulumi transform, a manifest pipeline or a test can all use it. Idempotent: a
// sidecar already in the pod (by name and image) is never added again, nor a volume or mount it has.

/** A workload the sidecars cannot be added to as asked; the message names it and says what to change. */
export class SidecarAttachmentError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "SidecarAttachmentError";
    }
}

/** Each kind's apiVersion, and where its pod (metadata and spec) sits in the object. */
const KINDS: Readonly<Record<WorkloadKind, { apiVersion: string; pod: readonly string[] }>> = {
    Pod: { apiVersion: "v1", pod: [] },
    Deployment: { apiVersion: "apps/v1", pod: ["spec", "template"] },
    StatefulSet: { apiVersion: "apps/v1", pod: ["spec", "template"] },
    DaemonSet: { apiVersion: "apps/v1", pod: ["spec", "template"] },
    Job: { apiVersion: "batch/v1", pod: ["spec", "template"] },
    CronJob: { apiVersion: "batch/v1", pod: ["spec", "jobTemplate", "spec", "template"] },
};

type Fields = Record<string, unknown>;
/** Plain data only: a value not known yet (a preview's unknown, an Output) is an instance of a class, and opaque. */
const isObject = (value: unknown): value is Fields => {
    if (typeof value !== "object" || value === null) return false;
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
};

/** The workload kind of `object` when sidecars can be added to it, else undefined. */
export function attachableKind(object: KubernetesObject): WorkloadKind | undefined {
    const kind = Object.keys(KINDS).find((k) => k === object.kind) as WorkloadKind | undefined;
    return kind !== undefined && KINDS[kind].apiVersion === object.apiVersion ? kind : undefined;
}

/** `object` with the attachment's sidecars added when it matches `match`; `object` itself otherwise. */
export function addSidecars<T extends KubernetesObject>(
    object: T,
    attachment: SidecarAttachment,
    match: WorkloadMatch = {},
): T {
    const kind = attachableKind(object);
    if (kind === undefined || (match.kinds !== undefined && !match.kinds.includes(kind))) return object;
    const podPath = KINDS[kind].pod;
    // The object itself is data whatever its class (a kubernetes-models Deployment, say); its parts must be plain.
    const fields: Fields = { ...object };
    const pod = podPath.reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), fields);
    // Parts unknown until deploy (a preview's unknown values) cannot be read; the deploy sees them known.
    if (!isObject(pod) || !isObject(pod.spec) || !Array.isArray(pod.spec.containers)) return object;
    const labels = isObject(pod.metadata) ? pod.metadata.labels : undefined;
    if (labels !== undefined && !isObject(labels)) return object;
    if (match.selector !== undefined && !selectorMatches(match.selector, labels ?? {})) return object;
    if (match.predicate !== undefined && !match.predicate(object)) return object;
    const spec = pod.spec as unknown as IPodSpec;
    const added = addToPodSpec(spec, attachment, kind, describeObject(kind, object));
    return added === spec ? object : (setIn(fields, [...podPath, "spec"], added) as T);
}

/** "Deployment team/web": how errors name the workload. */
function describeObject(kind: WorkloadKind, object: KubernetesObject): string {
    const { name, namespace } = object.metadata ?? {};
    return `${kind} ${namespace ? `${namespace}/` : ""}${name ?? "(named by Pulumi)"}`;
}

/** Volumes are built as a pod's; the sources that need an object the component creates are refused up front. */
const ATTACHMENT_POD: PodDefinition = { name: "sidecars", volumes: [], containers: [] };

function addToPodSpec(spec: IPodSpec, attachment: SidecarAttachment, kind: WorkloadKind, where: string): IPodSpec {
    const present = new Map(
        [...(spec.initContainers ?? []), ...spec.containers].filter(isObject).map((c) => [c.name, c]),
    );
    const missing = attachment.sidecars.filter((sidecar) => {
        const there = present.get(sidecar.name);
        if (there === undefined) return true;
        if (there.image !== sidecar.image) {
            throw new SidecarAttachmentError(
                `${where} already has a container "${sidecar.name}" (image ${String(there.image)}) that is not ` +
                    `this sidecar (image ${sidecar.image}): give the sidecar another name`,
            );
        }
        return false;
    });
    if (missing.length === 0) return spec;

    const native = (attachment.sidecarMode ?? SidecarMode.Classic) === SidecarMode.Native;
    const completes =
        runsToCompletion(kind) ||
        (kind === WorkloadKind.Pod && spec.restartPolicy !== undefined && spec.restartPolicy !== "Always");
    if (!native && completes) {
        throw new SidecarAttachmentError(
            `${where} runs to completion, and a classic sidecar (an app container) never exits, so it never ` +
                `would: set sidecarMode: "native" (init containers with restartPolicy Always, Kubernetes >= 1.29)`,
        );
    }
    const volumes: IVolume[] = [...(spec.volumes ?? [])];
    for (const volume of attachment.volumes ?? []) {
        // A volume of that name already in the pod is the one sidecars and app share (the app's own log directory).
        if (!volumes.some((v) => isObject(v) && v.name === volume.name))
            volumes.push(buildVolume(ATTACHMENT_POD, volume));
    }
    const sidecarNames = new Set(attachment.sidecars.map((s) => s.name));
    const appMounts = attachment.appMounts ?? [];
    appMounts.forEach((mount, i) => {
        const absent = (mount.containers ?? []).filter((name) => !spec.containers.some((c) => c?.name === name));
        if (absent.length > 0) {
            const names = spec.containers.map((c) => c?.name).join(", ");
            throw new SidecarAttachmentError(
                `${where} has no app container ${absent.map((n) => `"${n}"`).join(", ")} ` +
                    `(appMounts[${i}].containers; its app containers: ${names})`,
            );
        }
    });
    const containers = spec.containers.map((c) =>
        isObject(c) && !sidecarNames.has(c.name) ? withAppMounts(c, appMounts, where) : c,
    );
    const built = missing.map((sidecar) => buildContainer(sidecar, native ? "Always" : undefined));
    return {
        ...spec,
        ...(native ? { initContainers: [...(spec.initContainers ?? []), ...built] } : {}),
        containers: native ? containers : [...containers, ...built],
        volumes,
    };
}

function withAppMounts(container: IContainer, appMounts: readonly AppMountDefinition[], where: string): IContainer {
    const mounts: IVolumeMount[] = [...(container.volumeMounts ?? [])];
    for (const mount of appMounts) {
        if (mount.containers !== undefined && !mount.containers.includes(container.name)) continue;
        if (mounts.some((m) => m.name === mount.volume)) continue;
        const taken = mounts.find((m) => m.mountPath === mount.path);
        if (taken) {
            throw new SidecarAttachmentError(
                `${where}: container "${container.name}" already mounts volume "${taken.name}" at ${mount.path}, ` +
                    `where appMounts would mount "${mount.volume}"`,
            );
        }
        mounts.push(
            compact({
                name: mount.volume,
                mountPath: mount.path,
                readOnly: mount.readOnly ?? false,
                subPath: mount.subPath,
            }),
        );
    }
    return mounts.length === (container.volumeMounts ?? []).length ? container : { ...container, volumeMounts: mounts };
}

/** A copy of `value` with the field at `path` replaced, sharing everything else. */
function setIn(value: unknown, path: readonly string[], replacement: unknown): unknown {
    if (path.length === 0) return replacement;
    const fields = isObject(value) ? value : {};
    return { ...fields, [path[0]]: setIn(fields[path[0]], path.slice(1), replacement) };
}
