import type { ContainerDefinition, ContainerRole, PodDefinition, SidecarMode, VolumeDefinition } from "../model";
import { effectiveSidecarMode, evidenceRules, servicePorts, workloadKind } from "../model/helpers";

// A pod as a picture, before any drawing syntax: its containers grouped by role in start order, its volumes,
// its Service, and the arrows between them. Pure data derived from the definition alone, so the picture can't
// drift from the pod: mounts give the data flow through volumes (a read-write mount is a writer, a read-only
// mount a reader), `expose` gives the Service, relayed-line evidence gives flows the mounts don't show, and
// `localhostCalls` gives what only the definition's author knows: which container calls which over localhost.

export interface GraphContainer {
    readonly id: string;
    readonly container: ContainerDefinition;
    readonly role: ContainerRole;
}

/** Containers that start in the same phase, in the order the kubelet starts the phases. */
export interface GraphGroup {
    readonly id: string;
    readonly role: ContainerRole;
    /** 1-based position in the start order. */
    readonly step: number;
    readonly title: string;
    readonly containers: readonly GraphContainer[];
}

export interface GraphVolume {
    readonly id: string;
    readonly volume: VolumeDefinition;
}

/**
 * `start`: the target starts only after the source (thick); `readWrite`: a container mounts a volume
 * read-write, drawn from the container into the volume; `readOnly`: drawn from the volume to the container
 * (dotted); `request`: network traffic, from the client to the Service, the Service to its container, and
 * between containers over localhost; `relay`: lines of one container's log appear in another's.
 */
export type EdgeKind = "start" | "readWrite" | "readOnly" | "request" | "relay";

export interface GraphEdge {
    readonly from: string;
    readonly to: string;
    readonly kind: EdgeKind;
    readonly label: string;
}

export interface PodGraph {
    readonly name: string;
    readonly sidecarMode: SidecarMode;
    /** What the pod box is called: `Pod NAME`, or `Deployment NAME: 3 replicas of this pod`, … */
    readonly title: string;
    readonly groups: readonly GraphGroup[];
    readonly volumes: readonly GraphVolume[];
    /** Present when the definition exposes a port. */
    readonly service?: { readonly id: string; readonly port: number; readonly localPort: number };
    readonly edges: readonly GraphEdge[];
}

export const CLIENT_ID = "client";
export const SERVICE_ID = "service";
// DNS-1123 names never hold "_", so the ids are distinct for distinct names and never a Mermaid keyword.
export const containerId = (name: string): string => `c_${name.replace(/-/g, "_")}`;
export const volumeId = (name: string): string => `v_${name.replace(/-/g, "_")}`;

export function buildPodGraph(def: PodDefinition, componentSidecarMode: SidecarMode = "classic"): PodGraph {
    const sidecarMode = effectiveSidecarMode(def, componentSidecarMode);
    const place = (list: readonly ContainerDefinition[] | undefined, role: ContainerRole) =>
        (list ?? []).map((container) => ({ id: containerId(container.name), container, role }));
    const byRole = {
        init: place(def.initContainers, "init"),
        app: place(def.containers, "app"),
        sidecar: place(def.sidecars, "sidecar"),
    };
    const native = sidecarMode === "native";
    const order: ContainerRole[] = native ? ["init", "sidecar", "app"] : ["init", "app", "sidecar"];
    const phases = order.filter((role) => byRole[role].length > 0);
    let step = 0;
    const groups = phases.map((role) => {
        // Classic sidecars are app containers: they start together with the app, in the same step.
        if (!(role === "sidecar" && !native && byRole.app.length > 0)) step += 1;
        const title = groupTitle(role, step, native, byRole.sidecar.length > 0);
        return { id: `g_${role}`, role, step, title, containers: byRole[role] };
    });
    const containers = groups.flatMap((group) => group.containers);
    const known = new Set(containers.map((c) => c.container.name));
    const edges: GraphEdge[] = [...startEdges(groups, native)];

    if (def.expose) {
        const forwarded = servicePorts(def).flatMap((p) => (p.localPort === undefined ? [] : [`:${p.localPort}`]));
        edges.push({ from: CLIENT_ID, to: SERVICE_ID, kind: "request", label: `port-forward ${forwarded.join(", ")}` });
        for (const { port, servicePort } of servicePorts(def)) {
            const target = containers.find((c) => (c.container.ports ?? []).some((p) => p.name === port));
            if (!target) throw new Error(`diagram of "${def.name}": no container declares the exposed port "${port}"`);
            const number = target.container.ports!.find((p) => p.name === port)!.containerPort;
            edges.push({
                from: SERVICE_ID,
                to: target.id,
                kind: "request",
                label: `:${servicePort} → ${port} :${number}`,
            });
        }
    }
    for (const { id, container } of containers) {
        for (const mount of container.mounts ?? []) {
            const volume = volumeId(mount.volume);
            edges.push(
                mount.readOnly
                    ? { from: volume, to: id, kind: "readOnly", label: `read-only ${mount.path}` }
                    : { from: id, to: volume, kind: "readWrite", label: `read-write ${mount.path}` },
            );
        }
    }
    for (const call of def.localhostCalls ?? []) {
        for (const end of [call.from, call.to]) {
            if (!known.has(end))
                throw new Error(`diagram of "${def.name}": localhost call names unknown container "${end}"`);
        }
        const label = [`localhost:${call.port}`, call.purpose].filter(Boolean).join(" ");
        edges.push({ from: containerId(call.from), to: containerId(call.to), kind: "request", label });
    }
    for (const evidence of evidenceRules(def)) {
        if (evidence.kind !== "relayedLine") continue;
        const from = containerId(evidence.from);
        const to = containerId(evidence.to);
        // Drawn only when no arrows already carry the data from one to the other.
        if (!reaches(edges, from, to)) edges.push({ from, to, kind: "relay", label: "its log lines reappear here" });
    }
    return {
        name: def.name,
        sidecarMode,
        title: podTitle(def),
        groups,
        volumes: def.volumes.map((volume) => ({ id: volumeId(volume.name), volume })),
        service: def.expose && { id: SERVICE_ID, port: def.expose.servicePort, localPort: def.expose.localPort },
        edges,
    };
}

