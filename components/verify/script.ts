import { describePodCommand, kubectl, KubectlTarget, resourceRef, targetFlags } from "../commands/kubectl";
import type { HttpEvidence, PodDefinition } from "../model";
import { EvidenceRule, evidenceRules, needsCredentials, placedContainers } from "../model/helpers";
import { missingEvidenceMessage } from "./evidence";
import { ncCommand, requestFormat } from "./http";
import { KUBECONFIG_ENV, SubjectNames, VerifySubject, verifySubject } from "./subject";

// Builds the POSIX sh script that verifies one deployed workload: wait until its pods are Ready, capture every
// container's log of every pod (and each HTTP rule's response), check the evidence, retry the pods still
// missing some while sidecars catch up, then print the first pod's logs in sections that parseVerifyOutput
// reads back. On failure it prints only what is missing and how to look (the Command's error quotes
// everything the script printed).
// Exit 0: verified; 1: evidence missing; 2: the pod never became Ready; 3: no kubectl on PATH.

/** How verification waits and retries, and how much log it keeps; a field left out keeps its default. */
export interface VerifySettings {
    /** Lines of each container's log captured (`kubectl logs --tail`). Default 20. */
    readonly tailLines?: number;
    /** How long `kubectl wait` waits for Ready. Default 120 s. */
    readonly waitTimeoutSeconds?: number;
    /**
     * Captures before evidence counts as missing, and the pause between them. Default 60 × 0.5 s: the same
     * 30 s for a sidecar to catch up, but verified within half a second of the evidence appearing.
     */
    readonly attempts?: number;
    /** Seconds between two captures. Default 0.5. */
    readonly retryDelaySeconds?: number;
    /** Most seconds the evidence may take to appear once the pods are ready, whatever the attempts. Default 30. */
    readonly evidenceTimeoutSeconds?: number;
    /** Most seconds one kubectl request (logs, get, exec) may take. Default 20. */
    readonly requestTimeoutSeconds?: number;
}

/** VerifySettings with every field decided. */
export type VerifyOptions = Required<VerifySettings>;

export const DEFAULT_VERIFY_OPTIONS: VerifyOptions = {
    tailLines: 20,
    waitTimeoutSeconds: 120,
    attempts: 60,
    retryDelaySeconds: 0.5,
    evidenceTimeoutSeconds: 30,
    requestTimeoutSeconds: 20,
};

export const LOG_SECTION_PREFIX = "=== logs: ";
/** How many pods' HTTP requests verification runs at once (each request a kubectl exec). */
export const HTTP_PODS_AT_ONCE = 8;
/** Before every captured log line in the script's output: what a container prints can never end or forge a section. */
export const LOG_LINE_PREFIX = "| ";

export const NO_KUBECTL_MESSAGE =
    "verification needs kubectl on PATH and found none: install kubectl, or turn verification off " +
    "(the component's `verify: false`)";

/** Always single-quoted: the script's own words never depend on which names are "safe". */
export const q = (value: string) => `'${value.replace(/'/g, `'"'"'`)}'`;

/**
 * What the script expects on standard input when the definition needs credentials: one line,
 * base64("user:password"), ready for an Authorization: Basic header.
 */
export function credentialsInput(user: string, password: string): string {
    return `${Buffer.from(`${user}:${password}`).toString("base64")}\n`;
}

