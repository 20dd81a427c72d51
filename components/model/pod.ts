import type { WorkloadDefinition } from "./workload";

// The typed model of a multi-container pod: plain data that the builders beside it turn into Kubernetes objects.
// It is MultiContainerPod's `definition` in TypeScript and, through the package schema Pulumi infers from these
// types, in every other Pulumi language. So it holds only what a schema can express: named interfaces, plain
// arrays, enums as `as const` objects. Where a TypeScript union would say "one of these", the model does what
// Kubernetes does (a volume is one object with exactly one source field set) and the validator checks it.

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

/** Scratch space that lives as long as the pod. */
export interface EmptyDirVolume {
    /** Most the volume may hold, a quantity such as "16Mi". Default: no limit. */
    readonly sizeLimit?: string;
}

/** Files rendered into a ConfigMap named `<pod>-<volume>-<hash of the files>`, created beside the pod. */
export interface ConfigFilesVolume {
    /** File name → content. */
    readonly files: Record<string, string>;
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
    readonly emptyDir?: EmptyDirVolume;
    readonly configFiles?: ConfigFilesVolume;
    readonly basicAuthSecret?: BasicAuthSecretVolume;
}

export interface VolumeMountDefinition {
    /** Name of a volume declared in the pod's `volumes`. */
    readonly volume: string;
    /** Absolute path in the container. */
    readonly path: string;
    /** Default false. */
    readonly readOnly?: boolean;
}

export interface EnvVarDefinition {
    readonly name: string;
    /** A literal value; or, instead, `fieldRef`. */
    readonly value?: string;
    /** A pod field read through the downward API, e.g. "metadata.name". */
    readonly fieldRef?: string;
}

export interface PortDefinition {
    /** Port name (IANA_SVC_NAME: at most 15 characters). */
    readonly name: string;
    readonly containerPort: number;
}

/** An HTTP GET against the pod's IP, to the container port given by number or by name (set one). */
export interface HttpGetAction {
    readonly path: string;
    readonly port?: number;
    /** Name of one of the container's ports. */
    readonly portName?: string;
}

/** A probe: an HTTP GET, or a command run inside the container. Set exactly one of `httpGet` and `exec`. */
export interface ProbeDefinition {
    readonly httpGet?: HttpGetAction;
    /** The command and its arguments; the probe passes when it exits 0. */
    readonly exec?: string[];
    /** Default 10. */
    readonly periodSeconds?: number;
}

export interface ResourceQuantities {
    /** e.g. "10m". */
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
    readonly requests?: ResourceQuantities;
    readonly limits?: ResourceQuantities;
}

/** Overrides of the secure defaults (components/model/defaults.ts); each must be explicit. */
export interface SecurityOverrides {
    /** Default 65534 (nobody). Images with a fixed non-root user (nginx: 101) set theirs. */
    readonly runAsUser?: number;
    /** Default: runAsUser. */
    readonly runAsGroup?: number;
    /** Default true. Set false only with a comment saying what the image writes outside its volumes. */
    readonly readOnlyRootFilesystem?: boolean;
}

export interface ContainerDefinition {
    /** A DNS-1123 label, unique among all the pod's containers. */
    readonly name: string;
    /** A pinned `repository:tag`; `latest` and untagged images are rejected. */
    readonly image: string;
    readonly command?: string[];
    readonly args?: string[];
    readonly workingDir?: string;
    readonly env?: EnvVarDefinition[];
    readonly mounts?: VolumeMountDefinition[];
    readonly ports?: PortDefinition[];
    readonly readinessProbe?: ProbeDefinition;
    readonly livenessProbe?: ProbeDefinition;
    readonly startupProbe?: ProbeDefinition;
    /** Default: the secure defaults of components/model/defaults.ts. */
    readonly resources?: ResourceDefinition;
    readonly security?: SecurityOverrides;
    /**
     * Never set it: Kubernetes rejects it on app containers, and native sidecars get `Always` from the sidecar
     * mode. Only here so the validator can name the mistake.
     */
    readonly restartPolicy?: string;
}

/** `container`'s log has a line containing `text`. */
export interface LogLineEvidence {
    readonly container: string;
    readonly text: string;
}

/** A line of `from`'s log containing `marker` appears, whole, in `to`'s log: the data crossed over. */
export interface RelayedLineEvidence {
    readonly from: string;
    readonly to: string;
    readonly marker: string;
}

/** A request sent from inside container `via` to `url` (the pod's localhost) is answered with `expect`. */
export interface HttpEvidence {
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
    readonly logLine?: LogLineEvidence;
    readonly relayedLine?: RelayedLineEvidence;
    readonly http?: HttpEvidence;
}

/** A Service in front of one container port, and how a user reaches it from their machine. */
export interface ExposeDefinition {
    /** Name of a container port in the pod. */
    readonly port: string;
    readonly servicePort: number;
    /** Local port for the printed `kubectl port-forward`. */
    readonly localPort: number;
    /** Path the printed URL opens. Default "/". */
    readonly path?: string;
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
    readonly port: number;
    /** What the call does, e.g. "scrapes /stub_status". Default: none, the arrow shows only the port. */
    readonly purpose?: string;
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
    /** Extra labels for every object; the app.kubernetes.io/ labels the component sets are reserved. */
    readonly labels?: Record<string, string>;
    readonly volumes: VolumeDefinition[];
    /** Run one at a time, in order, each to completion, before anything else starts. */
    readonly initContainers?: ContainerDefinition[];
    /** The application containers. At least one. */
    readonly containers: ContainerDefinition[];
    /** Helpers placed by the sidecar mode: app containers (classic) or restartable init containers (native). */
    readonly sidecars?: ContainerDefinition[];
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
