import type { ContainerDefinition, PodExampleDefinition, ProbeDefinition } from "../examples/types";
import { dns1123LabelProblem, envNameProblem, portNameProblem } from "./names";
import { parseQuantity } from "./quantity";
import { resolveResources } from "./securityDefaults";

// Checks a definition before anything is built or registered. Errors are definitions Kubernetes would reject
// or that could never work; warnings are legal but almost certainly a mistake. Each finding names the
// example, the container (when there is one) and the field.

export type Severity = "error" | "warning";

export interface DefinitionIssue {
    readonly severity: Severity;
    readonly example: string;
    readonly container?: string;
    /** Path of the offending field in the definition, e.g. `containers[0].mounts[1].volume`. */
    readonly field: string;
    readonly message: string;
}

export function formatIssue(issue: DefinitionIssue): string {
    const container = issue.container !== undefined ? `, container "${issue.container}"` : "";
    return `example "${issue.example}"${container}, field ${issue.field}: ${issue.message}`;
}

export class InvalidDefinitionError extends Error {
    constructor(readonly issues: readonly DefinitionIssue[]) {
        super(`invalid multi-container pod definition:\n${issues.map((i) => `  - ${formatIssue(i)}`).join("\n")}`);
        this.name = "InvalidDefinitionError";
    }
}

/** Throws an InvalidDefinitionError listing every error of every definition; returns the warnings. */
export function assertValidExamples(defs: readonly PodExampleDefinition[]): DefinitionIssue[] {
    const issues = defs.flatMap(validateExample);
    const errors = issues.filter((i) => i.severity === "error");
    if (errors.length > 0) throw new InvalidDefinitionError(errors);
    return issues;
}

interface PlacedContainer {
    readonly container: ContainerDefinition;
    readonly role: "init" | "app" | "sidecar";
    /** `initContainers[0]`, `containers[1]`, `sidecars[0]`. */
    readonly path: string;
}

export function placedContainers(def: PodExampleDefinition): PlacedContainer[] {
    const place = (list: readonly ContainerDefinition[] | undefined, role: PlacedContainer["role"], key: string) =>
        (list ?? []).map((container, i) => ({ container, role, path: `${key}[${i}]` }));
    return [
        ...place(def.initContainers, "init", "initContainers"),
        ...place(def.containers, "app", "containers"),
        ...place(def.sidecars, "sidecar", "sidecars"),
    ];
}

