import type { PodExampleDefinition } from "../../examples/types";
import { describePodCommand, KubectlTarget, targetFlags } from "../kubectl";
import { placedContainers } from "../validate";
import { missingEvidenceMessage, wgetCommand } from "./evidence";

// Builds the POSIX sh script that verifies one deployed pod: wait until Ready, capture every container's
// log (and each HTTP rule's response), check the evidence, retry a few times while sidecars catch up, then
// print the logs in sections that parseVerifyOutput reads back. Exit 0: verified; 1: evidence missing;
// 2: the pod never became Ready.

export interface VerifyOptions {
    /** Lines of each container's log captured (`kubectl logs --tail`). Default 20. */
    readonly tailLines: number;
    /** How long `kubectl wait` waits for Ready. Default 120 s. */
    readonly waitTimeoutSeconds: number;
    /** Captures before evidence counts as missing, and the pause between them. Default 10 × 3 s. */
    readonly attempts: number;
    readonly retryDelaySeconds: number;
}

export const DEFAULT_VERIFY_OPTIONS: VerifyOptions = {
    tailLines: 20,
    waitTimeoutSeconds: 120,
    attempts: 10,
    retryDelaySeconds: 3,
};

/** Environment variables that carry the basic-auth credentials into the script (never its text). */
export const CREDENTIAL_ENV = { user: "MCP_BASIC_AUTH_USER", password: "MCP_BASIC_AUTH_PASSWORD" } as const;

export const LOG_SECTION_PREFIX = "=== logs: ";

/** Always single-quoted: the script's own words never depend on which names are "safe". */
const q = (value: string) => `'${value.replace(/'/g, `'"'"'`)}'`;

export function needsCredentials(def: PodExampleDefinition): boolean {
    return def.evidence.some((rule) => rule.kind === "http" && rule.credentials === true);
}

export function buildVerifyScript(
    def: PodExampleDefinition,
    target: KubectlTarget,
    options = DEFAULT_VERIFY_OPTIONS,
): string {
    const pod = q(def.name);
    const containers = placedContainers(def).map(({ container }) => container.name);
    const logFile = (name: string) => `"$work/log.${containers.indexOf(name)}"`;

    const capture = containers.map(
        (name, i) => `  kc logs ${pod} -c ${q(name)} --tail=${options.tailLines} >"$work/log.${i}" 2>&1`,
    );
    const check: string[] = [];
    def.evidence.forEach((rule, i) => {
        const fail = `then echo ${q(missingEvidenceMessage(def, rule, target))}; missing=1; fi`;
        switch (rule.kind) {
            case "logLine":
                check.push(`  if ! grep -qF -e ${q(rule.text)} ${logFile(rule.container)}; ${fail}`);
                break;
            case "relayedLine":
                check.push(`  grep -F -e ${q(rule.marker)} ${logFile(rule.from)} >"$work/sent.${i}"`);
                check.push(
                    `  if ! { [ -s "$work/sent.${i}" ] && grep -qxF -f "$work/sent.${i}" ${logFile(rule.to)}; }; ${fail}`,
                );
                break;
            case "http": {
                const wget = wgetCommand(rule.url).map(q);
                // The header is expanded by the shell from $auth: the password never enters the script's text.
                if (rule.credentials) wget.splice(wget.length - 1, 0, `--header "Authorization: Basic $auth"`);
                capture.push(`  kc exec ${pod} -c ${q(rule.via)} -- ${wget.join(" ")} >"$work/http.${i}" 2>&1`);
                check.push(`  if ! grep -qF -e ${q(rule.expect)} "$work/http.${i}"; ${fail}`);
                break;
            }
        }
    });

    const credentials = needsCredentials(def)
        ? [
              `auth=$(printf '%s:%s' "\${${CREDENTIAL_ENV.user}:?set by the program}" "\${${CREDENTIAL_ENV.password}:?set by the program}" | base64 | tr -d '\\n')`,
          ]
        : [];
    const printLogs = containers.flatMap((name, i) => [
        `printf '%s\\n' ${q(LOG_SECTION_PREFIX + name)}`,
        `awk '{ print }' "$work/log.${i}"`,
    ]);
    return [
        "set -u",
        `kc() { kubectl ${targetFlags(target).map(q).join(" ")} "$@"; }`,
        "work=$(mktemp -d) || exit 2",
        `trap 'rm -rf "$work"' EXIT`,
        `if ! kc wait --for=condition=Ready ${q(`pod/${def.name}`)} --timeout=${options.waitTimeoutSeconds}s >"$work/wait" 2>&1; then`,
        `  echo ${q(`pod ${def.name} did not become Ready within ${options.waitTimeoutSeconds}s. Look for yourself: ${describePodCommand(target, def.name)}`)} >&2`,
        `  cat "$work/wait" >&2`,
        "  exit 2",
        "fi",
        ...credentials,
        "capture() {",
        ...capture,
        "}",
        "check() {",
        "  missing=0",
        ...check,
        "  return $missing",
        "}",
        "attempt=1",
        "while :; do",
        "  capture",
        `  if check >"$work/missing"; then break; fi`,
        `  if [ "$attempt" -ge ${options.attempts} ]; then break; fi`,
        "  attempt=$((attempt + 1))",
        `  sleep ${options.retryDelaySeconds}`,
        "done",
        ...printLogs,
        `if [ -s "$work/missing" ]; then`,
        `  cat "$work/missing" >&2`,
        "  exit 1",
        "fi",
        `echo ${q(`=== verified: pod ${def.name} showed all ${def.evidence.length} pieces of evidence`)}`,
        "",
    ].join("\n");
}

/** Container → captured log lines, read back from the script's stdout. */
export function parseVerifyOutput(stdout: string): Record<string, string[]> {
    const logs: Record<string, string[]> = {};
    let current: string[] | undefined;
    for (const line of stdout.split("\n")) {
        if (line.startsWith(LOG_SECTION_PREFIX)) {
            current = logs[line.slice(LOG_SECTION_PREFIX.length)] = [];
        } else if (line.startsWith("=== ")) {
            current = undefined;
        } else if (current) {
            current.push(line);
        }
    }
    for (const name of Object.keys(logs)) {
        while (logs[name].length > 0 && logs[name][logs[name].length - 1] === "") logs[name].pop();
    }
    return logs;
}