function groupTitle(role: ContainerRole, step: number, native: boolean, hasSidecars: boolean): string {
    switch (role) {
        case "init":
            return `${step} · init containers: one at a time, each to completion`;
        case "app":
            return native
                ? `${step} · app containers: once every sidecar has started`
                : `${step} · app containers: started together${hasSidecars ? " with the sidecars" : ""}`;
        case "sidecar":
            return native
                ? `${step} · sidecars (native): started before the app, kept running`
                : `${step} · sidecars (classic): started with the app`;
    }
}

/** Init containers one after another; then each later phase after the one before it. */
function startEdges(groups: readonly GraphGroup[], native: boolean): GraphEdge[] {
    const edges: GraphEdge[] = [];
    const init = groups.find((group) => group.role === "init");
    init?.containers.forEach((container, i, list) => {
        if (i > 0) edges.push({ from: list[i - 1].id, to: container.id, kind: "start", label: "exits 0, then" });
    });
    for (let i = 1; i < groups.length; i++) {
        const later = groups[i];
        // Classic: app containers and sidecars share a step; both follow the init containers.
        const earlier = groups
            .slice(0, i)
            .reverse()
            .find((group) => group.step < later.step);
        if (!earlier) continue;
        const label = earlier.role === "init" ? "all exited 0, then" : native ? "started, then" : "then";
        edges.push({ from: earlier.id, to: later.id, kind: "start", label });
    }
    return edges;
}

/** Whether data can already flow from `from` to `to` along volume, request or relay arrows. */
function reaches(edges: readonly GraphEdge[], from: string, to: string): boolean {
    const seen = new Set([from]);
    const queue = [from];
    while (queue.length > 0) {
        const node = queue.shift()!;
        if (node === to) return true;
        for (const edge of edges) {
            if (edge.kind !== "start" && edge.from === node && !seen.has(edge.to)) {
                seen.add(edge.to);
                queue.push(edge.to);
            }
        }
    }
    return false;
}

/** The pod box's title: the bare pod's name, or the kind and name of the workload whose pod it draws. */
function podTitle(def: PodDefinition): string {
    const kind = workloadKind(def);
    const w = def.workload ?? {};
    const replicas = w.deployment?.replicas ?? w.statefulSet?.replicas;
    switch (kind) {
        case "Pod":
            return `Pod ${def.name}`;
        case "Deployment":
        case "StatefulSet":
            return `${kind} ${def.name}: ${replicas ?? 1} × this pod`;
        case "DaemonSet":
            return `DaemonSet ${def.name}: this pod on every node`;
        case "Job":
            return `Job ${def.name}: this pod, run to completion`;
        case "CronJob":
            return `CronJob ${def.name}: this pod, run to completion on schedule ${w.cronJob?.schedule}`;
    }
}
