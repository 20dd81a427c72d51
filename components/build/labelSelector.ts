import type { LabelSelector } from "../model/attachment";

// A Kubernetes label selector applied to a set of labels, with the API server's semantics: every matchLabels
// entry and every matchExpressions requirement must hold; an empty selector matches everything.

export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, unknown>>): boolean {
    const has = (key: string) => Object.prototype.hasOwnProperty.call(labels, key) && typeof labels[key] === "string";
    const labelsMatch = Object.entries(selector.matchLabels ?? {}).every(
        ([key, value]) => has(key) && labels[key] === value,
    );
    return (
        labelsMatch &&
        (selector.matchExpressions ?? []).every((requirement) => {
            const values = requirement.values ?? [];
            switch (requirement.operator) {
                case "In":
                    return has(requirement.key) && values.includes(labels[requirement.key] as string);
                case "NotIn":
                    return !has(requirement.key) || !values.includes(labels[requirement.key] as string);
                case "Exists":
                    return has(requirement.key);
                case "DoesNotExist":
                    return !has(requirement.key);
            }
            return false;
        })
    );
}