export function buildVerifyScript(
    def: PodDefinition,
    target: KubectlTarget,
    options = DEFAULT_VERIFY_OPTIONS,
    names: SubjectNames = {},
): string {
    const subject = verifySubject(def, target, names);
    const containers = placedContainers(def).map(({ container }) => container.name);
    // Each pod's captures are in a folder of its own, $d: $work/p/<the pod's line in $work/pods>.
    const logFile = (name: string) => `"$d/log.${containers.indexOf(name)}"`;
    const request = `--request-timeout=${options.requestTimeoutSeconds}s`;

    // Every container's log of every pod still to verify in one kubectl process (init containers and native
    // sidecars included; a controller's pods by their selector), split by its "[pod/POD/CONTAINER] " prefix
    // into one file per pod and container after the capture. A pod whose log cannot be read yet (a container
    // still starting) leaves the others readable: its evidence is simply missing this attempt.
    const logsOf = (source: string) =>
        `kcx logs ${source} --all-containers=true --prefix=true --ignore-errors=true --tail=${options.tailLines} ${request} >"$work/logs" 2>&1`;
    const splitInto = (pending: string) =>
        `awk -v dir="$work/p" -v names=${q(containers.join(" "))} ${q(SPLIT_LOGS_AWK)} ${pending} "$work/logs"`;
    const split = `  if [ -s "$work/pending" ]; then ${splitInto('"$work/pending"')}; fi`;
    const requests: string[] = [];
    const check: string[] = [];
    const rules = evidenceRules(def);
    const readsLogs = rules.some((rule) => rule.kind !== "http");
    rules.forEach((rule, i) => {
        check.push(...evidenceCheckLines(rule, i, logFile, missingEvidenceMessage(def, rule, target, subject)));
        if (rule.kind === "http") requests.push(`    ${requestLine(rule, i, "$auth")}`);
    });

    // The Service is not awaited by the provider (see multiContainerPod.ts): a ready endpoint counts as
    // evidence here, checked once an attempt, not once a pod.
    const serviceCheck: string[] = [];
    if (subject.service !== undefined && def.expose) {
        const label = `kubernetes.io/service-name=${subject.service}`;
        const look = kubectl(target, ["get", "endpointslices"], ["-l", label]);
        const message = `Service ${subject.service} has no ready endpoint. Look for yourself: ${look}`;
        serviceCheck.push(
            `  if ! kc get endpointslices -l ${q(label)} -o 'jsonpath={.items[*].endpoints[*].conditions.ready}' ${request} 2>/dev/null | grep -q true; then printf '%s\\n' ${q(message)}; return 1; fi`,
        );
    }

    const credentials = needsCredentials(def)
        ? [
              // One line on standard input: base64("user:password"). Kept in a shell variable only.
              `auth=''; IFS= read -r auth || :`,
              `if [ -z "$auth" ]; then echo 'the basic-auth credentials were not given on standard input' >&2; exit 2; fi`,
          ]
        : [];
    // Every line of a log is printed behind LOG_LINE_PREFIX, so no line a container wrote can pass for a marker.
    const printLogs = containers.flatMap((name, i) => [
        `printf '%s\\n' ${q(LOG_SECTION_PREFIX + name)}`,
        `awk '{ print ${q(LOG_LINE_PREFIX).replace(/'/g, '"')} $0 }' "$work/p/1/log.${i}"`,
    ]);
    const what = subject.kind === "Pod" ? `pod ${subject.name}` : resourceRef(subject.kind, subject.name);
    const many = subject.kind !== "Pod";
    return [
        "set -u",
        'ready=""',
        `if ! command -v kubectl >/dev/null 2>&1; then printf '%s\\n' ${q(NO_KUBECTL_MESSAGE)} >&2; exit 3; fi`,
        ...credentials,
        ...workAndCleanup(targetFlags(target).map(q).join(" "), names.kubeconfigInEnv === true),
        ...(rules.some((rule) => rule.kind === "http") ? requestFunction() : []),
        ...(names.uid !== undefined ? sameObject(subject, names.uid, request) : []),
        ...podsOf(subject, def, target, options),
        // One attempt's captures at once, each a kubectl process of its own: every pod's logs in one, and each
        // HTTP request; at most HTTP_PODS_AT_ONCE pods' requests run side by side (each an exec for the API
        // server, the kubelet and the runtime).
        "capture() {",
        // Without evidence in the logs, no attempt reads them: the first pod's are read once at the end.
        ...(readsLogs ? [`  ${logsOf("$logsource")} &\n  echo $! >>"$work/pids"`] : []),
        ...(requests.length > 0
            ? [
                  "  n=0",
                  '  while IFS=" " read -r i pod <&4; do',
                  '    d="$work/p/$i"',
                  ...requests.map((line) => `${line} &\n    echo $! >>"$work/pids"`),
                  `    n=$((n + 1)); if [ $((n % ${HTTP_PODS_AT_ONCE})) -eq 0 ]; then wait; fi`,
                  `  done 4<"$work/pending"`,
              ]
            : []),
        "  wait",
        ...(readsLogs ? [split] : []),
        "}",
        // The evidence of the pod in $d; what is missing on stdout.
        "check() {",
        "  missing=0",
        ...check,
        "  return $missing",
        "}",
        "service_ready() {",
        ...serviceCheck,
        "  return 0",
        "}",
        // Checks every pod still pending; keeps those that miss evidence pending. True when none is left.
        "check_all() {",
        '  : >"$work/pending.next"',
        '  while IFS=" " read -r i pod <&4; do',
        '    d="$work/p/$i"',
        '    if ! check >"$d/missing"; then printf \'%s %s\\n\' "$i" "$pod" >>"$work/pending.next"; fi',
        `  done 4<"$work/pending"`,
        '  mv "$work/pending.next" "$work/pending"',
        '  if ! service_ready >"$work/service.missing"; then return 1; fi',
        '  ! [ -s "$work/pending" ]',
        "}",
        // "<line> <pod>" for every pod to verify; each gets its folder.
        `awk '{ print NR " " $0 }' "$work/pods" >"$work/pending"`,
        `while IFS=" " read -r i pod <&4; do mkdir -p "$work/p/$i"; done 4<"$work/pending"`,
        ...attemptLoop(options),
        // What is missing: of the first pod that misses evidence (and how many others do), or the Service's.
        `if [ -s "$work/pending" ]; then`,
        '  IFS=" " read -r i pod <"$work/pending"',
        ...(many
            ? [
                  '  others=$(( $(wc -l <"$work/pending") - 1 ))',
                  `  if [ "$others" -gt 0 ]; then printf '%s\\n' "in pod $pod (and $others other pod(s) missing evidence too):" >&2; else printf '%s\\n' "in pod $pod:" >&2; fi`,
              ]
            : []),
        '  cat "$work/p/$i/missing" >&2',
        "  exit 1",
        "fi",
        'if [ -s "$work/service.missing" ]; then cat "$work/service.missing" >&2; exit 1; fi',
        ...(readsLogs
            ? []
            : [
                  `(IFS= read -r pod; ${logsOf('"$pod"')}) <"$work/pods"`,
                  `head -n 1 "$work/pods" | awk '{ print "1 " $0 }' >"$work/first"`,
                  splitInto('"$work/first"'),
              ]),
        ...printLogs,
        many
            ? `printf '%s on %s pod(s)\\n' ${q(`=== verified: ${what} showed all ${rules.length} pieces of evidence`)} "$(wc -l <"$work/pods" | tr -d ' ')"`
            : `printf '%s\\n' ${q(`=== verified: ${what} showed all ${rules.length} pieces of evidence`)}`,
        "",
    ].join("\n");
}

