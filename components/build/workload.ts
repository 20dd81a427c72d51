import type { IDaemonSet, IDeployment, IStatefulSet } from "kubernetes-models/apps/v1";
import type { ICronJob, IJob } from "kubernetes-models/batch/v1";
import type { IPod } from "kubernetes-models/v1";
import type { PodDefinition } from "../model";
import { workloadKind } from "../model/helpers";
import { buildCronJob } from "./cronJob";
import { buildDaemonSet } from "./daemonSet";
import { buildDeployment } from "./deployment";
import { buildJob } from "./job";
import { PodBuildOptions } from "./options";
import { buildPod } from "./pod";
import { buildStatefulSet } from "./statefulSet";

// The definition as the object of its kind: one switch over the kinds, each kind's builder in its own file.

export type WorkloadObject = IPod | IDeployment | IStatefulSet | IDaemonSet | IJob | ICronJob;

/**
 * The workload object. `serviceName` is the governing Service's name a StatefulSet needs (its headless
 * Service's, see service.ts); other kinds ignore it.
 */
export function buildWorkload(def: PodDefinition, options: PodBuildOptions, serviceName?: string): WorkloadObject {
    const workload = def.workload ?? {};
    switch (workloadKind(def)) {
        case "Pod":
            return buildPod(def, options);
        case "Deployment":
            return buildDeployment(def, workload.deployment!, options);
        case "StatefulSet":
            return buildStatefulSet(def, workload.statefulSet!, serviceName ?? workload.name ?? def.name, options);
        case "DaemonSet":
            return buildDaemonSet(def, workload.daemonSet!, options);
        case "Job":
            return buildJob(def, workload.job!, options);
        case "CronJob":
            return buildCronJob(def, workload.cronJob!, options);
    }
}
