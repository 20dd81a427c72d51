import {
    ConcurrencyPolicy,
    DeploymentStrategy,
    JobRestartPolicy,
    PodManagementPolicy,
    StatefulSetUpdateStrategy,
} from "../model";
import type { PodDefinition, SidecarMode } from "../model";
import {
    effectiveSidecarMode,
    runsToCompletion,
    WORKLOAD_FIELDS,
    workloadFields,
    workloadKind,
} from "../model/helpers";
import { dns1035LabelProblem, dns1123LabelProblem } from "./names";

// The workload's own fields, and what its kind asks of the pod, checked as the API server and the controllers
// would. Returned as [field, message] pairs for validate.ts to report under the pod's name.

type Problem = [field: string, message: string];

/** A count or percentage, as Kubernetes' IntOrString fields take it: "0", "1", "25%". */
const INT_OR_PERCENT = /^(0|[1-9][0-9]*)%?$/;
const CRON_MACRO = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/;
const CRON_FIELD = /^[0-9A-Za-z*?,/-]+$/;
/** A StatefulSet's or CronJob's name, with the suffix its pods' or Jobs' labels add, stays a label value. */
const SUFFIXED_NAME_MAX = 52;

export function workloadProblems(def: PodDefinition, componentSidecarMode: SidecarMode): Problem[] {
    const problems: Problem[] = [];
    const fields = workloadFields(def);
    if (fields.length > 1) {
        problems.push([
            "workload",
            `set at most one of ${Object.keys(WORKLOAD_FIELDS).join(", ")} (set: ${fields.join(" and ")})`,
        ]);
        return problems;
    }
    const kind = workloadKind(def);
    const w = def.workload ?? {};
    const integer = (field: string, value: number | undefined, min: number) => {
        if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
            problems.push([`workload.${field}`, `${value} must be a whole number of at least ${min}`]);
        }
    };
    const oneOf = (field: string, value: string | undefined, allowed: readonly string[]) => {
        if (value !== undefined && !allowed.includes(value)) {
            problems.push([`workload.${field}`, `"${value}" must be one of: ${allowed.join(", ")}`]);
        }
    };
    const intOrPercent = (field: string, value: string | undefined) => {
        if (value !== undefined && !INT_OR_PERCENT.test(value)) {
            problems.push([`workload.${field}`, `"${value}" must be a count ("1") or a percentage ("25%")`]);
        }
    };

    if (w.name !== undefined) {
        if (kind === "Pod") {
            problems.push([
                "workload.name",
                "a bare Pod is named after the definition (name); workload.name names a controller",
            ]);
        } else {
            const problem = def.expose ? dns1035LabelProblem(w.name) : dns1123LabelProblem(w.name);
            if (problem) problems.push(["workload.name", problem]);
            if ((kind === "StatefulSet" || kind === "CronJob") && w.name.length > SUFFIXED_NAME_MAX) {
                problems.push(["workload.name", `a ${kind}'s name may have at most ${SUFFIXED_NAME_MAX} characters`]);
            }
        }
    }
    if (w.deployment) {
        const d = w.deployment;
        integer("deployment.replicas", d.replicas, 0);
        integer("deployment.minReadySeconds", d.minReadySeconds, 0);
        oneOf("deployment.strategy", d.strategy, Object.values(DeploymentStrategy));
        intOrPercent("deployment.maxUnavailable", d.maxUnavailable);
        intOrPercent("deployment.maxSurge", d.maxSurge);
        if (d.strategy === "Recreate" && (d.maxUnavailable !== undefined || d.maxSurge !== undefined)) {
            problems.push(["workload.deployment.strategy", "Recreate takes no maxUnavailable or maxSurge"]);
        }
        if (isZero(d.maxUnavailable) && isZero(d.maxSurge)) {
            problems.push([
                "workload.deployment.maxSurge",
                "maxUnavailable and maxSurge may not both be 0: nothing could roll",
            ]);
        }
    }
    if (w.statefulSet) {
        integer("statefulSet.replicas", w.statefulSet.replicas, 0);
        integer("statefulSet.minReadySeconds", w.statefulSet.minReadySeconds, 0);
        oneOf("statefulSet.podManagementPolicy", w.statefulSet.podManagementPolicy, Object.values(PodManagementPolicy));
        oneOf("statefulSet.updateStrategy", w.statefulSet.updateStrategy, Object.values(StatefulSetUpdateStrategy));
    }
    if (w.daemonSet) {
        intOrPercent("daemonSet.maxUnavailable", w.daemonSet.maxUnavailable);
        if (isZero(w.daemonSet.maxUnavailable)) {
            problems.push([
                "workload.daemonSet.maxUnavailable",
                "must be at least 1 (or 1%): with 0 no node could update",
            ]);
        }
        integer("daemonSet.minReadySeconds", w.daemonSet.minReadySeconds, 0);
    }
    const job = w.job ?? w.cronJob?.job;
    const jobField = w.job ? "job" : "cronJob.job";
    if (job) {
        integer(`${jobField}.completions`, job.completions, 1);
        integer(`${jobField}.parallelism`, job.parallelism, 0);
        integer(`${jobField}.backoffLimit`, job.backoffLimit, 0);
        integer(`${jobField}.activeDeadlineSeconds`, job.activeDeadlineSeconds, 1);
        integer(`${jobField}.ttlSecondsAfterFinished`, job.ttlSecondsAfterFinished, 0);
        oneOf(`${jobField}.restartPolicy`, job.restartPolicy, Object.values(JobRestartPolicy));
    }
    if (w.cronJob) {
        const c = w.cronJob;
        const schedule = typeof c.schedule === "string" ? c.schedule.trim() : "";
        const cronFields = schedule.split(/\s+/);
        if (!CRON_MACRO.test(schedule) && !(cronFields.length === 5 && cronFields.every((f) => CRON_FIELD.test(f)))) {
            problems.push([
                "workload.cronJob.schedule",
                `"${c.schedule}" is not a cron schedule: five fields ("0 3 * * *") or a macro like @hourly`,
            ]);
        }
        if (/TZ=/.test(schedule))
            problems.push(["workload.cronJob.schedule", "set the time zone in timeZone, not TZ= in the schedule"]);
        if (c.timeZone !== undefined && !isTimeZone(c.timeZone)) {
            problems.push([
                "workload.cronJob.timeZone",
                `"${c.timeZone}" is not an IANA time zone such as "Europe/Berlin"`,
            ]);
        }
        oneOf("cronJob.concurrencyPolicy", c.concurrencyPolicy, Object.values(ConcurrencyPolicy));
        integer("cronJob.startingDeadlineSeconds", c.startingDeadlineSeconds, 0);
        integer("cronJob.successfulJobsHistoryLimit", c.successfulJobsHistoryLimit, 0);
        integer("cronJob.failedJobsHistoryLimit", c.failedJobsHistoryLimit, 0);
    }

    if (runsToCompletion(kind)) {
        const mode = effectiveSidecarMode(def, componentSidecarMode);
        if (mode !== "native" && (def.sidecars ?? []).length > 0) {
            problems.push([
                "sidecars",
                `a ${kind} completes when its app containers exit, and a classic sidecar is an app container that never ` +
                    `exits: it would keep every run going forever. Run the sidecars as native sidecars: sidecarMode: native ` +
                    `(in the definition, or the component's; Kubernetes >= 1.29)`,
            ]);
        }
        (def.evidence ?? []).forEach((evidence, i) => {
            if (evidence.http !== undefined) {
                problems.push([
                    `evidence[${i}].http`,
                    `a ${kind}'s pod has finished when verification looks: check its logs (logLine, relayedLine) instead`,
                ]);
            }
        });
        if (def.expose)
            problems.push(["expose", `a ${kind}'s pod runs to completion: there is nothing for a Service to front`]);
    }
    return problems;
}

const isZero = (value: string | undefined) => value !== undefined && /^0+%?$/.test(value);

function isTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return zone.length > 0;
    } catch {
        return false;
    }
}