/**
 * The sh lines that check one rule's evidence in the pod's folder $d: logs in logFile(container), the answer to
 * HTTP rule i in $d/http.<i>. When it is missing they print `message` and set missing=1.
 */
export function evidenceCheckLines(
    rule: EvidenceRule,
    i: number,
    logFile: (container: string) => string,
    message: string,
): string[] {
    const fail = `then printf '%s\\n' ${q(message)}; missing=1; fi`;
    switch (rule.kind) {
        case "logLine":
            return [`  if ! grep -qF -e ${q(rule.text)} ${logFile(rule.container)}; ${fail}`];
        case "relayedLine":
            return [
                `  grep -F -e ${q(rule.marker)} ${logFile(rule.from)} >"$d/sent.${i}"`,
                `  if ! { [ -s "$d/sent.${i}" ] && grep -qxF -f "$d/sent.${i}" ${logFile(rule.to)}; }; ${fail}`,
            ];
        case "http":
            return [`  if ! grep -qF -e ${q(rule.expect)} "$d/http.${i}"; ${fail}`];
    }
}

/** The `request` call (requestFunction) for HTTP rule i into $d/http.<i>; `auth` the shell word of its credentials. */
export function requestLine(rule: HttpEvidence, i: number, auth: string): string {
    const nc = ncCommand(rule).map(q).join(" ");
    const format = q(requestFormat(rule, rule.credentials === true));
    return `request "$d/http.${i}" ${q(rule.via)} ${format}${rule.credentials ? ` "${auth}"` : ""} -- ${nc}`;
}

