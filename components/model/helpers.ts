import type {
    ContainerDefinition,
    EvidenceDefinition,
    HttpEvidence,
    LogLineEvidence,
    PodDefinition,
    RelayedLineEvidence,
    ServicePortDefinition,
    SidecarMode,
    VolumeDefinition,
} from "./pod";
import { ContainerRole } from "./pod";
import { WorkloadKind } from "./workload";

// Ways of reading a PodDefinition that every builder needs: its containers with their roles, and the one
// source or check a volume or evidence entry holds, as the tagged values TypeScript can switch on.

export interface PlacedContainer {
    readonly container: ContainerDefinition;
    readonly role: ContainerRole;
    /** `initContainers[0]`, `containers[1]`, `sidecars[0]`. */
    readonly path: string;
}

/** Every container of the pod with its role: init containers, then app containers, then sidecars. */
export function placedContainers(def: PodDefinition): PlacedContainer[] {
    const place = (list: readonly ContainerDefinition[] | undefined, role: ContainerRole, key: string) =>
        (list ?? []).map((container, i) => ({ container, role, path: `${key}[${i}]` }));
    return [
        ...place(def.initContainers, ContainerRole.Init, "initContainers"),
        ...place(def.containers, ContainerRole.App, "containers"),
        ...place(def.sidecars, ContainerRole.Sidecar, "sidecars"),
    ];
}

export const VOLUME_SOURCES = [
    "emptyDir",
    "configFiles",
    "basicAuthSecret",
    "persistentVolumeClaim",
    "configMap",
    "secret",
    "downwardAPI",
    "projected",
] as const;
export type VolumeSource = (typeof VOLUME_SOURCES)[number];

/** The source fields `volume` sets: exactly one in a valid definition. */
export function volumeSources(volume: VolumeDefinition): VolumeSource[] {
    return VOLUME_SOURCES.filter((source) => volume[source] !== undefined);
}

/** The user file's name in a basicAuthSecret volume, and its key in the Secret. */
export const basicAuthFileName = (volume: VolumeDefinition): string => volume.basicAuthSecret?.fileName ?? "htpasswd";

export const EVIDENCE_KINDS = ["logLine", "relayedLine", "http"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** An evidence entry's one check, tagged with its kind. */
export type EvidenceRule =
    | ({ readonly kind: "logLine" } & LogLineEvidence)
    | ({ readonly kind: "relayedLine" } & RelayedLineEvidence)
    | ({ readonly kind: "http" } & HttpEvidence);

/** The check fields `evidence` sets: exactly one in a valid definition. */
export function evidenceKinds(evidence: EvidenceDefinition): EvidenceKind[] {
    return EVIDENCE_KINDS.filter((kind) => evidence[kind] !== undefined);
}

/** The one check `evidence` holds, tagged with its kind; undefined unless it sets exactly one. */
export function evidenceRule(evidence: EvidenceDefinition): EvidenceRule | undefined {
    const kinds = evidenceKinds(evidence);
    return kinds.length === 1 ? ({ kind: kinds[0], ...evidence[kinds[0]] } as EvidenceRule) : undefined;
}

/**
 * The pod's evidence as tagged rules, index for index. Throws on an entry without exactly one check, which the
 * validator reports first with the field's path.
 */
export function evidenceRules(def: PodDefinition): EvidenceRule[] {
    return (def.evidence ?? []).map((evidence, i) => {
        const rule = evidenceRule(evidence);
        if (!rule)
            throw new Error(`pod "${def.name}": evidence[${i}] must set exactly one of ${EVIDENCE_KINDS.join(", ")}`);
        return rule;
    });
}

/** Whether any of the pod's evidence sends the component's basic-auth credentials. */
export function needsCredentials(def: PodDefinition): boolean {
    return (def.evidence ?? []).some((evidence) => evidence.http?.credentials === true);
}

export const WORKLOAD_FIELDS = {
    deployment: WorkloadKind.Deployment,
    statefulSet: WorkloadKind.StatefulSet,
    daemonSet: WorkloadKind.DaemonSet,
    job: WorkloadKind.Job,
    cronJob: WorkloadKind.CronJob,
} as const;
export type WorkloadField = keyof typeof WORKLOAD_FIELDS;

/** The kind fields the definition's workload sets: at most one in a valid definition. */
export function workloadFields(def: PodDefinition): WorkloadField[] {
    const workload = def.workload ?? {};
    return (Object.keys(WORKLOAD_FIELDS) as WorkloadField[]).filter((field) => workload[field] !== undefined);
}

/** The kind the definition deploys as: the one kind field its workload sets, else a bare Pod. */
export function workloadKind(def: PodDefinition): WorkloadKind {
    const fields = workloadFields(def);
    return fields.length === 0 ? WorkloadKind.Pod : WORKLOAD_FIELDS[fields[0]];
}

/** Whether the kind runs its pods to completion (a Job, or a CronJob's Jobs), rather than keeping them up. */
export const runsToCompletion = (kind: WorkloadKind): boolean =>
    kind === WorkloadKind.Job || kind === WorkloadKind.CronJob;

/** The sidecar mode the pod's sidecars run in: its own, else the component's. */
export const effectiveSidecarMode = (def: PodDefinition, componentMode: SidecarMode): SidecarMode =>
    def.sidecarMode ?? componentMode;

/** The Service's ports: `expose`'s own, then its additional ports; none without `expose`. */
export function servicePorts(def: PodDefinition): ServicePortDefinition[] {
    if (!def.expose) return [];
    const { port, servicePort, localPort } = def.expose;
    return [{ port, servicePort, localPort }, ...(def.expose.additionalPorts ?? [])];
}

export const ENV_SOURCES = ["value", "fieldRef", "resourceFieldRef", "secretKeyRef", "configMapKeyRef"] as const;
export const LIFECYCLE_ACTIONS = ["exec", "httpGet", "sleep"] as const;
export const PROJECTION_SOURCES = ["secret", "configMap", "downwardAPI", "serviceAccountToken"] as const;
export const PROBE_ACTIONS = ["httpGet", "exec", "tcpSocket", "grpc"] as const;
