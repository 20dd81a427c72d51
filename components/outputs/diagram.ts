import type { ContainerRole, PodDefinition, SidecarMode, VolumeDefinition, VolumeProjection } from "../model";
import { evidenceRules, EvidenceRule } from "../model/helpers";
import { knownValue } from "../model/values";
import { IMAGE_NOT_KNOWN } from "./describe";
import { buildPodGraph, CLIENT_ID, EdgeKind, GraphContainer, PodGraph } from "./podGraph";

// A pod's picture as Mermaid `flowchart` text (GitHub renders it in Markdown), and the one-paragraph caption
// that reads it aloud. The arrows come from buildPodGraph; this file only draws them.

const ARROWS: Record<EdgeKind, string> = {
    start: "==>",
    readWrite: "-->",
    readOnly: "-.->",
    request: "-->",
    relay: "-.->",
};

// Light fills with dark text, legible in GitHub's light and dark themes alike.
const CLASS_DEFS = [
    "classDef init fill:#fdf2d0,stroke:#b7950b,color:#000",
    "classDef app fill:#d6eaf8,stroke:#2471a3,color:#000",
    "classDef sidecar fill:#d5f5e3,stroke:#1e8449,color:#000",
    "classDef volume fill:#eaecee,stroke:#566573,color:#000",
    "classDef service fill:#f5eef8,stroke:#7d3c98,color:#000",
];

export function renderPodDiagram(def: PodDefinition, sidecarMode: SidecarMode = "classic"): string {
    return renderGraph(buildPodGraph(def, sidecarMode));
}

export function renderGraph(graph: PodGraph): string {
    const lines = ["flowchart LR"];
    if (graph.service) {
        lines.push(`    ${CLIENT_ID}(["you: kubectl port-forward<br/>localhost:${graph.service.localPort}"])`);
        lines.push(`    ${graph.service.id}{{"${label(`Service ${graph.name}`, `port ${graph.service.port}`)}"}}`);
    }
    lines.push(`    subgraph pod["${label(graph.title)}"]`);
    for (const group of graph.groups) {
        lines.push(`        subgraph ${group.id}["${label(group.title)}"]`);
        for (const container of group.containers) lines.push(`            ${containerNode(container)}`);
        lines.push("        end");
    }
    for (const { id, volume } of graph.volumes)
        lines.push(`        ${id}[("${label(volume.name, volumeSource(volume))}")]`);
    lines.push("    end");
    for (const edge of graph.edges) {
        lines.push(`    ${edge.from} ${ARROWS[edge.kind]}|"${label(edge.label)}"| ${edge.to}`);
    }
    lines.push(...CLASS_DEFS.map((line) => `    ${line}`));
    const roles: ContainerRole[] = ["init", "app", "sidecar"];
    for (const role of roles) {
        const ids = graph.groups.filter((g) => g.role === role).flatMap((g) => g.containers.map((c) => c.id));
        if (ids.length > 0) lines.push(`    class ${ids.join(",")} ${role}`);
    }
    if (graph.volumes.length > 0) lines.push(`    class ${graph.volumes.map((v) => v.id).join(",")} volume`);
    if (graph.service) lines.push(`    class ${graph.service.id} service`);
    return `${lines.join("\n")}\n`;
}

function containerNode({ id, container }: GraphContainer): string {
    const ports = (container.ports ?? []).map((p) => `port ${p.containerPort} (${p.name})`);
    return `${id}["${label(container.name, knownValue(container.image) ?? IMAGE_NOT_KNOWN, ...ports)}"]`;
}

/** What backs a volume, in Kubernetes terms. */
export function volumeSource(volume: VolumeDefinition): string {
    if (volume.configFiles) return `ConfigMap: ${Object.keys(volume.configFiles.files).sort().join(", ")}`;
    if (volume.basicAuthSecret) return "Secret: basic-auth user file";
    if (volume.persistentVolumeClaim) return `PersistentVolumeClaim ${volume.persistentVolumeClaim.claimName}`;
    if (volume.configMap) return `ConfigMap ${volume.configMap.name}`;
    if (volume.secret) return `Secret ${volume.secret.secretName}`;
    if (volume.downwardAPI) return `downwardAPI: ${volume.downwardAPI.items.map((item) => item.path).join(", ")}`;
    if (volume.projected) return `projected: ${volume.projected.sources.map(projectionSource).join(", ")}`;
    const sizeLimit = volume.emptyDir?.sizeLimit;
    const kind = volume.emptyDir?.medium === "Memory" ? "emptyDir in memory" : "emptyDir";
    return sizeLimit ? `${kind}, ${sizeLimit}` : kind;
}

function projectionSource(source: VolumeProjection): string {
    if (source.secret) return `Secret ${source.secret.name}`;
    if (source.configMap) return `ConfigMap ${source.configMap.name}`;
    if (source.serviceAccountToken) return "service account token";
    return "downwardAPI";
}

/**
 * Lines of a quoted Mermaid label. Mermaid reads `#name;` as an entity and GitHub renders labels as HTML,
 * so the characters that would end the quote or open a tag become entities.
 */
export function label(...lines: string[]): string {
    const escape = (text: string) =>
        text.replace(/[#"<>&]/g, (ch) => ({ "#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;" })[ch]!);
    return lines.map(escape).join("<br/>");
}

/** The picture's caption: what the pod does, in which order it starts, how data moves, what proves it. */
export function renderDiagramCaption(def: PodDefinition, componentSidecarMode: SidecarMode = "classic"): string {
    const graph = buildPodGraph(def, componentSidecarMode);
    const sidecarMode = graph.sidecarMode;
    const names = (role: ContainerRole) =>
        graph.groups.filter((g) => g.role === role).flatMap((g) => g.containers.map((c) => `\`${c.container.name}\``));
    const [init, app, sidecars] = [names("init"), names("app"), names("sidecar")];
    const order = [
        init.length > 0 ? `${list(init)} ${init.length > 1 ? "run one at a time, each" : "runs"} to completion` : "",
        sidecarMode === "native" && sidecars.length > 0
            ? `${list(sidecars)} ${sidecars.length > 1 ? "start" : "starts"} and keep${sidecars.length > 1 ? "" : "s"} running`
            : "",
        sidecarMode === "native" || sidecars.length === 0
            ? `${list(app)} ${app.length > 1 ? "start" : "starts"}`
            : `${list([...app, ...sidecars])} start together`,
    ].filter(Boolean);
    const evidence = evidenceRules(def);
    const sentences = [
        def.summary ?? "",
        `Start order (${sidecarMode} sidecars): ${order.join(", then ")}.`,
        sidecarMode === "classic" && sidecars.length > 0
            ? `With \`sidecarMode: native\` the sidecars start before the app instead.`
            : "",
        graph.title.startsWith("Pod ") ? "" : `Runs as a ${graph.title.replace(/^(\S+) \S+: /, "$1: ")}.`,
        evidence.length > 0 ? `Verification checks that ${evidence.map(evidenceClause).join("; and that ")}.` : "",
        "Thick arrows: start order; solid: read-write mounts and requests; dotted: read-only mounts and relayed log lines.",
    ];
    return sentences.filter(Boolean).join(" ");
}

function evidenceClause(evidence: EvidenceRule): string {
    switch (evidence.kind) {
        case "logLine":
            return `\`${evidence.container}\`'s log has a line containing "${evidence.text}"`;
        case "relayedLine":
            return `a line of \`${evidence.from}\`'s log containing "${evidence.marker}" appears in \`${evidence.to}\`'s log`;
        case "http":
            return evidence.description;
    }
}

function list(items: readonly string[]): string {
    return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
