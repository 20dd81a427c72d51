import { clusterFlags, kubectl, KubectlTarget } from "../commands/kubectl";
import { INSTANCE_LABEL, NAME_LABEL } from "../model/defaults";
import type { PodDefinition } from "../model";
import { evidenceRules, needsCredentials, placedContainers } from "../model/helpers";
import { missingEvidenceMessage } from "./evidence";
import {
    attemptLoop,
    DEFAULT_VERIFY_OPTIONS,
    evidenceCheckLines,
    HTTP_PODS_AT_ONCE,
    NO_KUBECTL_MESSAGE,
    q,
    requestFunction,
    requestLine,
    VerifyOptions,
    workAndCleanup,
} from "./script";
import { verifySubject } from "./subject";

// The script of a PodVerification: what script.ts proves of one pod, proven of many bare pods at once, with
// kubectl calls per namespace instead of per pod. One `kubectl get pods` per namespace reads every member's uid,
// Ready condition at once; each attempt reads every pending member's logs with one `kubectl logs -l` per namespace
// and their Services' endpoints with one `kubectl get endpointslices` per namespace; only an HTTP check is still
// an exec of its own (it runs in the pod). On failure it names each pod that misses evidence (the first five) and
// what is missing; exit codes as script.ts's (0 verified, 1 evidence missing, 2 not the pod Pulumi deployed, not
// Ready, or the cluster unreachable, 3 no kubectl).

/** One bare pod of the group, as Pulumi deployed it. */
export interface GroupMember {
    readonly def: PodDefinition;
    readonly namespace: string;
    /** The pod's name: fixed, or the one Pulumi chose. */
    readonly pod: string;
    /** The uid Pulumi recorded: the pod found must have it. */
    readonly uid: string;
    /** The stack's `app.kubernetes.io/instance` label value on the pod. */
    readonly instance: string;
    /** The pod's Service, when it has one. */
    readonly service?: string;
}

/** The cluster every member is on: the namespace is each member's own. */
export interface GroupCluster {
    readonly context?: string;
    readonly kubeconfig?: string;
    /** The kubeconfig's content comes in the environment (see subject.ts), as for one pod's verification. */
    readonly kubeconfigInEnv?: boolean;
}

/** How many namespaces' kubectl calls run at once. */
const NAMESPACES_AT_ONCE = 8;

