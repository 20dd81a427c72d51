import { DEFAULT_TERMINATION_GRACE_SECONDS, RESERVED_LABELS } from "../model/defaults";
import { ContainerRole, EmptyDirMedium, Pattern, PodDefinition, SidecarMode } from "../model";
import { podFieldProblems } from "./podFields";
import { PlacedContainer, placedContainers, VOLUME_SOURCES, volumeSources } from "../model/helpers";
import {
    configMapKeyProblem,
    dns1035LabelProblem,
    dns1123LabelProblem,
    dns1123SubdomainProblem,
    labelKeyProblem,
    labelValueProblem,
    portNameProblem,
} from "./names";
import { parseQuantity } from "./quantity";
import { containerProblems } from "./container";
import { evidenceProblems } from "./evidence";
import { workloadProblems } from "./workload";
import { knownValue } from "../model/values";
import { configMapSizeProblem } from "./values";
import { schedulingProblems } from "./scheduling";
import { projectionProblems, resourceFieldProblems } from "./projection";
import { lifecycleProblems } from "./lifecycle";
import { securityFindings } from "./security";
import { servicePortProblems } from "./servicePorts";

export { imageProblem, imageTagProblem } from "./container";

// Checks a definition before anything is built or registered. Errors are definitions Kubernetes would reject
// or that could never work; warnings are legal but almost certainly a mistake. Each finding names the
// pod, the container (when there is one) and the field. The pod's own fields and the checks across
// containers are here; one container's fields in validateContainer.ts, the evidence in validateEvidence.ts.

export type Severity = "error" | "warning";

export interface DefinitionIssue {
    readonly severity: Severity;
    /** The pod's name. */
    readonly pod: string;
    readonly container?: string;
    /** Path of the offending field in the definition, e.g. `containers[0].mounts[1].volume`. */
    readonly field: string;
    readonly message: string;
}

export function formatIssue(issue: DefinitionIssue): string {
    const container = issue.container !== undefined ? `, container "${issue.container}"` : "";
    return `pod "${issue.pod}"${container}, field ${issue.field}: ${issue.message}`;
}

export class InvalidDefinitionError extends Error {
    constructor(readonly issues: readonly DefinitionIssue[]) {
        super(`invalid multi-container pod definition:\n${issues.map((i) => `  - ${formatIssue(i)}`).join("\n")}`);
        this.name = "InvalidDefinitionError";
    }
}

/** Throws an InvalidDefinitionError listing every error of every definition; returns the warnings. */
export function assertValidDefinitions(
    defs: readonly PodDefinition[],
    sidecarMode: SidecarMode = "classic",
): DefinitionIssue[] {
    const issues = defs.flatMap((def) => validateDefinition(def, sidecarMode));
    const errors = issues.filter((i) => i.severity === "error");
    if (errors.length > 0) throw new InvalidDefinitionError(errors);
    return issues;
}

const PATTERNS: readonly string[] = Object.values(Pattern);
const isPort = (port: number) => Number.isInteger(port) && port >= 1 && port <= 65535;

const SIDECAR_MODES: readonly string[] = Object.values(SidecarMode);

