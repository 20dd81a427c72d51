import { PodSecurityLevel } from "../model";
import type { PodDefinition } from "../model";
import { placedContainers } from "../model/helpers";

// The containers' `security` overrides against the pod's Pod Security level. Staying within "restricted" needs
// nothing; leaving it is an error unless the definition says `podSecurity: "baseline"`, and then every departure
// is a warning the plan prints at each preview (findProfileViolations): never silent, never by accident.
// Beyond baseline the model does not go.

/** What a container may add back once all capabilities are dropped: the restricted profile's one. */
const RESTRICTED_CAPABILITIES = ["NET_BIND_SERVICE"];
/** The baseline profile's capabilities (Pod Security Standards, "Capabilities"). */
const BASELINE_CAPABILITIES = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];
const LEVELS: readonly string[] = Object.values(PodSecurityLevel);

export interface SecurityFinding {
    readonly severity: "error" | "warning";
    readonly field: string;
    readonly message: string;
    readonly container?: string;
}

export function securityFindings(def: PodDefinition): SecurityFinding[] {
    const findings: SecurityFinding[] = [];
    const level = def.podSecurity ?? PodSecurityLevel.Restricted;
    if (!LEVELS.includes(level)) {
        findings.push({
            severity: "error",
            field: "podSecurity",
            message: `"${level}" must be one of: ${LEVELS.join(", ")}`,
        });
    }
    const baseline = level === PodSecurityLevel.Baseline;
    const outOfRestricted =
        'leaves the "restricted" Pod Security profile; say podSecurity: "baseline" on the pod to allow it';
    let leaves = false;
    for (const { container: c, path } of placedContainers(def)) {
        const error = (field: string, message: string) =>
            findings.push({ severity: "error", field: `${path}.security.${field}`, message, container: c.name });
        const s = c.security ?? {};
        if (s.runAsUser === 0 && s.runAsNonRoot !== false) {
            error(
                "runAsUser",
                "0 is root, and runAsNonRoot (default true) makes the kubelet refuse to start it; to run as root, " +
                    'set runAsNonRoot: false too (with podSecurity: "baseline" on the pod)',
            );
        }
        const departures: [string, string][] = [];
        if (s.runAsNonRoot === false) departures.push(["runAsNonRoot", `false ${outOfRestricted}`]);
        if (s.allowPrivilegeEscalation === true)
            departures.push(["allowPrivilegeEscalation", `true ${outOfRestricted}`]);
        (s.addCapabilities ?? []).forEach((cap, i) => {
            const at = `addCapabilities[${i}]`;
            if (cap.startsWith("CAP_")) error(at, `"${cap}": write it without "CAP_", e.g. "${cap.slice(4)}"`);
            else if (!BASELINE_CAPABILITIES.includes(cap)) {
                error(
                    at,
                    `"${cap}" is beyond the "baseline" profile (${BASELINE_CAPABILITIES.join(", ")}); the model goes no further`,
                );
            } else if (!RESTRICTED_CAPABILITIES.includes(cap)) departures.push([at, `"${cap}" ${outOfRestricted}`]);
        });
        if (departures.length > 0) leaves = true;
        if (!baseline) for (const [field, message] of departures) error(field, message);
    }
    if (baseline && !leaves) {
        findings.push({
            severity: "warning",
            field: "podSecurity",
            message: `"baseline" but no container leaves "restricted"; leave podSecurity out to keep the stricter profile`,
        });
    }
    return findings;
}