/** The verification of every member: a POSIX sh script, read from standard input the credentials' lines. */
export function buildGroupVerifyScript(
    members: readonly GroupMember[],
    cluster: GroupCluster = {},
    options: VerifyOptions = DEFAULT_VERIFY_OPTIONS,
): string {
    const request = `--request-timeout=${options.requestTimeoutSeconds}s`;
    const namespaces = [...new Set(members.map((member) => member.namespace))];
    const inNamespace = (ns: string) => members.filter((member) => member.namespace === ns);
    const target = (member: GroupMember): KubectlTarget => ({ ...cluster, namespace: member.namespace });
    // What selects a namespace's members: their name labels, of their stacks.
    const selector = (ns: string) => {
        const of = inNamespace(ns);
        const names = [...new Set(of.map((member) => member.def.name))].join(",");
        const instances = [...new Set(of.map((member) => member.instance))].join(",");
        return `${NAME_LABEL} in (${names}),${INSTANCE_LABEL} in (${instances})`;
    };
    const readsLogs = (member: GroupMember) => evidenceRules(member.def).some((rule) => rule.kind !== "http");
    const hasHttp = members.some((member) => evidenceRules(member.def).some((rule) => rule.kind === "http"));
    const isPending = (ns: string) => `grep -q ${q(`^[0-9]* ${ns} `)} "$work/pending"`;

    // The credentials: one line a member that needs them, in member order, kept in shell variables only.
    const credentials = members.flatMap((member, i) =>
        needsCredentials(member.def)
            ? [
                  `auth_${i}=''; IFS= read -r auth_${i} || :`,
                  `if [ -z "$auth_${i}" ]; then printf '%s\\n' ${q(`the basic-auth credentials of pod ${member.pod} were not given on standard input`)} >&2; exit 2; fi`,
              ]
            : [],
    );

    // 1. Every member's pod as the cluster has it: "P pod uid ready" lines, one kubectl per namespace.
    const podLines =
        '{{range .items}}P {{.metadata.name}} {{.metadata.uid}} {{range .status.conditions}}{{if eq .type "Ready"}}{{.status}}{{end}}{{end}}{{"\\n"}}{{end}}';
    const listing = chunks(namespaces, NAMESPACES_AT_ONCE).flatMap((chunk) => [
        ...chunk.flatMap((ns, k) => [
            `kcx -n ${q(ns)} get pods -l ${q(selector(ns))} -o ${q(`go-template=${podLines}`)} ${request} >"$work/live.${ns}" 2>"$work/live.${ns}.err" &`,
            `p${k}=$!; echo "$p${k}" >>"$work/pids"`,
        ]),
        ...chunk.map(
            (ns, k) =>
                `if ! wait "$p${k}"; then printf '%s\\n' "verification cannot read the pods in namespace ${ns} on the cluster Pulumi deployed to: $(head -n 1 "$work/live.${ns}.err")" >&2; exit 2; fi`,
        ),
    ]);
    // 2. Each the pod Pulumi deployed; those not Ready (a container restarted since Pulumi's await) are waited for.
    const identity = members.flatMap((member) => {
        const { namespace: ns, pod, uid } = member;
        const look = kubectl(target(member), ["get", "pods"], ["-l", `${NAME_LABEL}=${member.def.name}`]);
        return [
            `found=$(awk -v p=${q(pod)} '$1 == "P" && $2 == p { print $3 " " $4; exit }' "$work/live.${ns}")`,
            `if [ -z "$found" ]; then printf '%s\\n' ${q(`verification found no pod ${pod} in namespace ${ns} on the cluster Pulumi deployed to. Look for yourself: ${look}`)} >&2; exit 2; fi`,
            `case $found in`,
            `  ${q(`${uid} `)}*) ;;`,
            `  *) printf '%s\\n' "verification found pod ${pod} in namespace ${ns} with uid \${found%% *}, not the ${uid} Pulumi deployed: it is looking at another cluster" >&2; exit 2 ;;`,
            `esac`,
            `if [ "\${found#* }" != True ]; then printf '%s\\n' ${q(`pod/${pod}`)} >>"$work/wait.${ns}"; fi`,
        ];
    });
    const waits = namespaces.flatMap((ns) => {
        const look = kubectl({ ...cluster, namespace: ns }, ["get", "pods"], ["-l", selector(ns)]);
        return [
            `if [ -s "$work/wait.${ns}" ] && ! kc -n ${q(ns)} wait --for=condition=Ready $(cat "$work/wait.${ns}") --timeout=${options.waitTimeoutSeconds}s >"$work/wait" 2>&1; then`,
            `  printf '%s\\n' ${q(`pods of namespace ${ns} did not all become Ready within ${options.waitTimeoutSeconds}s. Look for yourself: ${look}`)} >&2`,
            `  cat "$work/wait" >&2; exit 2`,
            "fi",
        ];
    });

    // 3. One attempt's captures, at most NAMESPACES_AT_ONCE kubectl at once, and HTTP_PODS_AT_ONCE pods' requests.
    const logCalls = namespaces
        .filter((ns) => inNamespace(ns).some(readsLogs))
        .map(
            (ns) =>
                `if ${isPending(ns)}; then kcx -n ${q(ns)} logs -l ${q(selector(ns))} --all-containers=true --prefix=true --ignore-errors=true --tail=${options.tailLines} ${request} >"$work/logs.${ns}" 2>&1 & echo $! >>"$work/pids"; fi`,
        );
    const sliceLines =
        '{{range .items}}{{index .metadata.labels "kubernetes.io/service-name"}}{{range .endpoints}} {{.conditions.ready}}{{end}}{{"\\n"}}{{end}}';
    const sliceCalls = namespaces
        .filter((ns) => inNamespace(ns).some((member) => member.service !== undefined))
        .map((ns) => {
            const services = inNamespace(ns).flatMap((member) => (member.service ? [member.service] : []));
            return `if ${isPending(ns)}; then kcx -n ${q(ns)} get endpointslices -l ${q(`kubernetes.io/service-name in (${services.join(",")})`)} -o ${q(`go-template=${sliceLines}`)} ${request} >"$work/slices.${ns}" 2>/dev/null & echo $! >>"$work/pids"; fi`;
        });
    const requests = members.flatMap((member, m) => {
        const lines = evidenceRules(member.def).flatMap((rule, i) =>
            rule.kind === "http" ? [`  ${requestLine(rule, i, `$auth_${m}`)} &`, `  echo $! >>"$work/pids"`] : [],
        );
        if (lines.length === 0) return [];
        return [
            `if grep -q '^${m} ' "$work/pending"; then`,
            `  ns=${q(member.namespace)} pod=${q(member.pod)} d="$work/m/${m}"`,
            ...lines,
            `  n=$((n + 1)); if [ $((n % ${HTTP_PODS_AT_ONCE})) -eq 0 ]; then wait; fi`,
            "fi",
        ];
    });
    const capture = [
        `split_logs=${q(SPLIT_GROUP_LOGS_AWK)}`,
        "capture() {",
        ...chunks([...logCalls, ...sliceCalls], NAMESPACES_AT_ONCE).flatMap((chunk) => [
            ...chunk.map((line) => `  ${line}`),
            "  wait",
        ]),
        "  n=0",
        ...requests.map((line) => `  ${line}`),
        "  wait",
        ...namespaces
            .filter((ns) => inNamespace(ns).some(readsLogs))
            .map(
                (ns) =>
                    `  if [ -f "$work/logs.${ns}" ]; then awk -v dir="$work/m" -v ns=${q(ns)} "$split_logs" "$work/pending" "$work/logs.${ns}"; fi`,
            ),
        "}",
    ];

    // 4. Each member's evidence, from its folder $d = $work/m/<member>; what is missing on stdout.
    const checks = members.flatMap((member, m) => {
        const memberTarget = target(member);
        const subject = verifySubject(member.def, memberTarget, {
            workload: member.pod,
            service: member.service,
            instance: member.instance,
        });
        const logFile = (container: string) => `"$d/log.${container}"`;
        const lines = evidenceRules(member.def).flatMap((rule, i) =>
            evidenceCheckLines(rule, i, logFile, missingEvidenceMessage(member.def, rule, memberTarget, subject)),
        );
        if (member.service !== undefined) {
            const look = kubectl(
                memberTarget,
                ["get", "endpointslices"],
                ["-l", `kubernetes.io/service-name=${member.service}`],
            );
            lines.push(
                `  if ! awk -v s=${q(member.service)} '$1 == s && / true/ { f = 1 } END { exit !f }' "$work/slices.${member.namespace}" 2>/dev/null; then printf '%s\\n' ${q(`Service ${member.service} has no ready endpoint. Look for yourself: ${look}`)}; missing=1; fi`,
            );
        }
        return [`check_${m}() {`, `  d="$work/m/${m}"`, "  missing=0", ...lines, "  return $missing", "}"];
    });

    const pendingLines = members.map((member, m) => {
        const containers = placedContainers(member.def).map(({ container }) => container.name);
        return `${m} ${member.namespace} ${member.pod} ${containers.join(" ")}`;
    });
    const evidenceCount = (member: GroupMember) =>
        evidenceRules(member.def).length + (member.service !== undefined ? 1 : 0);

    return [
        "set -u",
        `if ! command -v kubectl >/dev/null 2>&1; then printf '%s\\n' ${q(NO_KUBECTL_MESSAGE)} >&2; exit 3; fi`,
        ...credentials,
        ...workAndCleanup(clusterFlags(cluster).map(q).join(" "), cluster.kubeconfigInEnv === true),
        ...(hasHttp ? requestFunction(true) : []),
        ...listing,
        ...identity,
        ...waits,
        ...capture,
        ...checks,
        // Checks every member still pending; keeps those that miss evidence pending. True when none is left.
        "check_all() {",
        '  : >"$work/pending.next"',
        "  while IFS= read -r line <&4; do",
        "    i=${line%% *}",
        '    if ! "check_$i" >"$work/m/$i/missing"; then printf \'%s\\n\' "$line" >>"$work/pending.next"; fi',
        '  done 4<"$work/pending"',
        '  mv "$work/pending.next" "$work/pending"',
        '  ! [ -s "$work/pending" ]',
        "}",
        // "<member> <namespace> <pod> <container>…" for every member; each gets its folder.
        `cat >"$work/pending" <<'EOF'`,
        ...pendingLines,
        "EOF",
        ...chunks(
            members.map((_, m) => `"$work/m/${m}"`),
            20,
        ).map((folders) => `mkdir -p ${folders.join(" ")}`),
        ...attemptLoop(options),
        // What is missing, pod by pod: the first five, and how many others.
        `if [ -s "$work/pending" ]; then`,
        "  shown=0",
        '  while IFS=" " read -r i ns pod rest <&4; do',
        "    if [ $shown -ge 5 ]; then break; fi",
        "    shown=$((shown + 1))",
        `    printf '%s\\n' "in pod $pod (namespace $ns):" >&2`,
        '    cat "$work/m/$i/missing" >&2',
        '  done 4<"$work/pending"',
        '  others=$(( $(wc -l <"$work/pending") - shown ))',
        `  if [ "$others" -gt 0 ]; then printf '%s\\n' "and $others other pod(s) missing evidence too" >&2; fi`,
        "  exit 1",
        "fi",
        // How many captures it took: a figure to tune evidenceTimeoutSeconds and retryDelaySeconds by.
        `printf '%s %s\\n' ${q(`=== verified: ${members.length} pod(s) showed all their evidence; captures:`)} "$attempt"`,
        ...members.map(
            (member) =>
                `printf '%s\\n' ${q(`${VERIFIED_POD_PREFIX}${member.namespace}/${member.pod} ${evidenceCount(member)}`)}`,
        ),
        "",
    ].join("\n");
}

