import type * as pulumi from "@pulumi/pulumi";
import type { LifecycleDefinition } from "./lifecycle";
import type { DownwardApiVolume, ProjectedVolume, ResourceFieldReference } from "./projection";
import type { AffinityDefinition, TopologySpreadConstraintDefinition } from "./scheduling";
import type { WorkloadDefinition } from "./workload";

// The typed model of a multi-container pod: plain data that the builders beside it turn into Kubernetes objects.
// It is MultiContainerPod's `definition` in TypeScript and, through the package schema Pulumi infers from these
// types, in every other Pulumi language. So it holds only what a schema can express: named interfaces, plain
// arrays, enums as `as const` objects. Where a TypeScript union would say "one of these", the model does what
// Kubernetes does (a volume is one object with exactly one source field set) and the validator checks it.
// The structure (which containers, volumes, ports) is plain, so it is validated before anything is registered;
// the leaf values that commonly come from other resources (images, env values, file contents, label and
// annotation values) are `pulumi.Input<string>`, checked as soon as they are known (model/values.ts). The
// builders place them as they are: the Kubernetes provider resolves Inputs at any depth of an object.

/** Which multi-container pattern a pod teaches: its `app.kubernetes.io/component` label, shown in outputs. */
export const Pattern = {
    InitContainer: "init-container",
    Logging: "logging",
    Monitoring: "monitoring",
    Proxying: "proxying",
    Security: "security",
} as const;
export type Pattern = (typeof Pattern)[keyof typeof Pattern];

/** Where a container runs: init containers to completion first, then app containers with their sidecars. */
export const ContainerRole = { Init: "init", App: "app", Sidecar: "sidecar" } as const;
export type ContainerRole = (typeof ContainerRole)[keyof typeof ContainerRole];

/**
 * How sidecars run: "classic" as extra app containers (any Kubernetes), or "native" as init containers with
 * restartPolicy Always (Kubernetes >= 1.29), which start before the app and stop after it.
 */
export const SidecarMode = { Classic: "classic", Native: "native" } as const;
export type SidecarMode = (typeof SidecarMode)[keyof typeof SidecarMode];

/**
 * Where an emptyDir lives: the node's disk (the default), memory ("Memory": a tmpfs counted against the
 * container's memory limit) or huge pages ("HugePages").
 */
export const EmptyDirMedium = { Memory: "Memory", HugePages: "HugePages" } as const;
export type EmptyDirMedium = (typeof EmptyDirMedium)[keyof typeof EmptyDirMedium];

/** Scratch space that lives as long as the pod. */
export interface EmptyDirVolume {
    /** Most the volume may hold, a quantity such as "16Mi". Default: no limit. */
    readonly sizeLimit?: string;
    /** "Memory" for a tmpfs. Default: the node's disk. */
    readonly medium?: EmptyDirMedium;
}

/** A PersistentVolumeClaim of the namespace, which outlives the pod. */
export interface PersistentVolumeClaimVolume {
    /** The claim's name. */
    readonly claimName: string;
    /** Mount it read-only everywhere. Default false. */
    readonly readOnly?: boolean;
}

/** A ConfigMap that exists already (the component does not create it). */
export interface ExistingConfigMapVolume {
    /** The ConfigMap's name. */
    readonly name: string;
    /** Start the pod even when it is missing. Default false. */
    readonly optional?: boolean;
}

/** A Secret that exists already (the component does not create it); its values stay out of the definition. */
export interface ExistingSecretVolume {
    /** The Secret's name. */
    readonly secretName: string;
    /** Start the pod even when it is missing. Default false. */
    readonly optional?: boolean;
}

/** Files rendered into a ConfigMap named `<pod>-<volume>-<hash of the files>`, created beside the pod. */
export interface ConfigFilesVolume {
    /** File name → content; a content may be another resource's output. */
    readonly files: Record<string, pulumi.Input<string>>;
}

/**
 * An nginx `auth_basic_user_file` in a Secret, made from the component's `basicAuth` credentials. The password
 * never appears in the definition.
 */
export interface BasicAuthSecretVolume {
    /** Name of the user file in the mounted directory. Default "htpasswd". */
    readonly fileName?: string;
}

