import { describePodCommand, kubectl, KubectlTarget, targetFlags } from "../commands/kubectl";
import type { PodDefinition } from "../model";
import { evidenceRules, needsCredentials, placedContainers } from "../model/helpers";
import { missingEvidenceMessage } from "./evidence";
import { ncCommand, requestFormat } from "./http";

// Builds the POSIX sh script that verifies one deployed pod: wait until Ready, capture every container's
// log (and each HTTP rule's response), check the evidence, retry a few times while sidecars catch up, then
// print the logs in sections that parseVerifyOutput reads back. On failure it prints only what is missing
// and how to look (the Command's error quotes everything the script printed).
// Exit 0: verified; 1: evidence missing; 2: the pod never became Ready; 3: no kubectl on PATH.

export interface VerifyOptions {
    /** Lines of each container's log captured (`kubectl logs --tail`). Default 20. */
    readonly tailLines: number;
    /** How long `kubectl wait` waits for Ready. Default 120 s. */
    readonly waitTimeoutSeconds: number;
    /**
     * Captures before evidence counts as missing, and the pause between them. Default 60 × 0.5 s: the same
     * 30 s for a sidecar to catch up, but verified within half a second of the evidence appearing.
     */
    readonly attempts: number;
    readonly retryDelaySeconds: number;
}

export const DEFAULT_VERIFY_OPTIONS: VerifyOptions = {
    tailLines: 20,
    waitTimeoutSeconds: 120,
    attempts: 60,
    retryDelaySeconds: 0.5,
};

/**
 * The environment variable that carries the script, and the short command the Command runs: the error a
 * failed Command prints quotes its command, which is then one line instead of the whole script.
 */
export const SCRIPT_ENV = "MCP_VERIFY_SCRIPT";
export const VERIFY_COMMAND = `eval "$${SCRIPT_ENV}"`;

export const LOG_SECTION_PREFIX = "=== logs: ";

export const NO_KUBECTL_MESSAGE =
    "verification needs kubectl on PATH and found none: install kubectl, or turn verification off with " +
    "`pulumi config set verify false`";

/** Always single-quoted: the script's own words never depend on which names are "safe". */
const q = (value: string) => `'${value.replace(/'/g, `'"'"'`)}'`;

/**
 * What the script expects on standard input when the definition needs credentials: one line,
 * base64("user:password"), ready for an Authorization: Basic header.
 */
export function credentialsInput(user: string, password: string): string {
    return `${Buffer.from(`${user}:${password}`).toString("base64")}\n`;
}