/** Captures and checks until nothing is pending (check_all), the attempts are used up or the deadline passes. */
export function attemptLoop(options: VerifyOptions): string[] {
    return [
        `deadline=$(( $(date +%s) + ${options.evidenceTimeoutSeconds} ))`,
        "attempt=1",
        "while :; do",
        "  capture",
        "  if check_all; then break; fi",
        `  if [ "$attempt" -ge ${options.attempts} ] || [ "$(date +%s)" -ge "$deadline" ]; then break; fi`,
        "  attempt=$((attempt + 1))",
        `  sleep ${options.retryDelaySeconds}`,
        "done",
    ];
}

/**
 * The lines every verification script starts with once kubectl is found: its private folder $work, `kc` (kubectl
 * with FLAGS, the kubeconfig given as content in a private file when `kubeconfigInEnv`), `kcx` (the same, exec'd:
 * for background calls, so the job's pid is kubectl's) and the cleanup that runs on any end.
 */
export function workAndCleanup(flags: string, kubeconfigInEnv: boolean): string[] {
    return [
        "work=$(mktemp -d) || exit 2",
        ...(kubeconfigInEnv
            ? [
                  // The kubeconfig given as content: into a file only this user can read, removed with $work.
                  `(umask 077 && printf '%s\n' "$${KUBECONFIG_ENV}" >"$work/kubeconfig") || exit 2`,
                  `kc() { kubectl ${flags} --kubeconfig "$work/kubeconfig" "$@"; }`,
                  `kcx() { exec kubectl ${flags} --kubeconfig "$work/kubeconfig" "$@"; }`,
              ]
            : [
                  `kc() { kubectl ${flags} "$@"; }`,
                  // For background calls only (\`kcx … &\`): the job is kubectl itself, so its pid is kubectl's.
                  `kcx() { exec kubectl ${flags} "$@"; }`,
              ]),
        // On any end, interrupted too (dash runs no EXIT trap on a signal): stop the kubectl processes still
        // running in the background, undo what verification made in the cluster, remove the captured output.
        // Every background kubectl's pid is in $work/pids: a job's subshell may have started it.
        'cleanup() { trap \'\' EXIT INT TERM HUP; for p in $(jobs -p) $(cat "$work/pids" 2>/dev/null); do kill "$p" 2>/dev/null; done; undo; rm -rf "$work"; }',
        "undo() { :; }",
        "trap cleanup EXIT",
        "trap 'exit 130' INT",
        "trap 'exit 143' TERM",
        "trap 'exit 129' HUP",
    ];
}

/**
 * The lines that make sure verification looks at what Pulumi deployed: the object of the workload's name has
 * the uid Pulumi recorded. One line and exit 2 when the cluster cannot be reached, or holds another object.
 * A bare pod's Ready condition comes in the same call, into $ready: the provider's await has made it Ready before
 * verification runs, unless a container restarted since, so the pod needs no `kubectl wait` of its own.
 */
function sameObject(subject: VerifySubject, uid: string, request: string): string[] {
    const ref = resourceRef(subject.kind, subject.name);
    const pod = subject.kind === "Pod";
    const path = `jsonpath={.metadata.uid}${pod ? ' {.status.conditions[?(@.type=="Ready")].status}' : ""}`;
    return [
        `if ! found=$(kc get ${q(ref)} -o ${q(path)} ${request} 2>"$work/wait"); then`,
        `  printf '%s\n' "verification cannot read ${ref} on the cluster Pulumi deployed to: $(head -n 1 "$work/wait")" >&2`,
        "  exit 2",
        "fi",
        ...(pod ? ['case $found in *" "*) ready=${found#* } found=${found%% *} ;; esac'] : []),
        `if [ "$found" != ${q(uid)} ]; then`,
        `  printf '%s\n' "verification found ${ref} with uid $found, not the ${uid} Pulumi deployed: it is looking at another cluster or namespace" >&2`,
        "  exit 2",
        "fi",
    ];
}