/** Every finding of `def`, deployed by a component whose sidecar mode is `sidecarMode`. */
export function validateDefinition(def: PodDefinition, sidecarMode: SidecarMode = "classic"): DefinitionIssue[] {
    const issues: DefinitionIssue[] = [];
    const report = (severity: Severity, field: string, message: string, container?: string) =>
        issues.push({ severity, pod: def.name, container, field, message });
    const error = (field: string, message: string | undefined, container?: string) =>
        message !== undefined && report("error", field, message, container);

    // A Service, named after the pod, needs a DNS-1035 label; the pod alone a DNS-1123 one.
    error("name", def.expose ? dns1035LabelProblem(def.name) : dns1123LabelProblem(def.name));
    if (def.pattern !== undefined && !PATTERNS.includes(def.pattern)) {
        error("pattern", `"${def.pattern}" must be one of: ${PATTERNS.join(", ")}`);
    }
    if (def.manifestFile !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*\.yaml$/.test(def.manifestFile)) {
        error("manifestFile", `"${def.manifestFile}" must be a file name ending in .yaml (written to examples/)`);
    }
    for (const [key, value] of Object.entries(def.labels ?? {})) {
        const known = knownValue(value);
        error(`labels["${key}"]`, labelKeyProblem(key) ?? (known === undefined ? undefined : labelValueProblem(known)));
        if (RESERVED_LABELS.includes(key)) error(`labels["${key}"]`, "the program sets this label itself");
    }
    if (def.containers.length === 0) error("containers", "a pod needs at least one app container");

    for (const [field, message] of podFieldProblems(def)) error(field, message);
    for (const [field, message] of schedulingProblems(def)) error(field, message);
    const volumeNames = new Set<string>();
    def.volumes.forEach((volume, i) => {
        error(`volumes[${i}].name`, dns1123LabelProblem(volume.name));
        if (volumeNames.has(volume.name)) error(`volumes[${i}].name`, `volume "${volume.name}" is declared twice`);
        volumeNames.add(volume.name);
        // As in Kubernetes, a volume is one object with exactly one source.
        const sources = volumeSources(volume);
        if (sources.length !== 1) {
            error(
                `volumes[${i}]`,
                `set exactly one of ${VOLUME_SOURCES.join(", ")} (set: ${sources.join(" and ") || "none"})`,
            );
        }
        const sizeLimit = volume.emptyDir?.sizeLimit;
        if (sizeLimit !== undefined) {
            const size = parseQuantity(sizeLimit);
            if (size === undefined || size <= 0) {
                error(`volumes[${i}].emptyDir.sizeLimit`, `"${sizeLimit}" is not a positive quantity`);
            }
        }
        if (volume.configFiles) {
            const files = volume.configFiles.files;
            const at = `volumes[${i}].configFiles.files`;
            for (const file of Object.keys(files)) error(at, configMapKeyProblem(file));
            error(at, configMapSizeProblem(files));
        }
        const existing = volume.persistentVolumeClaim?.claimName ?? volume.configMap?.name ?? volume.secret?.secretName;
        if (existing !== undefined) error(`volumes[${i}]`, dns1123SubdomainProblem(existing));
        const medium = volume.emptyDir?.medium;
        if (medium !== undefined && !(Object.values(EmptyDirMedium) as string[]).includes(medium)) {
            error(
                `volumes[${i}].emptyDir.medium`,
                `"${medium}" must be one of: ${Object.values(EmptyDirMedium).join(", ")}`,
            );
        }
        for (const [field, message] of projectionProblems(def, volume, `volumes[${i}]`)) error(field, message);
        const fileName = volume.basicAuthSecret?.fileName;
        if (fileName !== undefined) error(`volumes[${i}].basicAuthSecret.fileName`, configMapKeyProblem(fileName));
    });

    const placed = placedContainers(def);
    const containerNames = new Set(placed.map(({ container }) => container.name));
    // What the builder sets when the definition does not: a sleep hook may not outlast it.
    const gracePeriod = def.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_SECONDS;
    const roles = new Map<string, ContainerRole>();
    const seenContainers = new Map<string, string>();
    const seenPorts = new Map<number, string>();
    const portOwners = new Map<string, PlacedContainer>();
    const mountedVolumes = new Set<string>();
    for (const entry of placed) {
        const { container: c, path } = entry;
        const cError = (field: string, message: string | undefined) => error(`${path}.${field}`, message, c.name);
        cError("name", dns1123LabelProblem(c.name));
        const earlier = seenContainers.get(c.name);
        // Init, app and sidecar containers share one namespace of names: kubectl logs -c could not tell them apart.
        if (earlier) cError("name", `container name "${c.name}" is already used by ${earlier}`);
        seenContainers.set(c.name, path);
        roles.set(c.name, entry.role);
        for (const [field, message] of containerProblems(c, entry.role)) cError(field, message);
        for (const [field, message] of lifecycleProblems(c, entry.role, gracePeriod)) cError(field, message);
        (c.env ?? []).forEach((env, i) => {
            if (!env.resourceFieldRef) return;
            const at = `env[${i}].resourceFieldRef`;
            for (const [field, message] of resourceFieldProblems(env.resourceFieldRef, containerNames, at, false)) {
                cError(field, message);
            }
        });

        const envNames = new Set<string>();
        (c.env ?? []).forEach((env, i) => {
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
            cError(`ports[${i}].name`, portNameProblem(port.name));
            if (!isPort(port.containerPort)) {
                cError(`ports[${i}].containerPort`, `${port.containerPort} is not a port number (1-65535)`);
            }
            // All containers of a pod share one network namespace: two running at once cannot listen on one
            // port. A plain init container has exited before the next container starts, so its port is free again.
            if (entry.role !== "init") {
                const owner = seenPorts.get(port.containerPort);
                if (owner) {
                    cError(`ports[${i}].containerPort`, `port ${port.containerPort} is already exposed by ${owner}`);
                }
                seenPorts.set(port.containerPort, `container "${c.name}"`);
            }
            const nameOwner = portOwners.get(port.name);
            if (nameOwner) {
                cError(
                    `ports[${i}].name`,
                    `port name "${port.name}" is already used by container "${nameOwner.container.name}"`,
                );
            }
            portOwners.set(port.name, entry);
        });
    }

    def.volumes.forEach((volume, i) => {
        // Harmless to Kubernetes, so only a warning; but a declared, unmounted volume is usually a typo.
        if (!mountedVolumes.has(volume.name)) {
            report("warning", `volumes[${i}]`, `volume "${volume.name}" is declared but no container mounts it`);
        }
    });

    if (def.expose) {
        const owner = portOwners.get(def.expose.port);
        if (!owner) error("expose.port", `"${def.expose.port}" is not the name of a container port in this pod`);
        if (owner?.role === "init") {
            error(
                "expose.port",
                `"${def.expose.port}" belongs to init container "${owner.container.name}", which exits`,
            );
        }
        for (const key of ["servicePort", "localPort"] as const) {
            if (!isPort(def.expose[key])) error(`expose.${key}`, `${def.expose[key]} is not a port number (1-65535)`);
        }
        if (def.expose.path !== undefined && !def.expose.path.startsWith("/")) {
            error("expose.path", `"${def.expose.path}" must start with '/': it ends the printed URL`);
        }
        for (const [field, message] of servicePortProblems(def, portOwners)) error(field, message);
    }
    (def.localhostCalls ?? []).forEach((call, i) => {
        for (const end of ["from", "to"] as const) {
            if (!roles.has(call[end]))
                error(`localhostCalls[${i}].${end}`, `"${call[end]}" is not a container of this pod`);
        }
        if (!isPort(call.port)) error(`localhostCalls[${i}].port`, `${call.port} is not a port number (1-65535)`);
    });
    for (const [field, message] of evidenceProblems(def, roles)) error(field, message);
    if (def.sidecarMode !== undefined && !SIDECAR_MODES.includes(def.sidecarMode)) {
        error("sidecarMode", `"${def.sidecarMode}" must be one of: ${SIDECAR_MODES.join(", ")}`);
    }
    for (const [field, message] of workloadProblems(def, sidecarMode)) error(field, message);
    for (const finding of securityFindings(def))
        report(finding.severity, finding.field, finding.message, finding.container);
    return issues;
}