export function buildVerifyScript(def: PodDefinition, target: KubectlTarget, options = DEFAULT_VERIFY_OPTIONS): string {
    const pod = q(def.name);
    const containers = placedContainers(def).map(({ container }) => container.name);
    const logFile = (name: string) => `"$work/log.${containers.indexOf(name)}"`;

    // Every container's log in one kubectl process (init containers and native sidecars included), split
    // into one file per container by its "[pod/POD/CONTAINER] " prefix after the capture.
    const capture = [
        `  kc logs ${pod} --all-containers=true --prefix=true --tail=${options.tailLines} >"$work/logs" 2>&1`,
    ];
    const split = `  awk -v dir="$work" -v pod=${pod} -v names=${q(containers.join(" "))} ${q(SPLIT_LOGS_AWK)} "$work/logs"`;
    const check: string[] = [];
    const rules = evidenceRules(def);
    rules.forEach((rule, i) => {
        const fail = `then printf '%s\\n' ${q(missingEvidenceMessage(def, rule, target))}; missing=1; fi`;
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
                const nc = ncCommand(rule).map(q).join(" ");
                const auth = rule.credentials ? ' "$auth"' : "";
                capture.push(
                    `  request "$work/http.${i}" ${q(rule.via)} ${q(requestFormat(rule, rule.credentials === true))}${auth} -- ${nc}`,
                );
                check.push(`  if ! grep -qF -e ${q(rule.expect)} "$work/http.${i}"; ${fail}`);
                break;
            }
        }
    });

    if (def.expose) {
        // The Service is not awaited by the provider (see multiContainerPod.ts): it counts as evidence here.
        const look = kubectl(target, ["get", "endpointslices"], ["-l", `kubernetes.io/service-name=${def.name}`]);
        const message = `Service ${def.name} has no ready endpoint. Look for yourself: ${look}`;
        check.push(
            `  if ! kc get endpointslices -l ${q(`kubernetes.io/service-name=${def.name}`)} -o 'jsonpath={.items[*].endpoints[*].conditions.ready}' 2>/dev/null | grep -q true; then printf '%s\\n' ${q(message)}; missing=1; fi`,
        );
    }

    const credentials = needsCredentials(def)
        ? [
              // One line on standard input: base64("user:password"). Kept in a shell variable only.
              `auth=''; IFS= read -r auth || :`,
              `if [ -z "$auth" ]; then echo 'the basic-auth credentials were not given on standard input' >&2; exit 2; fi`,
          ]
        : [];
    const printLogs = containers.flatMap((name, i) => [
        `printf '%s\\n' ${q(LOG_SECTION_PREFIX + name)}`,
        `awk '{ print }' "$work/log.${i}"`,
    ]);
    return [
        "set -u",
        `if ! command -v kubectl >/dev/null 2>&1; then printf '%s\\n' ${q(NO_KUBECTL_MESSAGE)} >&2; exit 3; fi`,
        ...credentials,
        `kc() { kubectl ${targetFlags(target).map(q).join(" ")} "$@"; }`,
        "work=$(mktemp -d) || exit 2",
        `trap 'rm -rf "$work"' EXIT`,
        ...(rules.some((rule) => rule.kind === "http") ? requestFunction(pod) : []),
        `if ! kc wait --for=condition=Ready ${q(`pod/${def.name}`)} --timeout=${options.waitTimeoutSeconds}s >"$work/wait" 2>&1; then`,
        `  printf '%s\\n' ${q(`pod ${def.name} did not become Ready within ${options.waitTimeoutSeconds}s. Look for yourself: ${describePodCommand(target, def.name)}`)} >&2`,
        `  cat "$work/wait" >&2`,
        "  exit 2",
        "fi",
        // Every log and request of one attempt at once: each is a kubectl process of its own.
        "capture() {",
        ...capture.map((line) => `${line} &`),
        "  wait",
        split,
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
        `if [ -s "$work/missing" ]; then`,
        `  cat "$work/missing" >&2`,
        "  exit 1",
        "fi",
        ...printLogs,
        `printf '%s\\n' ${q(`=== verified: pod ${def.name} showed all ${rules.length} pieces of evidence`)}`,
        "",
    ].join("\n");
}

/**
 * Splits `kubectl logs --all-containers --prefix` output into DIR/log.<i>, i the container's index in NAMES
 * (space-separated), every file created even when empty; a line of no listed container (an error) goes to
 * DIR/log.other.
 */
const SPLIT_LOGS_AWK = [
    'BEGIN { n = split(names, list, " "); for (i = 1; i <= n; i++) { file[list[i]] = dir "/log." (i - 1); printf "" > file[list[i]] } }',
    '{ p = "[pod/" pod "/"; if (index($0, p) == 1) { rest = substr($0, length(p) + 1); stop = index(rest, "] ");',
    "  if (stop > 0 && (substr(rest, 1, stop - 1) in file)) { print substr(rest, stop + 2) > file[substr(rest, 1, stop - 1)]; next } }",
    '  print > (dir "/log.other") }',
].join("\n");

/**
 * `request OUT CONTAINER FORMAT [ARG] -- COMMAND...`: runs COMMAND in the container with `kubectl exec -i`,
 * writes printf FORMAT [ARG] (a builtin: no argv) to its input and keeps that input open until it exits, its
 * output in OUT. A request that cannot be written (kubectl already gone) is ignored: SIGPIPE is.
 */
function requestFunction(pod: string): string[] {
    return [
        "trap '' PIPE",
        "request() {",
        "  out=$1 container=$2 format=$3",
        "  shift 3",
        '  arg=""',
        '  if [ "$1" != "--" ]; then arg=$1; shift; fi',
        "  shift",
        // One fifo per request: requests run side by side.
        '  rm -f "$out.fifo" && mkfifo "$out.fifo" || return 1',
        `  kc exec -i ${pod} -c "$container" -- "$@" <"$out.fifo" >"$out" 2>&1 &`,
        "  pid=$!",
        '  exec 3>"$out.fifo"',
        '  if [ -n "$arg" ]; then printf "$format" "$arg" >&3; else printf "$format" >&3; fi',
        '  wait "$pid"',
        "  exec 3>&-",
        "}",
    ];
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
