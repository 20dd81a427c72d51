import { TaintEffect, TolerationOperator } from "../model";
import type { PodDefinition } from "../model";
import { dns1123SubdomainProblem, labelKeyProblem, labelValueProblem } from "./names";
import { annotationsSizeProblem } from "./values";

// The pod's own scheduling and identity fields, checked as the API server would, as [field, message] pairs.

export function podFieldProblems(def: PodDefinition): [string, string][] {
    const problems: [string, string][] = [];
    const add = (field: string, message: string | undefined) =>
        message !== undefined && problems.push([field, message]);
    for (const key of Object.keys(def.annotations ?? {})) add(`annotations["${key}"]`, labelKeyProblem(key));
    add("annotations", annotationsSizeProblem(def.annotations ?? {}));
    for (const [key, value] of Object.entries(def.nodeSelector ?? {})) {
        add(`nodeSelector["${key}"]`, labelKeyProblem(key) ?? labelValueProblem(value));
    }
    if (def.serviceAccountName !== undefined)
        add("serviceAccountName", dns1123SubdomainProblem(def.serviceAccountName));
    if (def.priorityClassName !== undefined) add("priorityClassName", dns1123SubdomainProblem(def.priorityClassName));
    (def.imagePullSecrets ?? []).forEach((name, i) => add(`imagePullSecrets[${i}]`, dns1123SubdomainProblem(name)));
    // The API server's IsValidGroupID.
    if (def.fsGroup !== undefined && (!Number.isInteger(def.fsGroup) || def.fsGroup < 0 || def.fsGroup > 2147483647)) {
        add("fsGroup", `${def.fsGroup} must be a whole number from 0 to 2147483647`);
    }
    const grace = def.terminationGracePeriodSeconds;
    if (grace !== undefined && (!Number.isInteger(grace) || grace < 0)) {
        add("terminationGracePeriodSeconds", `${grace} must be a whole number of seconds, 0 or more`);
    }
    const operators: readonly string[] = Object.values(TolerationOperator);
    const effects: readonly string[] = Object.values(TaintEffect);
    (def.tolerations ?? []).forEach((t, i) => {
        const at = `tolerations[${i}]`;
        if (t.operator !== undefined && !operators.includes(t.operator)) {
            add(`${at}.operator`, `"${t.operator}" must be one of: ${operators.join(", ")}`);
        }
        if (t.effect !== undefined && !effects.includes(t.effect)) {
            add(`${at}.effect`, `"${t.effect}" must be one of: ${effects.join(", ")}`);
        }
        if (t.operator === "Exists" && t.value !== undefined) add(`${at}.value`, "must be empty with operator Exists");
        if (t.key === undefined && t.operator !== "Exists") add(`${at}.key`, "an empty key needs operator Exists");
        if (t.key !== undefined) add(`${at}.key`, labelKeyProblem(t.key));
        if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
            add(`${at}.tolerationSeconds`, "applies only to effect NoExecute");
        }
    });
    return problems;
}