/**
 * The lines that wait for the workload and write the names of the pods to verify, one a line, to $work/pods.
 * Exit 2 when the workload never gets there, with kubectl's own message and how to look.
 */
function podsOf(subject: VerifySubject, def: PodDefinition, target: KubectlTarget, options: VerifyOptions): string[] {
    const timeout = `--timeout=${options.waitTimeoutSeconds}s`;
    const fail = (message: string) => [
        `  printf '%s\\n' ${q(message)} >&2`,
        `  cat "$work/wait" >&2`,
        "  exit 2",
        "fi",
    ];
    const describe = (kind: string, name: string) => kubectl(target, ["describe", kind, name]);
    // Pods that are not on their way out (a rollout's old pods may still be terminating), each with its Ready
    // condition: "<pod> <status>" lines in $work/listed, the names alone in $work/pods.
    const list = (selector: string, extra = "") =>
        [
            `kc get pods -l ${selector}${extra} -o 'go-template={{range .items}}{{if not .metadata.deletionTimestamp}}{{.metadata.name}} {{range .status.conditions}}{{if eq .type "Ready"}}{{.status}}{{end}}{{end}}{{"\\n"}}{{end}}{{end}}' >"$work/listed"`,
            `awk '{ print $1 }' "$work/listed" >"$work/pods"`,
        ].join("\n");
    // One kubectl for every pod not Ready yet: the rollout has made them Ready, unless a container restarted
    // since (kubectl wait takes about 0.2 s a pod even when all are Ready: 20 s for 100 replicas).
    const readyAll = [
        `set -- $(awk '$2 != "True" { print "pod/" $1 }' "$work/listed")`,
        `if [ $# -gt 0 ] && ! kc wait --for=condition=Ready "$@" ${timeout} >"$work/wait" 2>&1; then`,
        `  printf '%s\\n' "the pods of ${resourceRef(subject.kind, subject.name)} did not all become Ready within ${options.waitTimeoutSeconds}s" >&2; cat "$work/wait" >&2; exit 2`,
        "fi",
    ];
    const nonEmpty = (what: string) => [
        `if ! [ -s "$work/pods" ]; then printf '%s\\n' ${q(`${what} has no pod to verify. Look for yourself: ${kubectl(target, ["get", "pods"], ["-l", subject.selector])}`)} >&2; exit 2; fi`,
    ];
    switch (subject.kind) {
        case "Pod":
            return [
                // Waited for only when the uid check did not already find it Ready.
                `if [ "$ready" != True ] && ! kc wait --for=condition=Ready ${q(`pod/${subject.name}`)} ${timeout} >"$work/wait" 2>&1; then`,
                ...fail(
                    `pod ${subject.name} did not become Ready within ${options.waitTimeoutSeconds}s. Look for yourself: ${describePodCommand(target, subject.name)}`,
                ),
                `printf '%s\\n' ${q(subject.name)} >"$work/pods"`,
                `logsource=${q(subject.name)}`,
            ];
        case "Deployment":
        case "StatefulSet":
        case "DaemonSet": {
            const ref = resourceRef(subject.kind, subject.name);
            return [
                `if ! kc rollout status ${q(ref)} ${timeout} >"$work/wait" 2>&1; then`,
                ...fail(
                    `${ref} did not roll out within ${options.waitTimeoutSeconds}s. Look for yourself: ${describe(subject.kind.toLowerCase(), subject.name)}`,
                ),
                list(q(subject.selector)),
                ...nonEmpty(ref),
                ...readyAll,
                `logsource=${q(`-l ${subject.selector}`)}`,
            ];
        }
        case "Job":
        case "CronJob": {
            const cron = subject.kind === "CronJob";
            // A CronJob's template is proven by one run started from it, removed again when verification ends.
            const job = cron ? '"$job"' : q(subject.name);
            return [
                ...(cron
                    ? [
                          `job=$(printf '%.40s' ${q(subject.name)})-verify-$(date +%s | tail -c 6)`,
                          `if ! kc create job "$job" --from=${q(`cronjob/${subject.name}`)} >"$work/wait" 2>&1; then`,
                          ...fail(
                              `could not start a run of cronjob/${subject.name}. Look for yourself: ${describe("cronjob", subject.name)}`,
                          ),
                          `undo() { kc delete job "$job" --ignore-not-found --wait=false --cascade=background >/dev/null 2>&1; }`,
                      ]
                    : []),
                `if ! kc wait --for=condition=complete "job/${cron ? "$job" : subject.name}" ${timeout} >"$work/wait" 2>&1; then`,
                `  printf '%s\\n' "job/${cron ? "$job" : subject.name} did not complete within ${options.waitTimeoutSeconds}s. Look for yourself: ${kubectl(target, ["describe", "job"])} ${cron ? "$job" : subject.name}" >&2`,
                `  cat "$work/wait" >&2`,
                "  exit 2",
                "fi",
                list(`job-name=${job}`, " --field-selector=status.phase=Succeeded"),
                ...nonEmpty(cron ? "the run" : `job/${subject.name}`),
                `logsource=-l\\ job-name=${job}`,
            ];
        }
    }
}