/** A volume shared by the pod's containers: declared once, mounted by name. Set exactly one source. */
export interface VolumeDefinition {
    /** A DNS-1123 label, unique in the pod. */
    readonly name: string;
    /** Scratch space that lives as long as the pod. */
    readonly emptyDir?: EmptyDirVolume;
    /** Files in a ConfigMap the component creates. */
    readonly configFiles?: ConfigFilesVolume;
    /** An nginx user file in a Secret the component creates from its basicAuth credentials. */
    readonly basicAuthSecret?: BasicAuthSecretVolume;
    /** A PersistentVolumeClaim of the namespace. */
    readonly persistentVolumeClaim?: PersistentVolumeClaimVolume;
    /** A ConfigMap that exists already. */
    readonly configMap?: ExistingConfigMapVolume;
    /** A Secret that exists already. */
    readonly secret?: ExistingSecretVolume;
    /** The pod's own fields and its containers' resources as files. */
    readonly downwardAPI?: DownwardApiVolume;
    /** Secrets, ConfigMaps, pod fields and a service account token in one directory. */
    readonly projected?: ProjectedVolume;
}

export interface VolumeMountDefinition {
    /** Name of a volume declared in the pod's `volumes`. */
    readonly volume: string;
    /** Absolute path in the container. */
    readonly path: string;
    /** Default false. */
    readonly readOnly?: boolean;
    /** Mount only this path inside the volume (e.g. one file of a ConfigMap). Default: the whole volume. */
    readonly subPath?: string;
}

/** One key of a Secret or ConfigMap of the namespace. */
export interface KeyReference {
    /** The Secret's or ConfigMap's name. */
    readonly name: string;
    /** The key in it. */
    readonly key: string;
    /** Start the container even when it is missing. Default false. */
    readonly optional?: boolean;
}

/**
 * An environment variable: set exactly one of `value`, `fieldRef`, `resourceFieldRef`, `secretKeyRef` and
 * `configMapKeyRef`.
 */
export interface EnvVarDefinition {
    /** The variable's name. */
    readonly name: string;
    /**
     * A literal value, or another resource's output. A secret output (pulumi.secret, a secret config value) stays
     * secret in the state; it is in clear in the pod's spec on the cluster, as any env value: where the cluster's
     * readers must not see it, use `secretKeyRef`.
     */
    readonly value?: pulumi.Input<string>;
    /** A pod field read through the downward API, e.g. "metadata.name". */
    readonly fieldRef?: string;
    /** A container's request or limit, e.g. "limits.memory" for a runtime to size its heap by. */
    readonly resourceFieldRef?: ResourceFieldReference;
    /** A key of a Secret: the value never appears in the definition, the state or the pod spec. */
    readonly secretKeyRef?: KeyReference;
    /** A key of a ConfigMap. */
    readonly configMapKeyRef?: KeyReference;
}

/** Every key of a Secret or ConfigMap as environment variables: set exactly one of `secretRef`, `configMapRef`. */
export interface EnvFromDefinition {
    /** A Secret's name. */
    readonly secretRef?: string;
    /** A ConfigMap's name. */
    readonly configMapRef?: string;
    /** Prepended to every key. Default: none. */
    readonly prefix?: string;
}

/** When the kubelet pulls the image: Kubernetes' own policies. */
export const ImagePullPolicy = { Always: "Always", IfNotPresent: "IfNotPresent", Never: "Never" } as const;
export type ImagePullPolicy = (typeof ImagePullPolicy)[keyof typeof ImagePullPolicy];

export interface PortDefinition {
    /** Port name (IANA_SVC_NAME: at most 15 characters). */
    readonly name: string;
    /** The port number (1-65535). */
    readonly containerPort: number;
}

/** An HTTP GET against the pod's IP, to the container port given by number or by name (set one). */
export interface HttpGetAction {
    /** The request path, e.g. "/healthz". */
    readonly path: string;
    /** The container port's number; or, instead, `portName`. */
    readonly port?: number;
    /** Name of one of the container's ports. */
    readonly portName?: string;
}

/** A TCP connection to a container port, by number or by name (set one). */
export interface TcpSocketAction {
    /** The container port's number. */
    readonly port?: number;
    /** Name of one of the container's ports. */
    readonly portName?: string;
}

/** A gRPC health check (grpc.health.v1) on a container port. */
export interface GrpcAction {
    /** The container port's number. */
    readonly port: number;
    /** The service name to check. Default: the server's overall health. */
    readonly service?: string;
}

/** A probe: set exactly one of `httpGet`, `exec`, `tcpSocket` and `grpc`. */
export interface ProbeDefinition {
    /** An HTTP GET that passes with a 2xx or 3xx status. */
    readonly httpGet?: HttpGetAction;
    /** The command and its arguments; the probe passes when it exits 0. */
    readonly exec?: string[];
    /** A TCP connection that passes when it opens. */
    readonly tcpSocket?: TcpSocketAction;
    /** A gRPC health check. */
    readonly grpc?: GrpcAction;
    /** Default 10. */
    readonly periodSeconds?: number;
    /** Seconds after the container starts before the first probe. Default 0. */
    readonly initialDelaySeconds?: number;
    /** Seconds a probe may take. Default 1. */
    readonly timeoutSeconds?: number;
    /** Failures in a row before it counts as failed. Default 3. */
    readonly failureThreshold?: number;
    /** Successes in a row before it counts as passed again (1 for liveness and startup probes). Default 1. */
    readonly successThreshold?: number;
}