/** Before each verified pod's line of the group's output: `namespace/pod` and its pieces of evidence. */
export const VERIFIED_POD_PREFIX = "=== pod ";

/** `namespace/pod` → pieces of evidence, read back from the group script's stdout. */
export function parseGroupOutput(stdout: string): Record<string, number> {
    const verified: Record<string, number> = {};
    for (const line of stdout.split("\n")) {
        if (!line.startsWith(VERIFIED_POD_PREFIX)) continue;
        const [pod, count] = line.slice(VERIFIED_POD_PREFIX.length).split(" ");
        verified[pod] = Number(count);
    }
    return verified;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
}

/**
 * Splits one namespace's `kubectl logs --all-containers --prefix` output (the second file) into
 * DIR/<member>/log.<container> for the pending members of namespace NS (the first file's "<member> <ns> <pod>
 * <container>…" lines): each of their containers' files is emptied first, so a container that logged nothing
 * this attempt has an empty log. Lines of other pods, and kubectl's own messages, are dropped.
 */
const SPLIT_GROUP_LOGS_AWK = [
    'FNR == NR { if ($2 == ns) { folder[$3] = dir "/" $1; for (c = 4; c <= NF; c++) { f = folder[$3] "/log." $c; printf "" > f; close(f) } } next }',
    'index($0, "[pod/") == 1 { rest = substr($0, 6); slash = index(rest, "/"); stop = index(rest, "] ");',
    "  if (slash > 0 && stop > slash) { pod = substr(rest, 1, slash - 1); container = substr(rest, slash + 1, stop - slash - 1);",
    '    if (pod in folder) { f = folder[pod] "/log." container;',
    '      if (f != open) { if (open != "") close(open); open = f } print substr(rest, stop + 2) >> f } } }',
].join("\n");
