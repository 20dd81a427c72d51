import { ImagePullPolicy } from "../model";
import type { ContainerDefinition, ContainerRole, ProbeDefinition } from "../model";
import { ENV_SOURCES, PROBE_ACTIONS } from "../model/helpers";
import { configMapKeyProblem, dns1123SubdomainProblem, envNameProblem } from "./names";
import { httpGetProblems } from "./actions";
import { parseQuantity } from "./quantity";
import { knownValue } from "../model/values";
import { NO_LIMIT, RESOURCE_FIELDS, resolveResources } from "../model/defaults";

// The checks of one container's own fields, as the API server's validation (k8s.io/kubernetes
// pkg/apis/core/validation) and the container runtime apply them. Each problem is [field, message], the
// field relative to the container. Checks across containers (names, ports, mounts) live in validate.ts.

export type FieldProblem = [field: string, message: string];

const PROBES = ["readinessProbe", "livenessProbe", "startupProbe"] as const;
const PULL_POLICIES: readonly string[] = Object.values(ImagePullPolicy);
const MAX_ID = 2147483647;
/** What env fieldRef may read (validEnvDownwardAPIFieldPathExpressions), besides subscripted labels/annotations. */
const ENV_FIELD_PATHS = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

export function containerProblems(c: ContainerDefinition, role: ContainerRole): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const add = (field: string, message: string | undefined) => message && problems.push([field, message]);

    // An image known only later (another resource's output) is checked once known (validation/values.ts).
    if (c.image === undefined || c.image === null) add("image", "is required");
    const image = knownValue(c.image);
    if (image !== undefined) add("image", imageProblem(image));
    if (c.restartPolicy !== undefined) {
        add(
            "restartPolicy",
            role === "app"
                ? "Kubernetes rejects restartPolicy on an app container"
                : "do not set restartPolicy: the sidecar mode (config sidecarMode) decides it",
        );
    }
    if (c.command !== undefined && c.command.length > 0 && c.command[0].trim() === "") {
        add("command[0]", "must name the program to run; the runtime cannot start an empty one");
    }
    if (c.workingDir !== undefined && !c.workingDir.startsWith("/")) {
        add("workingDir", `"${c.workingDir}" must be an absolute path; the runtime refuses a relative one`);
    }
    for (const probe of PROBES) {
        // The API server rejects probes on plain init containers: they must exit, never become Ready.
        if (role === "init" && c[probe]) add(probe, "init containers run to completion and cannot have probes");
        for (const [field, message] of probeProblems(c[probe], c)) add(`${probe}${field}`, message);
        const success = c[probe]?.successThreshold;
        if (probe !== "readinessProbe" && success !== undefined && success !== 1) {
            add(`${probe}.successThreshold`, `must be 1 for a ${probe}; only a readiness probe may ask for more`);
        }
    }
    (c.env ?? []).forEach((env, i) => {
        add(`env[${i}].name`, envNameProblem(env.name));
        const sources = ENV_SOURCES.filter((source) => env[source] !== undefined);
        if (sources.length !== 1) {
            add(
                `env[${i}]`,
                `env "${env.name}" needs exactly one of ${ENV_SOURCES.join(", ")} (set: ${sources.join(" and ") || "none"})`,
            );
        } else if (env.fieldRef !== undefined) {
            add(`env[${i}].fieldRef`, fieldRefProblem(env.fieldRef));
        }
        for (const source of ["secretKeyRef", "configMapKeyRef"] as const) {
            const ref = env[source];
            if (!ref) continue;
            add(`env[${i}].${source}.name`, dns1123SubdomainProblem(ref.name));
            add(`env[${i}].${source}.key`, configMapKeyProblem(ref.key));
        }
    });
    (c.envFrom ?? []).forEach((from, i) => {
        const refs = [from.secretRef, from.configMapRef].filter((ref) => ref !== undefined);
        if (refs.length !== 1) add(`envFrom[${i}]`, "set exactly one of secretRef and configMapRef");
        for (const ref of refs) add(`envFrom[${i}]`, dns1123SubdomainProblem(ref!));
        if (from.prefix !== undefined && !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(from.prefix)) {
            add(`envFrom[${i}].prefix`, `"${from.prefix}" cannot start an environment variable name`);
        }
    });
    if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy)) {
        add("imagePullPolicy", `"${c.imagePullPolicy}" must be one of: ${PULL_POLICIES.join(", ")}`);
    }
    (c.mounts ?? []).forEach((mount, i) => {
        const sub = mount.subPath;
        if (sub !== undefined && (sub.startsWith("/") || sub.split("/").includes(".."))) {
            add(`mounts[${i}].subPath`, `"${sub}" must be a relative path inside the volume, without ".."`);
        }
    });
    for (const [field, message] of resourceProblems(c)) add(field, message);
    // Root, and what else leaves the restricted profile, is judged against the pod's level: security.ts.
    for (const id of ["runAsUser", "runAsGroup"] as const) {
        const value = c.security?.[id];
        if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > MAX_ID)) {
            add(`security.${id}`, `${value} must be a whole number from 0 to ${MAX_ID}`);
        }
    }
    return problems;
}

