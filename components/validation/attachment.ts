import { SidecarMode, WorkloadKind } from "../model";
import type { PodDefinition } from "../model";
import type { SidecarAttachment, WorkloadMatch } from "../model/attachment";
import { runsToCompletion } from "../model/helpers";
import { dns1123LabelProblem, labelKeyProblem, labelValueProblem } from "./names";
import { DefinitionIssue, validateDefinition } from "./validate";

// Checks sidecars to attach to existing workloads before anything is registered. The sidecars and their volumes
// are checked by the pod validator itself, as the sidecars of a pod that has no app containers yet (the
// workload brings those); what only an attachment has (app mounts, the match) is checked here.

export class InvalidAttachmentError extends Error {
    constructor(readonly issues: readonly DefinitionIssue[]) {
        super(`invalid sidecar attachment:\n${issues.map((i) => `  - ${formatAttachmentIssue(i)}`).join("\n")}`);
        this.name = "InvalidAttachmentError";
    }
}

export function formatAttachmentIssue(issue: DefinitionIssue): string {
    const container = issue.container !== undefined ? ` (container "${issue.container}")` : "";
    return `${issue.field}${container}: ${issue.message}`;
}

/** Throws an InvalidAttachmentError listing every error; returns the warnings. */
export function assertValidAttachment(attachment: SidecarAttachment, match: WorkloadMatch = {}): DefinitionIssue[] {
    const issues = attachmentProblems(attachment, match);
    const errors = issues.filter((i) => i.severity === "error");
    if (errors.length > 0) throw new InvalidAttachmentError(errors);
    return issues;
}

const KINDS: readonly string[] = Object.values(WorkloadKind);
const OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"];
/** Name the pod validator reports under; replaced by the attachment's own wording in formatAttachmentIssue. */
const POD = "sidecars";

export function attachmentProblems(attachment: SidecarAttachment, match: WorkloadMatch = {}): DefinitionIssue[] {
    const issues: DefinitionIssue[] = [];
    const error = (field: string, message: string | undefined) =>
        message !== undefined && issues.push({ severity: "error", pod: POD, field, message });
    const sidecars = attachment.sidecars ?? [];
    const volumes = attachment.volumes ?? [];
    if (sidecars.length === 0) error("sidecars", "give at least one sidecar");

    const asPod: PodDefinition = {
        name: POD,
        volumes,
        containers: [],
        sidecars,
        sidecarMode: attachment.sidecarMode,
    };
    const mode = attachment.sidecarMode ?? SidecarMode.Classic;
    for (const issue of validateDefinition(asPod, mode)) {
        // The workload brings the app containers; whether its volumes are mounted is decided below.
        if (issue.field === "containers") continue;
        if (issue.severity === "warning" && /^volumes\[\d+\]$/.test(issue.field)) continue;
        issues.push(issue);
    }
    volumes.forEach((volume, i) => {
        if (volume.configFiles || volume.basicAuthSecret) {
            error(
                `volumes[${i}]`,
                `"${volume.name}": a transform creates no ConfigMap or Secret; use an emptyDir, or an existing ` +
                    "persistentVolumeClaim, configMap or secret",
            );
        }
    });

    const declared = new Set(volumes.map((v) => v.name));
    const mounted = new Set(sidecars.flatMap((c) => (c.mounts ?? []).map((m) => m.volume)));
    (attachment.appMounts ?? []).forEach((mount, i) => {
        const at = `appMounts[${i}]`;
        if (!declared.has(mount.volume)) {
            error(
                `${at}.volume`,
                `"${mount.volume}" is not a declared volume (declared: ${[...declared].join(", ") || "none"})`,
            );
        }
        mounted.add(mount.volume);
        if (!mount.path.startsWith("/")) error(`${at}.path`, `"${mount.path}" must be an absolute path`);
        (mount.containers ?? []).forEach((name, j) => error(`${at}.containers[${j}]`, dns1123LabelProblem(name)));
    });
    volumes.forEach((volume, i) => {
        if (!mounted.has(volume.name)) {
            issues.push({
                severity: "warning",
                pod: POD,
                field: `volumes[${i}]`,
                message: `volume "${volume.name}" is declared but neither a sidecar nor appMounts mounts it`,
            });
        }
    });

    for (const [i, kind] of (match.kinds ?? []).entries()) {
        if (!KINDS.includes(kind)) error(`match.kinds[${i}]`, `"${kind}" must be one of: ${KINDS.join(", ")}`);
        else if (mode === SidecarMode.Classic && runsToCompletion(kind)) {
            error(
                `match.kinds[${i}]`,
                `a ${kind}'s pods must complete, and a classic sidecar (an app container) never exits: ` +
                    `set sidecarMode: "native"`,
            );
        }
    }
    for (const [key, value] of Object.entries(match.selector?.matchLabels ?? {})) {
        error(`match.selector.matchLabels["${key}"]`, labelKeyProblem(key) ?? labelValueProblem(value));
    }
    (match.selector?.matchExpressions ?? []).forEach((requirement, i) => {
        const at = `match.selector.matchExpressions[${i}]`;
        error(`${at}.key`, labelKeyProblem(requirement.key));
        if (!OPERATORS.includes(requirement.operator)) {
            error(`${at}.operator`, `"${requirement.operator}" must be one of: ${OPERATORS.join(", ")}`);
        }
        const takesValues = requirement.operator === "In" || requirement.operator === "NotIn";
        const values = requirement.values ?? [];
        if (takesValues && values.length === 0) error(`${at}.values`, `${requirement.operator} needs values`);
        if (!takesValues && values.length > 0) error(`${at}.values`, `${requirement.operator} takes no values`);
    });
    return issues;
}
