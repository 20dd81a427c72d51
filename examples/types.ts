// The typed model of a multi-container pod example. Plain data only: the builders in components/ turn it
// into Kubernetes objects, so an example file never touches Pulumi or the Kubernetes API shapes directly.

/** Which multi-container pattern an example teaches; shown in outputs and the README. */
export type Pattern = "init-container" | "logging" | "monitoring" | "proxying" | "security";

/** A volume shared by the pod's containers. Declared once; containers mount it by name. */
export type VolumeDefinition =
    | { readonly name: string; readonly kind: "emptyDir"; readonly sizeLimit?: string }
    /** Files rendered into a ConfigMap named `<pod>-<volume>` that the program creates beside the pod. */
    | { readonly name: string; readonly kind: "configFiles"; readonly files: Readonly<Record<string, string>> }
    /**
     * An nginx `auth_basic_user_file` in a Secret named `<pod>-<volume>`, made from the stack's secret
     * config (basicAuthUser / basicAuthPassword). The password never appears in the definition.
     */
    | { readonly name: string; readonly kind: "basicAuthSecret" };

export interface VolumeMountDefinition {
    /** Name of a volume declared in the pod's `volumes`. */
    readonly volume: string;
    readonly path: string;
    /** Default false. */
    readonly readOnly?: boolean;
}

export interface EnvVarDefinition {
    readonly name: string;
    /** A literal value, or `fieldRef` to read a pod field through the downward API (e.g. metadata.name). */
    readonly value?: string;
    readonly fieldRef?: string;
}

export interface PortDefinition {
    /** Port name (IANA_SVC_NAME: at most 15 characters). */
    readonly name: string;
    readonly containerPort: number;
}

/** The probes we use: an HTTP GET against the pod's IP, or a command run inside the container. */
export type ProbeDefinition =
    | { readonly httpGet: { readonly path: string; readonly port: number | string }; readonly periodSeconds?: number }
    | { readonly exec: readonly string[]; readonly periodSeconds?: number };

export interface ResourceDefinition {
    readonly requests?: { readonly cpu?: string; readonly memory?: string };
    readonly limits?: { readonly cpu?: string; readonly memory?: string };
}

/** Overrides of the secure defaults (components/securityDefaults.ts); each must be explicit. */
export interface SecurityOverrides {
    /** Default 65534 (nobody). Images with a fixed non-root user (nginx: 101) set theirs. */
    readonly runAsUser?: number;
    readonly runAsGroup?: number;
    /** Default true. Set false only with a comment saying what the image writes outside its volumes. */
    readonly readOnlyRootFilesystem?: boolean;
}

export interface ContainerDefinition {
    readonly name: string;
    /** A pinned `repository:tag`; `latest` and untagged images are rejected. */
    readonly image: string;
    readonly command?: readonly string[];
    readonly args?: readonly string[];
    readonly workingDir?: string;
    readonly env?: readonly EnvVarDefinition[];
    readonly mounts?: readonly VolumeMountDefinition[];
    readonly ports?: readonly PortDefinition[];
    readonly readinessProbe?: ProbeDefinition;
    readonly livenessProbe?: ProbeDefinition;
    readonly startupProbe?: ProbeDefinition;
    /** Defaults from components/securityDefaults.ts when unset. */
    readonly resources?: ResourceDefinition;
    readonly security?: SecurityOverrides;
    /**
     * Never set on app containers: Kubernetes rejects it. Only here so the validator can name the mistake;
     * native sidecars get `Always` from the sidecar mode, not from the definition.
     */
    readonly restartPolicy?: string;
}

/**
 * What proves on a running pod that the pattern worked. Checked after deploy (components/verify) and by the
 * runc end-to-end test on the containers' real output.
 */
export type EvidenceDefinition =
    /** `container`'s log has a line containing `text`. */
    | { readonly kind: "logLine"; readonly container: string; readonly text: string }
    /** A line of `from`'s log containing `marker` appears, whole, in `to`'s log: the data crossed over. */
    | { readonly kind: "relayedLine"; readonly from: string; readonly to: string; readonly marker: string }
    /**
     * `wget` run inside container `via` against `url` (the pod's localhost) prints `expect` (stdout and
     * stderr together). `credentials` sends the stack's basic-auth user and password.
     */
    | {
          readonly kind: "http";
          readonly via: string;
          readonly url: string;
          readonly expect: string;
          readonly credentials?: boolean;
          readonly description: string;
      };

/** A Service in front of one container port, and how a user reaches it from their machine. */
export interface ExposeDefinition {
    /** Name of a container port in the pod; the Service targets it by name. */
    readonly port: string;
    readonly servicePort: number;
    /** Local port for `kubectl port-forward`. */
    readonly localPort: number;
    /** Path the printed URL opens. Default "/". */
    readonly path?: string;
}

export interface PodExampleDefinition {
    /** The pod's name (a DNS-1123 label); fixed, so the seed's kubectl commands work as written. */
    readonly name: string;
    readonly pattern: Pattern;
    /** One sentence: what the pattern does in this pod. */
    readonly summary: string;
    /** File under examples/ that `npm run manifests` writes for the `kubectl apply -f` flow. */
    readonly manifestFile: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly volumes: readonly VolumeDefinition[];
    /** Run one at a time, in order, each to completion, before anything else starts. */
    readonly initContainers?: readonly ContainerDefinition[];
    /** The application containers. At least one. */
    readonly containers: readonly ContainerDefinition[];
    /** Helpers placed by the stack's sidecar mode: app containers (classic) or restartable init containers (native). */
    readonly sidecars?: readonly ContainerDefinition[];
    readonly expose?: ExposeDefinition;
    readonly evidence: readonly EvidenceDefinition[];
}
