import type { DownwardApiVolume, PodDefinition, ResourceFieldReference, VolumeDefinition } from "../model";
import { PROJECTION_SOURCES, placedContainers } from "../model/helpers";
import { configMapKeyProblem, dns1123SubdomainProblem } from "./names";

// downwardAPI and projected volumes, and the resource references env vars share with them, checked as the API
// server does (validateDownwardAPIVolumeSource, validateProjectedVolumeSource,
// validateContainerResourceFieldSelector), as [field, message] pairs relative to the pod.

type Problems = [string, string][];

/** Pod fields a downwardAPI file may hold (validVolumeDownwardAPIFieldPathExpressions), or one label/annotation. */
const VOLUME_FIELD_PATHS = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "metadata.labels",
    "metadata.annotations",
];
const RESOURCES = [
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
];
const CPU_DIVISORS = ["1m", "1"];
const BYTE_DIVISORS = ["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"];
/** A projected token lives at least ten minutes and at most 2^32 seconds. */
const TOKEN_SECONDS = [600, 2 ** 32] as const;

export function projectionProblems(def: PodDefinition, volume: VolumeDefinition, at: string): Problems {
    const problems: Problems = [];
    const containers = new Set(placedContainers(def).map(({ container }) => container.name));
    const paths = new Map<string, string>();
    const file = (field: string, path: string) => {
        const problem = relativePathProblem(path);
        if (problem) problems.push([field, problem]);
        else if (paths.has(path)) problems.push([field, `"${path}" is already written by ${paths.get(path)}`]);
        paths.set(path, field);
    };
    const downward = (where: string, source: DownwardApiVolume) => {
        if (source.items.length === 0) problems.push([`${where}.items`, "lists no files"]);
        source.items.forEach((item, i) => {
            const itemAt = `${where}.items[${i}]`;
            file(`${itemAt}.path`, item.path);
            if ((item.fieldRef === undefined) === (item.resourceFieldRef === undefined)) {
                problems.push([itemAt, "set exactly one of fieldRef and resourceFieldRef"]);
            }
            if (item.fieldRef !== undefined && !volumeFieldPathOk(item.fieldRef)) {
                problems.push([
                    `${itemAt}.fieldRef`,
                    `"${item.fieldRef}" is not a pod field a file can hold: ${VOLUME_FIELD_PATHS.join(", ")}, ` +
                        "or metadata.labels['key'] / metadata.annotations['key']",
                ]);
            }
            if (item.resourceFieldRef) {
                problems.push(
                    ...resourceFieldProblems(item.resourceFieldRef, containers, `${itemAt}.resourceFieldRef`, true),
                );
            }
        });
    };
    if (volume.downwardAPI) downward(`${at}.downwardAPI`, volume.downwardAPI);
    if (volume.projected) {
        const sources = volume.projected.sources;
        if (sources.length === 0) problems.push([`${at}.projected.sources`, "needs at least one source"]);
        sources.forEach((source, i) => {
            const sourceAt = `${at}.projected.sources[${i}]`;
            const set = PROJECTION_SOURCES.filter((field) => source[field] !== undefined);
            if (set.length !== 1) {
                problems.push([
                    sourceAt,
                    `set exactly one of ${PROJECTION_SOURCES.join(", ")} (set: ${set.join(" and ") || "none"})`,
                ]);
            }
            for (const kind of ["secret", "configMap"] as const) {
                const object = source[kind];
                if (!object) continue;
                const name = dns1123SubdomainProblem(object.name);
                if (name) problems.push([`${sourceAt}.${kind}.name`, name]);
                (object.items ?? []).forEach((item, j) => {
                    const key = configMapKeyProblem(item.key);
                    if (key) problems.push([`${sourceAt}.${kind}.items[${j}].key`, key]);
                    file(`${sourceAt}.${kind}.items[${j}].path`, item.path);
                });
            }
            if (source.downwardAPI) downward(`${sourceAt}.downwardAPI`, source.downwardAPI);
            const token = source.serviceAccountToken;
            if (token) {
                file(`${sourceAt}.serviceAccountToken.path`, token.path);
                const seconds = token.expirationSeconds;
                if (
                    seconds !== undefined &&
                    (!Number.isInteger(seconds) || seconds < TOKEN_SECONDS[0] || seconds > TOKEN_SECONDS[1])
                ) {
                    problems.push([
                        `${sourceAt}.serviceAccountToken.expirationSeconds`,
                        `${seconds} must be a whole number from ${TOKEN_SECONDS[0]} to ${TOKEN_SECONDS[1]}`,
                    ]);
                }
            }
        });
    }
    return problems;
}

/**
 * A resource reference's problems. In a volume it must name its container; in an env var it defaults to the
 * container itself. A container the pod does not have would keep the pod from starting.
 */
export function resourceFieldProblems(
    ref: ResourceFieldReference,
    containers: ReadonlySet<string>,
    at: string,
    inVolume: boolean,
): Problems {
    const problems: Problems = [];
    if (ref.containerName === undefined) {
        if (inVolume)
            problems.push([`${at}.containerName`, "a volume must name the container whose resource it reads"]);
    } else if (!containers.has(ref.containerName)) {
        problems.push([`${at}.containerName`, `"${ref.containerName}" is not a container of this pod`]);
    }
    if (!RESOURCES.includes(ref.resource)) {
        problems.push([`${at}.resource`, `"${ref.resource}" must be one of: ${RESOURCES.join(", ")}`]);
    } else if (ref.divisor !== undefined) {
        const divisors = ref.resource.endsWith(".cpu") ? CPU_DIVISORS : BYTE_DIVISORS;
        if (!divisors.includes(ref.divisor)) {
            problems.push([`${at}.divisor`, `"${ref.divisor}" must be one of: ${divisors.join(", ")}`]);
        }
    }
    return problems;
}

function volumeFieldPathOk(path: string): boolean {
    return VOLUME_FIELD_PATHS.includes(path) || /^metadata\.(labels|annotations)\['[^']+'\]$/.test(path);
}

/** A file path inside a volume: relative, without "..", as validateLocalDescendingPath wants. */
function relativePathProblem(path: string): string | undefined {
    if (path === "") return "must not be empty";
    if (path.startsWith("/") || path.split("/").includes(".."))
        return `"${path}" must be a relative path inside the volume, without ".."`;
    return undefined;
}
