import type { ContainerRole, PodDefinition } from "../model";
import { EVIDENCE_KINDS, evidenceKinds, evidenceRule } from "../model/helpers";
import type { FieldProblem } from "./container";
import { parseLocalUrl } from "./localUrl";

// The checks of a definition's evidence: each rule must name containers of the pod, be checkable by the
// verification script (components/verify) and able to prove something.

/** Problems of `def.evidence`, each [field, message]; `roles` maps every container of the pod to its role. */
export function evidenceProblems(def: PodDefinition, roles: ReadonlyMap<string, ContainerRole>): FieldProblem[] {
    const problems: FieldProblem[] = [];
    (def.evidence ?? []).forEach((evidence, i) => {
        const rule = evidenceRule(evidence);
        if (!rule) {
            const set = evidenceKinds(evidence).join(" and ") || "none";
            problems.push([`evidence[${i}]`, `set exactly one of ${EVIDENCE_KINDS.join(", ")} (set: ${set})`]);
            return;
        }
        const at = `evidence[${i}].${rule.kind}`;
        const add = (field: string, message: string | undefined) => message && problems.push([field, message]);
        const containers =
            rule.kind === "logLine"
                ? [rule.container]
                : rule.kind === "relayedLine"
                  ? [rule.from, rule.to]
                  : [rule.via];
        for (const name of containers) {
            if (!roles.has(name)) add(at, `"${name}" is not a container of this pod`);
        }
        switch (rule.kind) {
            case "logLine":
                add(`${at}.text`, searchTextProblem(rule.text));
                break;
            case "relayedLine":
                add(`${at}.marker`, searchTextProblem(rule.marker));
                if (rule.from === rule.to)
                    add(at, `from and to are both "${rule.from}": a line in its own log proves nothing`);
                break;
            case "http": {
                add(`${at}.expect`, searchTextProblem(rule.expect));
                const url = parseLocalUrl(rule.url);
                if (typeof url === "string") add(`${at}.url`, url);
                // kubectl exec needs a running container; a plain init container has exited by then.
                if (roles.get(rule.via) === "init") {
                    add(`${at}.via`, `"${rule.via}" is an init container, which has exited when verification runs`);
                }
                break;
            }
        }
    });
    return problems;
}

/** Why `text` cannot serve as a search in a log or a response (matched line by line, as a fixed string). */
function searchTextProblem(text: string): string | undefined {
    if (text === "") return "must not be empty: an empty text is found in any log";
    if (/[\r\n]/.test(text)) return "must be one line: logs and responses are searched line by line";
    return undefined;
}
