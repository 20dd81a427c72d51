import type { IJob, IJobSpec } from "kubernetes-models/batch/v1";
import type { JobWorkload, PodDefinition } from "../model";
import { compact } from "./compact";
import { objectMetadata, PodBuildOptions } from "./options";
import { buildPodTemplate, workloadObjectName } from "./pod";

/** Failed pods before a Job fails, when the definition does not say: a broken pod shows within minutes. */
export const DEFAULT_BACKOFF_LIMIT = 2;

/**
 * What a Job adds to the pod: completions, parallelism and its limits. No selector: Kubernetes generates a
 * unique one, so a Job never adopts another's pods.
 */
export function buildJobSpec(def: PodDefinition, spec: JobWorkload, options: PodBuildOptions): IJobSpec {
    return compact({
        completions: spec.completions,
        parallelism: spec.parallelism,
        backoffLimit: spec.backoffLimit ?? DEFAULT_BACKOFF_LIMIT,
        activeDeadlineSeconds: spec.activeDeadlineSeconds,
        ttlSecondsAfterFinished: spec.ttlSecondsAfterFinished,
        template: buildPodTemplate(def, options),
    });
}

export function buildJob(def: PodDefinition, spec: JobWorkload, options: PodBuildOptions): IJob {
    return {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: objectMetadata(def, workloadObjectName(def), options),
        spec: buildJobSpec(def, spec, options),
    };
}