/**
 * Splits `kubectl logs --all-containers --prefix` output (the second file) into DIR/<i>/log.<c>: i a pending
 * pod's line in the first file ("<i> <pod>" lines), c the container's index in NAMES (space-separated). Every
 * pending pod's files are created, empty when it logged nothing; lines of other pods are dropped, and lines of
 * no pod (kubectl's errors) go to DIR/log.other. One file open at a time: a controller may have many pods.
 */
const SPLIT_LOGS_AWK = [
    'BEGIN { n = split(names, list, " "); for (c = 1; c <= n; c++) index_of[list[c]] = c - 1 }',
    'FNR == NR { folder[$2] = dir "/" $1; for (c = 1; c <= n; c++) { f = folder[$2] "/log." (c - 1); printf "" > f; close(f) } next }',
    'index($0, "[pod/") == 1 { rest = substr($0, 6); slash = index(rest, "/"); stop = index(rest, "] ");',
    "  if (slash > 0 && stop > slash) { pod = substr(rest, 1, slash - 1); container = substr(rest, slash + 1, stop - slash - 1);",
    '    if ((pod in folder) && (container in index_of)) { f = folder[pod] "/log." index_of[container];',
    '      if (f != open) { if (open != "") close(open); open = f } print substr(rest, stop + 2) >> f; next }',
    "    if (!(pod in folder)) next } }",
    '{ print >> (dir "/log.other") }',
].join("\n");

/**
 * `request OUT CONTAINER FORMAT [ARG] -- COMMAND...`: runs COMMAND in the container of pod $pod (in namespace $ns
 * when `namespaced`) with `kubectl exec -i`,
 * writes printf FORMAT [ARG] (a builtin: no argv) to its input and keeps that input open until it exits, its
 * output in OUT. A request that cannot be written (kubectl already gone) is ignored: SIGPIPE is.
 */
export function requestFunction(namespaced = false): string[] {
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
        `  kcx ${namespaced ? '-n "$ns" ' : ""}exec -i "$pod" -c "$container" -- "$@" <"$out.fifo" >"$out" 2>&1 &`,
        "  pid=$!",
        '  echo "$pid" >>"$work/pids"',
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
        } else if (current && line.startsWith(LOG_LINE_PREFIX)) {
            current.push(line.slice(LOG_LINE_PREFIX.length));
        } else {
            current = undefined;
        }
    }
    for (const name of Object.keys(logs)) {
        while (logs[name].length > 0 && logs[name][logs[name].length - 1] === "") logs[name].pop();
    }
    return logs;
}
