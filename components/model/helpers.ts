import type {
    ContainerDefinition,
    EvidenceDefinition,
    HttpEvidence,
    LogLineEvidence,
    PodDefinition,
    RelayedLineEvidence,
    VolumeDefinition,
} from "./pod";
import { ContainerRole } from "./pod";

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

export const VOLUME_SOURCES = ["emptyDir", "configFiles", "basicAuthSecret"] as const;
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
