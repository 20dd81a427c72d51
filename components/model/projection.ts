// Volumes that project what Kubernetes knows into files: the pod's own fields and its containers' resources
// (downwardAPI), or several Secrets, ConfigMaps, that and a service account token in one directory (projected).

/** A container's request or limit, read through the downward API. */
export interface ResourceFieldReference {
    /**
     * The container whose resource is read. Default in an env var: the container itself; required in a volume.
     */
    readonly containerName?: string;
    /**
     * "requests.cpu", "limits.cpu", "requests.memory", "limits.memory", "requests.ephemeral-storage" or
     * "limits.ephemeral-storage".
     */
    readonly resource: string;
    /** The unit the value is given in, a quantity such as "1m" or "1Mi". Default "1" (cores, bytes). */
    readonly divisor?: string;
}

/** One file of a downwardAPI volume: set exactly one of `fieldRef` and `resourceFieldRef`. */
export interface DownwardApiFile {
    /** The file's path, relative to the mount, e.g. "labels". */
    readonly path: string;
    /**
     * A pod field: "metadata.name", "metadata.namespace", "metadata.uid", "metadata.labels",
     * "metadata.annotations", or one label or annotation as "metadata.labels['key']".
     */
    readonly fieldRef?: string;
    /** A container's request or limit. */
    readonly resourceFieldRef?: ResourceFieldReference;
}

/** The pod's own fields and its containers' resources as files. */
export interface DownwardApiVolume {
    /** The files. At least one. */
    readonly items: DownwardApiFile[];
}

/** One key of a Secret or ConfigMap written to a file of another name. */
export interface KeyToPath {
    /** The key in the Secret or ConfigMap. */
    readonly key: string;
    /** The file's path, relative to the mount. */
    readonly path: string;
}

/** A Secret or ConfigMap of the namespace, projected into the volume. */
export interface ProjectedObject {
    /** The Secret's or ConfigMap's name. */
    readonly name: string;
    /** Only these keys, each to its path. Default: every key, each to a file named after it. */
    readonly items?: KeyToPath[];
    /** Start the pod even when it is missing. Default false. */
    readonly optional?: boolean;
}

/** A token of the pod's service account, for an audience of your choice, renewed by the kubelet. */
export interface ServiceAccountTokenProjection {
    /** The token file's path, relative to the mount. */
    readonly path: string;
    /** Who the token is for. Default: the API server. */
    readonly audience?: string;
    /** How long a token lives, at least 600. Default 3600; the kubelet renews it before it expires. */
    readonly expirationSeconds?: number;
}

/** One source of a projected volume: set exactly one field. */
export interface VolumeProjection {
    /** A Secret's keys. */
    readonly secret?: ProjectedObject;
    /** A ConfigMap's keys. */
    readonly configMap?: ProjectedObject;
    /** Pod fields and container resources. */
    readonly downwardAPI?: DownwardApiVolume;
    /** A service account token (this is how a pod gets a token for another audience than the API server). */
    readonly serviceAccountToken?: ServiceAccountTokenProjection;
}

/** Several sources in one directory. */
export interface ProjectedVolume {
    /** The sources, at least one; their files must not collide. */
    readonly sources: VolumeProjection[];
}
