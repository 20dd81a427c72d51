import type { IPod, IPodSecurityContext, ISecurityContext } from "kubernetes-models/v1";
import type { SecurityOverrides } from "../model";
import { DEFAULT_RUN_AS_USER, RESOURCE_FIELDS } from "../model/defaults";

export { DEFAULT_RESOURCES, DEFAULT_RUN_AS_USER, resolveResources } from "../model/defaults";

// The secure defaults every container gets, in one place: the Pod Security Standards "restricted" profile
// plus requests and limits of cpu, memory and ephemeral storage. A definition may override the user, group,
// root filesystem, resources (and remove the CPU limit), explicitly; running as root, privilege escalation and
// added capabilities only as far as its `podSecurity` level allows (validation/security.ts). Seccomp, the
// dropped capabilities and privileged mode are not overridable.

export function podSecurityContext(fsGroup?: number): IPodSecurityContext {
    return {
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
        ...(fsGroup !== undefined ? { fsGroup } : {}),
    };
}

export function containerSecurityContext(overrides: SecurityOverrides = {}): ISecurityContext {
    const runAsUser = overrides.runAsUser ?? DEFAULT_RUN_AS_USER;
    const add = overrides.addCapabilities;
    return {
        runAsNonRoot: overrides.runAsNonRoot ?? true,
        runAsUser,
        runAsGroup: overrides.runAsGroup ?? runAsUser,
        allowPrivilegeEscalation: overrides.allowPrivilegeEscalation ?? false,
        readOnlyRootFilesystem: overrides.readOnlyRootFilesystem ?? true,
        capabilities: add && add.length > 0 ? { drop: ["ALL"], add: [...add] } : { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
    };
}

// Volume types the restricted profile allows.
const RESTRICTED_VOLUME_TYPES = [
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

/**
 * Every way `pod` breaks the restricted Pod Security Standard or our resource rule, one line each, naming
 * the container and field: the profile's first, then findMissingResources'. Empty means the pod would be
 * admitted by a namespace enforcing `restricted` and every container has all its requests and limits.
 */
export function findSecurityViolations(pod: IPod): string[] {
    return pod.spec ? [...findProfileViolations(pod), ...findMissingResources(pod)] : ["spec: missing"];
}

/** Every way `pod` breaks the restricted Pod Security Standard, one line each. */
export function findProfileViolations(pod: IPod): string[] {
    const spec = pod.spec;
    if (!spec) return ["spec: missing"];
    const violations: string[] = [];
    const podContext = spec.securityContext ?? {};
    for (const field of ["hostNetwork", "hostPID", "hostIPC"] as const) {
        if (spec[field]) violations.push(`pod: spec.${field} must not be true`);
    }
    for (const volume of spec.volumes ?? []) {
        const type = Object.keys(volume).find((key) => key !== "name");
        if (!type || !RESTRICTED_VOLUME_TYPES.includes(type)) {
            violations.push(`pod: volume "${volume.name}" has type ${type ?? "none"}, not allowed by restricted`);
        }
    }
    if (podContext.runAsUser === 0) violations.push("pod: securityContext.runAsUser must not be 0");
    const containers = [...(spec.initContainers ?? []), ...spec.containers];
    for (const container of containers) {
        const where = `container "${container.name}"`;
        const context = container.securityContext ?? {};
        if (context.privileged) violations.push(`${where}: securityContext.privileged must not be true`);
        if (context.allowPrivilegeEscalation !== false) {
            violations.push(`${where}: securityContext.allowPrivilegeEscalation must be false`);
        }
        if (!(context.capabilities?.drop ?? []).includes("ALL")) {
            violations.push(`${where}: securityContext.capabilities.drop must include ALL`);
        }
        const added = (context.capabilities?.add ?? []).filter((cap) => cap !== "NET_BIND_SERVICE");
        if (added.length > 0)
            violations.push(`${where}: securityContext.capabilities.add may only hold NET_BIND_SERVICE`);
        const runAsNonRoot = context.runAsNonRoot ?? podContext.runAsNonRoot;
        if (runAsNonRoot !== true) violations.push(`${where}: securityContext.runAsNonRoot must be true`);
        if (context.runAsUser === 0) violations.push(`${where}: securityContext.runAsUser must not be 0`);
        const seccomp = context.seccompProfile?.type ?? podContext.seccompProfile?.type;
        if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") {
            violations.push(`${where}: securityContext.seccompProfile.type must be RuntimeDefault or Localhost`);
        }
        for (const port of container.ports ?? []) {
            if (port.hostPort) violations.push(`${where}: ports "${port.name}" must not set hostPort`);
        }
    }
    return violations;
}

/** Every request and limit a container of `pod` lacks (our resource rule, not the profile's), one line each. */
export function findMissingResources(pod: IPod): string[] {
    const spec = pod.spec;
    const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
    return containers.flatMap((container) =>
        (["requests", "limits"] as const).flatMap((kind) =>
            Object.keys(RESOURCE_FIELDS)
                .filter((resource) => container.resources?.[kind]?.[resource] === undefined)
                .map((resource) => `container "${container.name}": resources.${kind}.${resource} is not set`),
        ),
    );
}