export interface ResourceQuantities {
    /**
     * e.g. "10m". In `limits` only, "none" removes the default CPU limit: the container may then use any CPU
     * its node has idle, and is throttled only when others need it (CPU is shared, not taken away).
     */
    readonly cpu?: string;
    /** e.g. "64Mi". */
    readonly memory?: string;
    /**
     * Kubernetes' `ephemeral-storage`, e.g. "64Mi": what the container may write outside its volumes, its
     * writable layer and the logs the kubelet keeps of it. Over the limit, the kubelet evicts the pod.
     */
    readonly ephemeralStorage?: string;
}

/** Requests and limits; each value left out keeps its secure default (components/model/defaults.ts). */
export interface ResourceDefinition {
    /** What the scheduler reserves for the container. */
    readonly requests?: ResourceQuantities;
    /** Most the container may use. */
    readonly limits?: ResourceQuantities;
}

/**
 * Overrides of the secure defaults (components/model/defaults.ts); each must be explicit. `runAsUser`,
 * `runAsGroup`, `readOnlyRootFilesystem` and `addCapabilities: ["NET_BIND_SERVICE"]` stay within the restricted
 * Pod Security profile; `runAsNonRoot: false`, `allowPrivilegeEscalation: true` and other capabilities leave
 * it, and are refused unless the pod's `podSecurity` is "baseline".
 */
export interface SecurityOverrides {
    /**
     * Default 65534 (nobody). Images with a fixed non-root user (nginx: 101) set theirs; 0 (root) needs
     * `runAsNonRoot: false`.
     */
    readonly runAsUser?: number;
    /** Default: runAsUser. */
    readonly runAsGroup?: number;
    /** Default true. Set false only with a comment saying what the image writes outside its volumes. */
    readonly readOnlyRootFilesystem?: boolean;
    /** Default true. false lets the container run as root (`runAsUser: 0`); it needs `podSecurity: "baseline"`. */
    readonly runAsNonRoot?: boolean;
    /** Default false. true (setuid binaries such as sudo work) needs `podSecurity: "baseline"`. */
    readonly allowPrivilegeEscalation?: boolean;
    /**
     * Linux capabilities added back after all are dropped, e.g. "NET_BIND_SERVICE" (ports below 1024, allowed by
     * restricted). The others baseline allows (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, …) need
     * `podSecurity: "baseline"`; any beyond baseline are refused. Default: none.
     */
    readonly addCapabilities?: string[];
}

export interface ContainerDefinition {
    /** A DNS-1123 label, unique among all the pod's containers. */
    readonly name: string;
    /**
     * A pinned `repository:tag`; `latest` and untagged images are rejected. May be another resource's output (an
     * image it built), checked once known.
     */
    readonly image: pulumi.Input<string>;
    /** The entrypoint and its arguments. Default: the image's. */
    readonly command?: string[];
    /** Arguments to the entrypoint. Default: the image's. */
    readonly args?: string[];
    /** Working directory. Default: the image's. */
    readonly workingDir?: string;
    /** Environment variables. Default: none. */
    readonly env?: EnvVarDefinition[];
    /** Every key of Secrets and ConfigMaps as environment variables. Default: none. */
    readonly envFrom?: EnvFromDefinition[];
    /** When the kubelet pulls the image. Default: Kubernetes' (IfNotPresent for a tagged image). */
    readonly imagePullPolicy?: ImagePullPolicy;
    /** Volumes of the pod mounted into this container. Default: none. */
    readonly mounts?: VolumeMountDefinition[];
    /** Ports the container listens on. Default: none. */
    readonly ports?: PortDefinition[];
    /** When the container is ready for traffic. Default: none (ready once started). */
    readonly readinessProbe?: ProbeDefinition;
    /** When the kubelet restarts the container. Default: none. */
    readonly livenessProbe?: ProbeDefinition;
    /** Holds the other probes until the container has started. Default: none. */
    readonly startupProbe?: ProbeDefinition;
    /** Default: the secure defaults of components/model/defaults.ts. */
    readonly resources?: ResourceDefinition;
    /** Explicit overrides of the secure defaults. Default: none. */
    readonly security?: SecurityOverrides;
    /** Hooks the kubelet runs after the container starts and before it stops. Default: none. */
    readonly lifecycle?: LifecycleDefinition;
    /**
     * Never set it: Kubernetes rejects it on app containers, and native sidecars get `Always` from the sidecar
     * mode. Only here so the validator can name the mistake.
     */
    readonly restartPolicy?: string;
}

