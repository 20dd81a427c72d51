import type { ICronJob } from "kubernetes-models/batch/v1";
import type { CronJobWorkload, PodDefinition } from "../model";
import { compact } from "./compact";
import { buildJobSpec } from "./job";
import { podLabels } from "./labels";
import { objectMetadata, PodBuildOptions } from "./options";
import { workloadObjectName } from "./pod";

/** What a CronJob adds to the pod: a schedule, and the Job each run makes from it. */
export function buildCronJob(def: PodDefinition, spec: CronJobWorkload, options: PodBuildOptions): ICronJob {
    return {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: objectMetadata(def, workloadObjectName(def), options),
        spec: compact({
            schedule: spec.schedule,
            timeZone: spec.timeZone,
            concurrencyPolicy: spec.concurrencyPolicy ?? "Forbid",
            suspend: spec.suspend,
            startingDeadlineSeconds: spec.startingDeadlineSeconds,
            successfulJobsHistoryLimit: spec.successfulJobsHistoryLimit,
            failedJobsHistoryLimit: spec.failedJobsHistoryLimit,
            jobTemplate: {
                metadata: { labels: podLabels(def, options.instance) },
                spec: buildJobSpec(def, spec.job ?? {}, options),
            },
        }),
    };
}
