// How a pod runs: as a bare Pod (the default), or as the pod template of a controller. One definition of the
// containers serves every kind, so switching kind never means rewriting them. Like a volume, a workload is one
// object with at most one kind field set; none set means a bare Pod.

/** The Kubernetes kind a definition is deployed as. */
export const WorkloadKind = {
    Pod: "Pod",
    Deployment: "Deployment",
    StatefulSet: "StatefulSet",
    DaemonSet: "DaemonSet",
    Job: "Job",
    CronJob: "CronJob",
} as const;
export type WorkloadKind = (typeof WorkloadKind)[keyof typeof WorkloadKind];

/** How a Deployment replaces its pods: gradually ("RollingUpdate") or all at once ("Recreate"). */
export const DeploymentStrategy = { RollingUpdate: "RollingUpdate", Recreate: "Recreate" } as const;
export type DeploymentStrategy = (typeof DeploymentStrategy)[keyof typeof DeploymentStrategy];

/** How a StatefulSet starts and stops its pods: one at a time in order ("OrderedReady"), or all at once. */
export const PodManagementPolicy = { OrderedReady: "OrderedReady", Parallel: "Parallel" } as const;
export type PodManagementPolicy = (typeof PodManagementPolicy)[keyof typeof PodManagementPolicy];

/** How a StatefulSet's pods get a new template: rolled ("RollingUpdate"), or when each is deleted ("OnDelete"). */
export const StatefulSetUpdateStrategy = { RollingUpdate: "RollingUpdate", OnDelete: "OnDelete" } as const;
export type StatefulSetUpdateStrategy = (typeof StatefulSetUpdateStrategy)[keyof typeof StatefulSetUpdateStrategy];

/** What a Job does with a failed container: a new pod ("Never"), or a restart in place ("OnFailure"). */
export const JobRestartPolicy = { Never: "Never", OnFailure: "OnFailure" } as const;
export type JobRestartPolicy = (typeof JobRestartPolicy)[keyof typeof JobRestartPolicy];

/** What a CronJob does when a run is due while another is active. */
export const ConcurrencyPolicy = { Allow: "Allow", Forbid: "Forbid", Replace: "Replace" } as const;
export type ConcurrencyPolicy = (typeof ConcurrencyPolicy)[keyof typeof ConcurrencyPolicy];

/** What a Deployment adds to the pod: how many, and how a new template replaces the old pods. */
export interface DeploymentWorkload {
    /** Pods to run. Default 1. */
    readonly replicas?: number;
    /** "RollingUpdate" (default): new pods replace old ones gradually; "Recreate": all old pods go first. */
    readonly strategy?: DeploymentStrategy;
    /**
     * Most pods that may be unavailable during a rolling update: a count ("0", "1") or a percentage ("25%").
     * Default Kubernetes' "25%". "0" keeps every replica serving throughout.
     */
    readonly maxUnavailable?: string;
    /** Most pods above `replicas` during a rolling update: a count or a percentage. Default Kubernetes' "25%". */
    readonly maxSurge?: string;
    /** Seconds a new pod must be Ready before it counts as available. Default 0. */
    readonly minReadySeconds?: number;
}

/** What a StatefulSet adds: stable pod names (`<name>-0`, `-1`, …) behind a headless Service it gets. */
export interface StatefulSetWorkload {
    /** Pods to run. Default 1. */
    readonly replicas?: number;
    /** "OrderedReady" (default): one pod at a time, in order; "Parallel": all at once. */
    readonly podManagementPolicy?: PodManagementPolicy;
    /** "RollingUpdate" (default) or "OnDelete" (a new template reaches a pod only when it is deleted). */
    readonly updateStrategy?: StatefulSetUpdateStrategy;
    /** Seconds a new pod must be Ready before it counts as available. Default 0. */
    readonly minReadySeconds?: number;
}

/** What a DaemonSet adds: one pod on every node. */
export interface DaemonSetWorkload {
    /** Most nodes whose pod may be unavailable during an update: a count or a percentage. Default "1". */
    readonly maxUnavailable?: string;
    /** Seconds a new pod must be Ready before it counts as available. Default 0. */
    readonly minReadySeconds?: number;
}

/** What a Job adds: run the pod to completion. Its sidecars must be native, or they keep it from completing. */
export interface JobWorkload {
    /** Pods that must succeed. Default 1. */
    readonly completions?: number;
    /** Pods running at once. Default 1. */
    readonly parallelism?: number;
    /** Failed pods before the Job fails. Default 2 (Kubernetes' 6 hides a broken pod for minutes). */
    readonly backoffLimit?: number;
    /** Seconds the Job may run before it is failed. Default: no limit. */
    readonly activeDeadlineSeconds?: number;
    /**
     * Seconds after it finishes before Kubernetes deletes the Job. Default: never. Set it on a stack's Job and
     * the next `pulumi refresh` finds it gone and `pulumi up` runs it again.
     */
    readonly ttlSecondsAfterFinished?: number;
    /** "Never" (default): a failed pod is replaced; "OnFailure": its failed containers restart in place. */
    readonly restartPolicy?: JobRestartPolicy;
}

/** What a CronJob adds: run a Job from the pod on a schedule. */
export interface CronJobWorkload {
    /** Cron schedule in cron(8)'s five fields, e.g. "0 3 * * *" (03:00 every day). Required. */
    readonly schedule: string;
    /** IANA time zone of the schedule, e.g. "Europe/Berlin". Default: the controller manager's. */
    readonly timeZone?: string;
    /** "Forbid" (default): skip a run while one is active; "Allow": overlap; "Replace": stop the active one. */
    readonly concurrencyPolicy?: ConcurrencyPolicy;
    /** Pause the schedule. Default false. */
    readonly suspend?: boolean;
    /** Seconds a missed run may still start late. Default: no limit. */
    readonly startingDeadlineSeconds?: number;
    /** Finished Jobs kept. Defaults 3 successful, 1 failed. */
    readonly successfulJobsHistoryLimit?: number;
    /** Failed Jobs kept. Default 1. */
    readonly failedJobsHistoryLimit?: number;
    /** Each run's Job. Default: JobWorkload's defaults. */
    readonly job?: JobWorkload;
}

/** How the pod runs. Set at most one kind; none set is a bare Pod named after the definition. */
export interface WorkloadDefinition {
    /**
     * Name of the workload object (and its Service). Default for a controller: none, so Pulumi names it
     * `<component name>-<kind>-<random suffix>` and its ConfigMaps, Secrets and Service too, which lets two
     * stacks deploy the same definition into one namespace. A bare Pod is always named after the definition.
     */
    readonly name?: string;
    /** Run the pod as a Deployment. */
    readonly deployment?: DeploymentWorkload;
    /** Run the pod as a StatefulSet, with a headless Service. */
    readonly statefulSet?: StatefulSetWorkload;
    /** Run the pod on every node, as a DaemonSet. */
    readonly daemonSet?: DaemonSetWorkload;
    /** Run the pod to completion, as a Job. */
    readonly job?: JobWorkload;
    /** Run the pod to completion on a schedule, as a CronJob. */
    readonly cronJob?: CronJobWorkload;
}