/** `container`'s log has a line containing `text`. */
export interface LogLineEvidence {
    /** The container whose log is read. */
    readonly container: string;
    /** Text a line of its log contains. */
    readonly text: string;
}

/** A line of `from`'s log containing `marker` appears, whole, in `to`'s log: the data crossed over. */
export interface RelayedLineEvidence {
    /** The container that writes the line. */
    readonly from: string;
    /** The container whose log must show it too. */
    readonly to: string;
    /** Text that marks the lines to look for in `from`'s log. */
    readonly marker: string;
}

/** A request sent from inside container `via` to `url` (the pod's localhost) is answered with `expect`. */
export interface HttpEvidence {
    /** The container the request is sent from (it needs busybox nc). */
    readonly via: string;
    /** http://127.0.0.1[:port]/path or http://localhost[:port]/path. */
    readonly url: string;
    /** Text a line of the response (status line, headers or body) contains. */
    readonly expect: string;
    /** Send the component's basic-auth user and password. Default false. */
    readonly credentials?: boolean;
    /** What a passing check shows, e.g. "auth-proxy refuses a request without credentials". */
    readonly description: string;
}

/** One check that proves on the running pod that the pattern works. Set exactly one of its fields. */
export interface EvidenceDefinition {
    /** A line a container's log must hold. */
    readonly logLine?: LogLineEvidence;
    /** A line of one container's log that must reappear in another's. */
    readonly relayedLine?: RelayedLineEvidence;
    /** A request from inside the pod that must be answered as expected. */
    readonly http?: HttpEvidence;
}

/** One more port of the exposed Service. */
export interface ServicePortDefinition {
    /** Name of a container port in the pod; the Service's port gets the same name. */
    readonly port: string;
    /** The Service's port. */
    readonly servicePort: number;
    /** Local port the printed `kubectl port-forward` forwards to it too. Default: not forwarded. */
    readonly localPort?: number;
}

/**
 * A Service in front of a container port (and, with `additionalPorts`, more of them), and how a user reaches it
 * from their machine: the printed URL opens `port`.
 */
export interface ExposeDefinition {
    /** Name of a container port in the pod. */
    readonly port: string;
    /** The Service's port. */
    readonly servicePort: number;
    /** Local port for the printed `kubectl port-forward`. */
    readonly localPort: number;
    /** Path the printed URL opens. Default "/". */
    readonly path?: string;
    /** More ports of the same Service, e.g. a metrics port beside the app's. Default: none. */
    readonly additionalPorts?: ServicePortDefinition[];
}

/**
 * A request one container sends another over the pod's shared localhost: a proxy forwarding to its app, an
 * exporter scraping it. Nothing else in a definition says so; the pod's picture draws it.
 */
export interface LocalhostCallDefinition {
    /** The container that opens the connection. */
    readonly from: string;
    /** The container listening on `port`. */
    readonly to: string;
    /** The port `to` listens on. */
    readonly port: number;
    /** What the call does, e.g. "scrapes /stub_status". Default: none, the arrow shows only the port. */
    readonly purpose?: string;
}

/**
 * The Pod Security Standard a definition keeps to: "restricted" (the default), or "baseline" for an app that
 * must run as root, escalate privileges or hold more capabilities.
 */
export const PodSecurityLevel = { Restricted: "restricted", Baseline: "baseline" } as const;
export type PodSecurityLevel = (typeof PodSecurityLevel)[keyof typeof PodSecurityLevel];

/** How a toleration matches a taint: by key and value ("Equal", the default), or by key alone ("Exists"). */
export const TolerationOperator = { Equal: "Equal", Exists: "Exists" } as const;
export type TolerationOperator = (typeof TolerationOperator)[keyof typeof TolerationOperator];

/** What a taint does to pods that do not tolerate it. */
export const TaintEffect = {
    NoSchedule: "NoSchedule",
    PreferNoSchedule: "PreferNoSchedule",
    NoExecute: "NoExecute",
} as const;
export type TaintEffect = (typeof TaintEffect)[keyof typeof TaintEffect];