export function validateExample(def: PodExampleDefinition): DefinitionIssue[] {
    const issues: DefinitionIssue[] = [];
    const report = (severity: Severity, field: string, message: string, container?: string) =>
        issues.push({ severity, example: def.name, container, field, message });
    const error = (field: string, message: string, container?: string) => report("error", field, message, container);

    const nameProblem = dns1123LabelProblem(def.name);
    if (nameProblem) error("name", nameProblem);
    if (def.containers.length === 0) error("containers", "a pod needs at least one app container");

    const volumeNames = new Set<string>();
    def.volumes.forEach((volume, i) => {
        const problem = dns1123LabelProblem(volume.name);
        if (problem) error(`volumes[${i}].name`, problem);
        if (volumeNames.has(volume.name)) error(`volumes[${i}].name`, `volume "${volume.name}" is declared twice`);
        volumeNames.add(volume.name);
        if (volume.kind === "emptyDir" && volume.sizeLimit !== undefined) {
            const size = parseQuantity(volume.sizeLimit);
            if (size === undefined || size <= 0)
                error(`volumes[${i}].sizeLimit`, `"${volume.sizeLimit}" is not a positive quantity`);
        }
    });

    const placed = placedContainers(def);
    const seenContainers = new Map<string, string>();
    const seenPorts = new Map<number, string>();
    const seenPortNames = new Map<string, string>();
    const mountedVolumes = new Set<string>();
    for (const { container: c, role, path } of placed) {
        const cError = (field: string, message: string) => error(`${path}.${field}`, message, c.name);
        const nameProblem = dns1123LabelProblem(c.name);
        if (nameProblem) cError("name", nameProblem);
        const earlier = seenContainers.get(c.name);
        // Init, app and sidecar containers share one namespace of names: kubectl logs -c could not tell them apart.
        if (earlier) cError("name", `container name "${c.name}" is already used by ${earlier}`);
        seenContainers.set(c.name, path);

        const imageProblem = imageTagProblem(c.image);
        if (imageProblem) cError("image", imageProblem);
        if (c.restartPolicy !== undefined) {
            cError(
                "restartPolicy",
                role === "app"
                    ? "Kubernetes rejects restartPolicy on an app container"
                    : "do not set restartPolicy: the sidecar mode (config sidecarMode) decides it",
            );
        }
        if (role === "init") {
            // The API server rejects probes on plain init containers: they must exit, never become Ready.
            for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"] as const) {
                if (c[probe]) cError(probe, "init containers run to completion and cannot have probes");
            }
        }
        for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"] as const) {
            const problem = probeProblem(c[probe], c);
            if (problem) cError(probe, problem);
        }

        const envNames = new Set<string>();
        (c.env ?? []).forEach((env, i) => {
            const problem = envNameProblem(env.name);
            if (problem) cError(`env[${i}].name`, problem);
            if ((env.value === undefined) === (env.fieldRef === undefined)) {
                cError(`env[${i}]`, `env "${env.name}" needs exactly one of value and fieldRef`);
            }
            // Legal (the last one wins) but it silently hides the first value: a warning, not an error.
            if (envNames.has(env.name)) {
                report(
                    "warning",
                    `${path}.env[${i}].name`,
                    `env "${env.name}" is set twice; the last value wins`,
                    c.name,
                );
            }
            envNames.add(env.name);
        });

        const mountPaths = new Set<string>();
        (c.mounts ?? []).forEach((mount, i) => {
            if (!volumeNames.has(mount.volume)) {
                cError(
                    `mounts[${i}].volume`,
                    `"${mount.volume}" is not a declared volume (declared: ${[...volumeNames].join(", ") || "none"})`,
                );
            }
            mountedVolumes.add(mount.volume);
            if (!mount.path.startsWith("/")) cError(`mounts[${i}].path`, `"${mount.path}" must be an absolute path`);
            if (mountPaths.has(mount.path)) cError(`mounts[${i}].path`, `two mounts on "${mount.path}"`);
            mountPaths.add(mount.path);
        });

        (c.ports ?? []).forEach((port, i) => {
            const problem = portNameProblem(port.name);
            if (problem) cError(`ports[${i}].name`, problem);
            if (!Number.isInteger(port.containerPort) || port.containerPort < 1 || port.containerPort > 65535) {
                cError(`ports[${i}].containerPort`, `${port.containerPort} is not a port number (1-65535)`);
            }
            // All containers of a pod share one network namespace: two cannot listen on one port.
            const owner = seenPorts.get(port.containerPort);
            if (owner) cError(`ports[${i}].containerPort`, `port ${port.containerPort} is already exposed by ${owner}`);
            seenPorts.set(port.containerPort, `container "${c.name}"`);
            const nameOwner = seenPortNames.get(port.name);
            if (nameOwner) cError(`ports[${i}].name`, `port name "${port.name}" is already used by ${nameOwner}`);
            seenPortNames.set(port.name, `container "${c.name}"`);
        });

        resourceProblems(c).forEach(([field, message]) => cError(field, message));
        if (c.security?.runAsUser === 0) cError("security.runAsUser", "0 is root; containers must run as non-root");
    }

    def.volumes.forEach((volume, i) => {
        // Harmless to Kubernetes, so only a warning; but a declared, unmounted volume is usually a typo.
        if (!mountedVolumes.has(volume.name)) {
            report("warning", `volumes[${i}]`, `volume "${volume.name}" is declared but no container mounts it`);
        }
    });

    if (def.expose && !seenPortNames.has(def.expose.port)) {
        error("expose.port", `"${def.expose.port}" is not the name of a container port in this pod`);
    }
    def.evidence.forEach((evidence, i) => {
        const referenced =
            evidence.kind === "logLine"
                ? [evidence.container]
                : evidence.kind === "relayedLine"
                  ? [evidence.from, evidence.to]
                  : [evidence.via];
        for (const name of referenced) {
            if (!seenContainers.has(name)) error(`evidence[${i}]`, `"${name}" is not a container of this pod`);
        }
    });
    return issues;
}

/** Why an image reference is unfit for a reproducible deploy, or undefined. */
export function imageTagProblem(image: string): string | undefined {
    if (image.trim() === "") return "image must not be empty";
    if (image.includes("@sha256:")) return undefined;
    const lastSegment = image.slice(image.lastIndexOf("/") + 1);
    const colon = lastSegment.indexOf(":");
    if (colon < 0) return `"${image}" has no tag; pin one (e.g. ${image}:1.2.3) so every deploy pulls the same image`;
    if (lastSegment.slice(colon + 1) === "latest") {
        return `"${image}" uses the moving tag "latest"; pin a version so a second pulumi up shows no diff`;
    }
    return undefined;
}

function probeProblem(probe: ProbeDefinition | undefined, c: ContainerDefinition): string | undefined {
    if (!probe || !("httpGet" in probe) || typeof probe.httpGet.port === "number") return undefined;
    const portName = probe.httpGet.port;
    return (c.ports ?? []).some((p) => p.name === portName)
        ? undefined
        : `port "${portName}" is not a port of this container`;
}

function resourceProblems(c: ContainerDefinition): Array<[string, string]> {
    const problems: Array<[string, string]> = [];
    for (const kind of ["requests", "limits"] as const) {
        for (const resource of ["cpu", "memory"] as const) {
            const text = c.resources?.[kind]?.[resource];
            if (text === undefined) continue;
            const value = parseQuantity(text);
            if (value === undefined || value <= 0) {
                problems.push([`resources.${kind}.${resource}`, `"${text}" is not a positive quantity`]);
            }
        }
    }
    // Compare what the pod will really get: the definition's values over the defaults.
    const merged = resolveResources(c.resources);
    for (const resource of ["cpu", "memory"]) {
        const request = parseQuantity(String(merged.requests?.[resource] ?? ""));
        const limit = parseQuantity(String(merged.limits?.[resource] ?? ""));
        if (request !== undefined && limit !== undefined && request > 0 && limit > 0 && request > limit) {
            problems.push([`resources.requests.${resource}`, `request is above the limit; Kubernetes rejects that`]);
        }
    }
    return problems;
}
