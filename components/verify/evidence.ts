import { execCommand, KubectlTarget, resourceRef } from "../commands/kubectl";
import type { HttpEvidence, PodDefinition } from "../model";
import { evidenceRules, EvidenceRule } from "../model/helpers";
import { VerifySubject, verifySubject } from "./subject";

// The evidence check, as a pure function over captured output. The verification script (script.ts) does the
// same checks in sh with grep; both print the messages made here, and a test runs both over the same table.

/** What a verification run captured from the pod. */
export interface CapturedEvidence {
    /** Container name → its log (the last lines, as `kubectl logs --tail` printed them). */
    readonly logs: Readonly<Record<string, string>>;
    /** Index of an `http` rule in the definition's evidence → the response nc printed (stdout and stderr). */
    readonly http: Readonly<Record<number, string>>;
}

/** Where the evidence was missing: `pod NAME` for a bare pod, `deployment/NAME`, `job/NAME`, … for the others. */
const where = (subject: VerifySubject) =>
    subject.kind === "Pod" ? `pod ${subject.name}` : resourceRef(subject.kind, subject.name);

/** The message printed when `rule` finds no evidence. Names the container and how to look yourself. */
export function missingEvidenceMessage(
    def: PodDefinition,
    rule: EvidenceRule,
    target: KubectlTarget,
    subject: VerifySubject = verifySubject(def, target),
): string {
    switch (rule.kind) {
        case "logLine":
            return (
                `evidence missing in ${where(subject)}: ${rule.container}'s log has no line containing "${rule.text}". ` +
                `Look for yourself: ${subject.logs(rule.container)}`
            );
        case "relayedLine":
            return (
                `evidence missing in ${where(subject)}: no line of ${rule.from}'s log containing "${rule.marker}" ` +
                `appears in ${rule.to}'s log. Look for yourself: ${subject.logs(rule.from)} ; ${subject.logs(rule.to)}`
            );
        case "http":
            return (
                `evidence missing in ${where(subject)}: ${rule.description}: the request to ${rule.url} sent from ` +
                `${rule.via}${rule.credentials ? " with the stack's basic-auth credentials" : ""} was not answered ` +
                `with "${rule.expect}". Look for yourself: ${requestCommand(def, rule, target, subject)}` +
                (rule.credentials
                    ? " (without credentials; `pulumi stack output basicAuth --show-secrets` shows them)"
                    : "")
            );
    }
}

/**
 * A command a person can run to send the rule's request (without credentials) and read the answer. It uses
 * busybox wget, simpler to type than verification's nc; only the credentials must not go on its command line.
 */
export function requestCommand(
    def: PodDefinition,
    rule: HttpEvidence,
    target: KubectlTarget,
    subject: VerifySubject = verifySubject(def, target),
): string {
    const pod = subject.kind === "Pod" ? subject.name : resourceRef(subject.kind, subject.name);
    return execCommand(target, pod, rule.via, ["wget", "-q", "-O", "-", rule.url]);
}

const lines = (text: string | undefined) => (text ?? "").split("\n");

/** Whether `captured` holds the evidence `rule` asks for. */
export function hasEvidence(rule: EvidenceRule, index: number, captured: CapturedEvidence): boolean {
    switch (rule.kind) {
        case "logLine":
            return lines(captured.logs[rule.container]).some((line) => line.includes(rule.text));
        case "relayedLine": {
            const sent = new Set(lines(captured.logs[rule.from]).filter((line) => line.includes(rule.marker)));
            return lines(captured.logs[rule.to]).some((line) => sent.has(line));
        }
        case "http":
            return lines(captured.http[index]).some((line) => line.includes(rule.expect));
    }
}

/** The message of every rule of the definition that `captured` does not satisfy, in rule order. */
export function checkEvidence(def: PodDefinition, captured: CapturedEvidence, target: KubectlTarget): string[] {
    return evidenceRules(def).flatMap((rule, i) =>
        hasEvidence(rule, i, captured) ? [] : [missingEvidenceMessage(def, rule, target)],
    );
}