/** A taint the pod tolerates. */
export interface TolerationDefinition {
    /** The taint's key. Default: every key (with operator "Exists"). */
    readonly key?: string;
    /** Default "Equal". */
    readonly operator?: TolerationOperator;
    /** The taint's value, with operator "Equal". */
    readonly value?: string;
    /** The effect tolerated. Default: every effect. */
    readonly effect?: TaintEffect;
    /** With NoExecute: seconds the pod stays once tainted. Default: forever. */
    readonly tolerationSeconds?: number;
}

/** A multi-container pod. `name`, `volumes` and `containers` are all a pod needs; the rest is optional. */
export interface PodDefinition {
    /** The pod's name (a DNS-1123 label); the Service, ConfigMaps and Secret are named after it. */
    readonly name: string;
    /** The pattern the pod teaches. Default: none (no component label). */
    readonly pattern?: Pattern;
    /** One sentence: what the pattern does in this pod. Shown in outputs and pictures. */
    readonly summary?: string;
    /** File under examples/ that `npm run manifests` writes; only the bundled examples have one. */
    readonly manifestFile?: string;
    /**
     * Extra labels for every object; the app.kubernetes.io/ labels the component sets are reserved. A value may be
     * another resource's output. Default: none.
     */
    readonly labels?: Record<string, pulumi.Input<string>>;
    /** Annotations of the pod (a controller's pod template); a value may be another resource's output. Default: none. */
    readonly annotations?: Record<string, pulumi.Input<string>>;
    /**
     * The service account the pod runs as. Default: none: the namespace's `default`, and no API token mounted
     * (the secure default); with one, its token is mounted unless `automountServiceAccountToken` is false.
     */
    readonly serviceAccountName?: string;
    /** Mount the service account's API token. Default: true with a `serviceAccountName`, else false. */
    readonly automountServiceAccountToken?: boolean;
    /** Node labels the pod must be scheduled on. Default: any node. */
    readonly nodeSelector?: Record<string, string>;
    /** Taints the pod tolerates. Default: none. */
    readonly tolerations?: TolerationDefinition[];
    /** Node affinity, pod affinity and anti-affinity. Default: none. */
    readonly affinity?: AffinityDefinition;
    /** How the pods are spread over nodes or zones. Default: none (the scheduler's own spreading). */
    readonly topologySpreadConstraints?: TopologySpreadConstraintDefinition[];
    /** Secrets (of type dockerconfigjson) the kubelet pulls private images with. Default: none. */
    readonly imagePullSecrets?: string[];
    /** Seconds the containers get to stop after SIGTERM. Default 10 (the examples stop at once). */
    readonly terminationGracePeriodSeconds?: number;
    /** The PriorityClass the scheduler ranks the pod by. Default: the cluster's default. */
    readonly priorityClassName?: string;
    /**
     * A group id every container also runs with, and which the kubelet gives the volumes that support ownership
     * (emptyDir, configMap, secret, projected, `local` and most provisioned volumes; not hostPath or NFS), group-
     * writable: how a non-root app writes to a PersistentVolumeClaim whose volume is owned by root. Allowed by the
     * restricted profile. Default: none (each volume keeps its own ownership).
     */
    readonly fsGroup?: number;
    /**
     * The Pod Security Standard the containers' `security` overrides may reach. Default "restricted": an override
     * that leaves it is an error. "baseline" allows running as root, privilege escalation and baseline's
     * capabilities; every such override is then printed as a warning at each preview, and the pod needs a
     * namespace that does not enforce "restricted" (the one this program creates does).
     */
    readonly podSecurity?: PodSecurityLevel;
    /** Volumes the containers share, each mounted by name. May be empty. */
    readonly volumes: VolumeDefinition[];
    /** Run one at a time, in order, each to completion, before anything else starts. */
    readonly initContainers?: ContainerDefinition[];
    /** The application containers. At least one. */
    readonly containers: ContainerDefinition[];
    /** Helpers placed by the sidecar mode: app containers (classic) or restartable init containers (native). */
    readonly sidecars?: ContainerDefinition[];
    /** A Service in front of one container port. Default: none. */
    readonly expose?: ExposeDefinition;
    /** How the pod runs: a bare Pod (the default), or a Deployment, StatefulSet, DaemonSet, Job or CronJob. */
    readonly workload?: WorkloadDefinition;
    /**
     * Where this pod's sidecars run, when it must not follow the component's `sidecarMode`: a Job's sidecars must
     * be "native", or they keep it from completing. Default: the component's.
     */
    readonly sidecarMode?: SidecarMode;
    /** What verification checks on the running pod. Default: none (it waits for Ready and captures logs). */
    readonly evidence?: EvidenceDefinition[];
    /** Calls between containers over localhost, for the pod's picture. Default: none. */
    readonly localhostCalls?: LocalhostCallDefinition[];
}
