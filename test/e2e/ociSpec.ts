import type { IContainer, IPod } from "kubernetes-models/v1";

// Translates one container of a Kubernetes pod spec into an OCI runtime config for runc, the way the
// kubelet and containerd would for the parts this harness reproduces: command/args, env (literal and the
// downward API's pod name and namespace), workingDir, runAsUser/runAsGroup, readOnlyRootFilesystem,
// allowPrivilegeEscalation, dropped capabilities, volume mounts with their readOnly flag, and the pod's
// shared network namespace. Not reproduced: resource limits, seccomp profiles, probes run by a kubelet.

export interface OciContext {
    readonly pod: IPod;
    readonly rootfs: string;
    /** Volume name → host directory bind-mounted wherever a container mounts that volume. */
    readonly volumeDirs: Readonly<Record<string, string>>;
    /** Path of the pod's network namespace (`ip netns add` makes /var/run/netns/NAME). */
    readonly netnsPath: string;
}

const DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
/** The busybox image's default command. */
const IMAGE_DEFAULT_COMMAND = ["sh"];

export function ociConfig(container: IContainer, context: OciContext): Record<string, unknown> {
    const security = container.securityContext ?? {};
    const podSecurity = context.pod.spec?.securityContext ?? {};
    const uid = security.runAsUser ?? podSecurity.runAsUser ?? 0;
    const gid = security.runAsGroup ?? podSecurity.runAsGroup ?? 0;
    if ((security.runAsNonRoot ?? podSecurity.runAsNonRoot) && uid === 0) {
        // What the kubelet does: refuse to start a runAsNonRoot container that would run as root.
        throw new Error(`container "${container.name}": runAsNonRoot is set but the container would run as uid 0`);
    }
    const capabilities = security.capabilities?.drop?.includes("ALL") ? [] : DEFAULT_CAPABILITIES;
    return {
        ociVersion: "1.0.2",
        process: {
            terminal: false,
            user: { uid, gid },
            args: [...(container.command ?? IMAGE_DEFAULT_COMMAND), ...(container.args ?? [])],
            env: [DEFAULT_PATH, `HOSTNAME=${context.pod.metadata?.name}`, ...environment(container, context.pod)],
            cwd: container.workingDir ?? "/",
            capabilities: { bounding: capabilities, effective: capabilities, permitted: capabilities, ambient: [] },
            noNewPrivileges: security.allowPrivilegeEscalation === false,
            rlimits: [{ type: "RLIMIT_NOFILE", hard: 1024, soft: 1024 }],
        },
        root: { path: context.rootfs, readonly: security.readOnlyRootFilesystem === true },
        hostname: context.pod.metadata?.name,
        mounts: [
            { destination: "/proc", type: "proc", source: "proc" },
            {
                destination: "/dev",
                type: "tmpfs",
                source: "tmpfs",
                options: ["nosuid", "strictatime", "mode=755", "size=65536k"],
            },
            {
                destination: "/dev/pts",
                type: "devpts",
                source: "devpts",
                options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"],
            },
            {
                destination: "/dev/shm",
                type: "tmpfs",
                source: "shm",
                options: ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"],
            },
            { destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"] },
            ...(container.volumeMounts ?? []).map((mount) => {
                const source = context.volumeDirs[mount.name];
                if (!source)
                    throw new Error(
                        `container "${container.name}" mounts volume "${mount.name}", which the pod does not declare`,
                    );
                return {
                    destination: mount.mountPath,
                    type: "bind",
                    source,
                    options: ["rbind", mount.readOnly ? "ro" : "rw"],
                };
            }),
        ],
        linux: {
            namespaces: [
                { type: "pid" },
                { type: "ipc" },
                { type: "uts" },
                { type: "mount" },
                { type: "network", path: context.netnsPath },
            ],
            maskedPaths: ["/proc/kcore", "/proc/keys", "/proc/timer_list", "/sys/firmware"],
            readonlyPaths: ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
        },
    };
}

const DEFAULT_CAPABILITIES = [
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_NET_BIND_SERVICE",
];

function environment(container: IContainer, pod: IPod): string[] {
    return (container.env ?? []).map((env) => {
        const fieldPath = env.valueFrom?.fieldRef?.fieldPath;
        if (fieldPath === undefined) return `${env.name}=${env.value ?? ""}`;
        const value = {
            "metadata.name": pod.metadata?.name,
            "metadata.namespace": pod.metadata?.namespace ?? "default",
        }[fieldPath];
        if (value === undefined)
            throw new Error(
                `container "${container.name}": env ${env.name} reads ${fieldPath}, which this harness does not provide`,
            );
        return `${env.name}=${value}`;
    });
}