/** Why an image reference cannot be pulled, or is unfit for a reproducible deploy, or undefined. */
export function imageProblem(image: string): string | undefined {
    if (image.trim() === "") return "image must not be empty";
    if (image !== image.trim()) return `"${image}" must not have leading or trailing whitespace`;
    if (!IMAGE_REFERENCE.test(image) || image.split("@")[0].length > 255) {
        return (
            `"${image}" is not an image reference the runtime can pull: [registry/]lowercase-path[:tag][@digest], ` +
            "the tag of letters, digits, '_', '.' and '-'"
        );
    }
    return imageTagProblem(image);
}

/** Why an image reference is unfit for a reproducible deploy (no tag, or `latest`), or undefined. */
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

// The reference grammar of github.com/distribution/reference: an optional registry (host[:port]), a path of
// lowercase components, an optional tag, an optional digest.
const DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*(?::[0-9]+)?)`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const IMAGE_REFERENCE = new RegExp(
    `^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`,
);

function fieldRefProblem(path: string): string | undefined {
    const subscripted = /^metadata\.(labels|annotations)\['[^']+'\]$/.test(path);
    if (subscripted || ENV_FIELD_PATHS.includes(path)) return undefined;
    return `"${path}" is not a pod field an env var can read: ${ENV_FIELD_PATHS.join(", ")}, or metadata.labels['key'] / metadata.annotations['key']`;
}

function probeProblems(probe: ProbeDefinition | undefined, c: ContainerDefinition): FieldProblem[] {
    if (!probe) return [];
    const problems: FieldProblem[] = [];
    const actions = PROBE_ACTIONS.filter((action) => probe[action] !== undefined);
    if (actions.length !== 1) {
        problems.push(["", `set exactly one of ${PROBE_ACTIONS.join(", ")} (set: ${actions.join(" and ") || "none"})`]);
    }
    if (probe.tcpSocket) {
        const { port, portName } = probe.tcpSocket;
        if ((port === undefined) === (portName === undefined)) {
            problems.push([".tcpSocket", "set exactly one of port and portName"]);
        }
        if (portName !== undefined && !(c.ports ?? []).some((p) => p.name === portName)) {
            problems.push([".tcpSocket.portName", `"${portName}" is not a port of this container`]);
        }
    }
    for (const port of [probe.tcpSocket?.port, probe.grpc?.port]) {
        if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
            problems.push([
                probe.grpc?.port === port ? ".grpc.port" : ".tcpSocket.port",
                `${port} is not a port number (1-65535)`,
            ]);
        }
    }
    for (const [field, min] of [
        ["initialDelaySeconds", 0],
        ["timeoutSeconds", 1],
        ["failureThreshold", 1],
        ["successThreshold", 1],
    ] as const) {
        const value = probe[field];
        if (value !== undefined && (!Number.isInteger(value) || value < min)) {
            problems.push([`.${field}`, `${value} must be a whole number of at least ${min}`]);
        }
    }
    if (probe.httpGet) {
        for (const [field, message] of httpGetProblems(probe.httpGet, c)) problems.push([`.httpGet${field}`, message]);
    }
    if (probe.exec && (probe.exec.length === 0 || probe.exec[0].trim() === "")) {
        problems.push([".exec", "needs a command to run; Kubernetes rejects an empty exec probe"]);
    }
    const period = probe.periodSeconds;
    if (period !== undefined && (!Number.isInteger(period) || period < 1)) {
        problems.push([".periodSeconds", `${period} must be a whole number of seconds, at least 1`]);
    }
    return problems;
}

function resourceProblems(c: ContainerDefinition): FieldProblem[] {
    const problems: FieldProblem[] = [];
    for (const kind of ["requests", "limits"] as const) {
        for (const field of Object.values(RESOURCE_FIELDS)) {
            const text = c.resources?.[kind]?.[field];
            if (text === undefined || (kind === "limits" && field === "cpu" && text === NO_LIMIT)) continue;
            if (text === NO_LIMIT) {
                problems.push([
                    `resources.${kind}.${field}`,
                    `"${NO_LIMIT}" removes only limits.cpu; memory and disk keep a limit`,
                ]);
                continue;
            }
            const value = parseQuantity(text);
            if (value === undefined || value <= 0) {
                problems.push([`resources.${kind}.${field}`, `"${text}" is not a positive quantity`]);
            }
        }
    }
    // Compare what the pod will really get: the definition's values over the defaults.
    const merged = resolveResources(c.resources);
    for (const [resource, field] of Object.entries(RESOURCE_FIELDS)) {
        const requestText = String(merged.requests?.[resource] ?? "");
        const limitText = String(merged.limits?.[resource] ?? "");
        const request = parseQuantity(requestText);
        const limit = parseQuantity(limitText);
        if (request !== undefined && limit !== undefined && request > 0 && limit > 0 && request > limit) {
            const setLimit = c.resources?.limits?.[field] !== undefined;
            problems.push([
                `resources.requests.${field}`,
                setLimit
                    ? `request ${requestText} is above the limit ${limitText}; Kubernetes rejects that`
                    : `request ${requestText} is above the default limit ${limitText} (limits.${field} is not set); ` +
                      `raise it with resources.limits.${field}, at least ${requestText}`,
            ]);
        }
    }
    return problems;
}
