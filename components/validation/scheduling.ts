import { LabelSelectorOperator, NodeSelectorOperator, UnsatisfiableConstraintAction } from "../model";
import type {
    NodeSelectorRequirement,
    PodAffinityDefinition,
    PodAffinityTerm,
    PodDefinition,
    PodLabelRequirement,
} from "../model";
import { dns1123LabelProblem, labelKeyProblem, labelValueProblem } from "./names";

// Affinity and topology spread, checked as the API server's validation does (validateAffinity,
// validateTopologySpreadConstraints, and metav1's label selector rules), as [field, message] pairs.

type Problems = [string, string][];

const NODE_OPERATORS: readonly string[] = Object.values(NodeSelectorOperator);
const LABEL_OPERATORS: readonly string[] = Object.values(LabelSelectorOperator);
const WHEN_UNSATISFIABLE: readonly string[] = Object.values(UnsatisfiableConstraintAction);

export function schedulingProblems(def: PodDefinition): Problems {
    const problems: Problems = [];
    const add = (field: string, message: string | undefined) =>
        message !== undefined && problems.push([field, message]);
    const node = def.affinity?.nodeAffinity;
    if (node?.required !== undefined && node.required.length === 0) {
        add("affinity.nodeAffinity.required", "needs at least one term (an empty list matches no node)");
    }
    const nodeTerm = (at: string, expressions: readonly NodeSelectorRequirement[]) => {
        if (expressions.length === 0) add(`${at}.matchExpressions`, "a term without expressions matches no node");
        expressions.forEach((e, i) => nodeRequirement(`${at}.matchExpressions[${i}]`, e, add));
    };
    (node?.required ?? []).forEach((term, i) =>
        nodeTerm(`affinity.nodeAffinity.required[${i}]`, term.matchExpressions),
    );
    (node?.preferred ?? []).forEach((p, i) => {
        add(`affinity.nodeAffinity.preferred[${i}].weight`, weightProblem(p.weight));
        nodeTerm(`affinity.nodeAffinity.preferred[${i}].term`, p.term.matchExpressions);
    });
    for (const kind of ["podAffinity", "podAntiAffinity"] as const) {
        podAffinityProblems(`affinity.${kind}`, def.affinity?.[kind], add);
    }

    const seen = new Set<string>();
    (def.topologySpreadConstraints ?? []).forEach((c, i) => {
        const at = `topologySpreadConstraints[${i}]`;
        if (!Number.isInteger(c.maxSkew) || c.maxSkew < 1)
            add(`${at}.maxSkew`, `${c.maxSkew} must be a whole number, at least 1`);
        add(`${at}.topologyKey`, topologyKeyProblem(c.topologyKey));
        if (!WHEN_UNSATISFIABLE.includes(c.whenUnsatisfiable)) {
            add(`${at}.whenUnsatisfiable`, `"${c.whenUnsatisfiable}" must be one of: ${WHEN_UNSATISFIABLE.join(", ")}`);
        }
        if (c.minDomains !== undefined) {
            if (!Number.isInteger(c.minDomains) || c.minDomains < 1) {
                add(`${at}.minDomains`, `${c.minDomains} must be a whole number, at least 1`);
            } else if (c.whenUnsatisfiable !== "DoNotSchedule") {
                add(`${at}.minDomains`, "applies only with whenUnsatisfiable DoNotSchedule");
            }
        }
        matchLabelsProblems(`${at}.matchLabels`, c.matchLabels, add);
        const pair = `${c.topologyKey} ${c.whenUnsatisfiable}`;
        if (seen.has(pair)) add(at, `a second constraint on "${c.topologyKey}" with ${c.whenUnsatisfiable}`);
        seen.add(pair);
    });
    return problems;
}

type Add = (field: string, message: string | undefined) => void;

function podAffinityProblems(at: string, affinity: PodAffinityDefinition | undefined, add: Add): void {
    const term = (termAt: string, t: PodAffinityTerm) => {
        add(`${termAt}.topologyKey`, topologyKeyProblem(t.topologyKey));
        matchLabelsProblems(`${termAt}.matchLabels`, t.matchLabels, add);
        (t.matchExpressions ?? []).forEach((e, i) => labelRequirement(`${termAt}.matchExpressions[${i}]`, e, add));
        (t.namespaces ?? []).forEach((ns, i) => add(`${termAt}.namespaces[${i}]`, dns1123LabelProblem(ns)));
    };
    (affinity?.required ?? []).forEach((t, i) => term(`${at}.required[${i}]`, t));
    (affinity?.preferred ?? []).forEach((p, i) => {
        add(`${at}.preferred[${i}].weight`, weightProblem(p.weight));
        term(`${at}.preferred[${i}].term`, p.term);
    });
}

function nodeRequirement(at: string, e: NodeSelectorRequirement, add: Add): void {
    add(`${at}.key`, labelKeyProblem(e.key));
    if (!NODE_OPERATORS.includes(e.operator)) {
        add(`${at}.operator`, `"${e.operator}" must be one of: ${NODE_OPERATORS.join(", ")}`);
        return;
    }
    const values = e.values ?? [];
    if (e.operator === "Gt" || e.operator === "Lt") {
        if (values.length !== 1 || !/^-?[0-9]+$/.test(values[0])) {
            add(`${at}.values`, `operator ${e.operator} needs exactly one integer value`);
        }
    } else valuesProblem(at, e.operator, values, add);
}

function labelRequirement(at: string, e: PodLabelRequirement, add: Add): void {
    add(`${at}.key`, labelKeyProblem(e.key));
    if (!LABEL_OPERATORS.includes(e.operator)) {
        add(`${at}.operator`, `"${e.operator}" must be one of: ${LABEL_OPERATORS.join(", ")}`);
        return;
    }
    valuesProblem(at, e.operator, e.values ?? [], add);
    (e.values ?? []).forEach((value, i) => add(`${at}.values[${i}]`, labelValueProblem(value)));
}

function valuesProblem(at: string, operator: string, values: readonly string[], add: Add): void {
    if ((operator === "In" || operator === "NotIn") && values.length === 0) {
        add(`${at}.values`, `operator ${operator} needs at least one value`);
    }
    if ((operator === "Exists" || operator === "DoesNotExist") && values.length > 0) {
        add(`${at}.values`, `operator ${operator} takes no values`);
    }
}

function matchLabelsProblems(at: string, labels: Record<string, string> | undefined, add: Add): void {
    for (const [key, value] of Object.entries(labels ?? {}))
        add(`${at}["${key}"]`, labelKeyProblem(key) ?? labelValueProblem(value));
}

const weightProblem = (weight: number) =>
    Number.isInteger(weight) && weight >= 1 && weight <= 100
        ? undefined
        : `${weight} must be a whole number from 1 to 100`;

const topologyKeyProblem = (key: string) =>
    key === "" ? "must name a node label, e.g. kubernetes.io/hostname" : labelKeyProblem(key);
