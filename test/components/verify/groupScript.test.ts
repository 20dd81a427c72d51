import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { buildGroupVerifyScript, GroupMember, parseGroupOutput } from "../../../components/verify/groupScript";
import { credentialsInput, NO_KUBECTL_MESSAGE } from "../../../components/verify/script";
import { initContainerExample } from "../../../examples/init-container";
import { sidecarLoggingExample } from "../../../examples/sidecar-logging";
import { sidecarSecurityExample } from "../../../examples/sidecar-security";
import { FakeCluster, runWithFakeKubectl } from "../../support/fakeKubectl";
import { AUTHENTICATED, FAST, UNAUTHORIZED } from "./evidenceTable";

// The group's script (one verification of many bare pods) in sh against the fake kubectl: what it proves of
// each pod, with kubectl calls per namespace; how it fails, naming the pod.

const CLUSTER = { context: "kind-demo" };
const INIT_LINE = "Hello from init-container: prepared for pod init-container-test at 2026-11-24T10:00:00Z";
const MAIN_LINE = "2026-11-24T10:00:01Z main-container handled request 1";
const AUTH = credentialsInput("demo", "s3cret-pass");

const member = (def: GroupMember["def"], namespace: string, uid: string): GroupMember => ({
    def,
    namespace,
    pod: def.name,
    uid,
    instance: "proj-dev",
    service: def.expose ? def.name : undefined,
});
/** init and logging pods in namespace a; logging and security pods in namespace b. */
const MEMBERS = [
    member(initContainerExample, "a", "uid-1"),
    member(sidecarLoggingExample, "a", "uid-2"),
    member(sidecarLoggingExample, "b", "uid-3"),
    member(sidecarSecurityExample, "b", "uid-4"),
];
/** A cluster where every member is there, Ready, and shows its evidence. */
const HEALTHY: FakeCluster = {
    logs: {
        "init-container": `${INIT_LINE}\n`,
        "displayer-container": `header\n${INIT_LINE}\n`,
        "main-container": `${MAIN_LINE}\n`,
        "sidecar-container": `${MAIN_LINE}\n`,
    },
    http: { "app-container": UNAUTHORIZED },
    httpWithAuth: { "app-container": AUTHENTICATED },
    auth: AUTH.trim(),
};
const PODS = {
    a: "P init-container-test uid-1 True\nP sidecar-container-test uid-2 True\n",
    b: "P sidecar-container-test uid-3 True\nP security-sidecar-test uid-4 True\n",
};

function run(
    members: readonly GroupMember[],
    cluster: FakeCluster = HEALTHY,
    files: Record<string, string> = {},
    stdin = AUTH,
) {
    const all = { "pods.a": PODS.a, "pods.b": PODS.b, "slices.b": "security-sidecar-test true\n", ...files };
    return runWithFakeKubectl(buildGroupVerifyScript(members, CLUSTER, FAST), cluster, {
        stdin,
        onDir: (dir) => {
            for (const [name, text] of Object.entries(all)) fs.writeFileSync(path.join(dir, name), text);
        },
    });
}
const verbs = (calls: string[][], verb: string) =>
    calls.filter((call) => call.find((arg) => !arg.startsWith("-") && !["a", "b", "kind-demo"].includes(arg)) === verb);

describe("the group verification script (sh, against a fake kubectl)", () => {
    it("verifies every pod with kubectl calls per namespace, not per pod, and says what each showed", () => {
        const result = run(MEMBERS);
        assert.equal(result.stderr, "");
        assert.equal(result.status, 0);
        assert.match(result.stdout, /=== verified: 4 pod\(s\) showed all their evidence; captures: 1\n/);
        // Evidence rules, plus a ready endpoint for the exposed security pod.
        assert.deepEqual(parseGroupOutput(result.stdout), {
            "a/init-container-test": 2,
            "a/sidecar-container-test": 2,
            "b/sidecar-container-test": 2,
            "b/security-sidecar-test": 3,
        });
        const gets = verbs(result.calls, "get");
        assert.equal(gets.filter((call) => call.includes("pods")).length, 2, "one pod list per namespace");
        assert.equal(gets.filter((call) => call.includes("endpointslices")).length, 1, "only b has a Service");
        assert.equal(verbs(result.calls, "logs").length, 2, "one logs call per namespace");
        assert.equal(verbs(result.calls, "exec").length, 2, "the security pod's two requests");
        assert.equal(verbs(result.calls, "wait").length, 0, "every pod was Ready already");
        for (const call of result.calls) assert.ok(call.includes("kind-demo"), `the cluster's context: ${call}`);
        // The credentials went to the request's input only, never on a command line.
        assert.ok(result.execInputs.some((input) => input.includes(`Authorization: Basic ${AUTH.trim()}`)));
        assert.ok(!result.calls.flat().some((arg) => arg.includes(AUTH.trim())));
    });

    it("each namespace's logs come from one selector call for its members' names and instance", () => {
        const logs = verbs(run(MEMBERS).calls, "logs");
        const selectors = logs.map((call) => call[call.indexOf("-l") + 1]);
        assert.deepEqual(selectors.sort(), [
            "app.kubernetes.io/name in (init-container-test,sidecar-container-test),app.kubernetes.io/instance in (proj-dev)",
            "app.kubernetes.io/name in (sidecar-container-test,security-sidecar-test),app.kubernetes.io/instance in (proj-dev)",
        ]);
        for (const call of logs) assert.ok(call.includes("--all-containers=true") && call.includes("--tail=7"));
    });

    it("waits only for the pods that are not Ready, one kubectl wait per namespace", () => {
        const result = run(MEMBERS, HEALTHY, {
            "pods.a": "P init-container-test uid-1 False\nP sidecar-container-test uid-2\n",
        });
        assert.equal(result.status, 0, result.stderr);
        const waits = verbs(result.calls, "wait");
        assert.equal(waits.length, 1);
        assert.ok(waits[0].includes("pod/init-container-test") && waits[0].includes("pod/sidecar-container-test"));
        assert.ok(waits[0].includes("a"));
    });

    it("fails with exit 2 when a pod did not become Ready, saying how to look", () => {
        const result = run(
            MEMBERS,
            { ...HEALTHY, wait: { out: "error: timed out waiting for the condition\n", rc: 1 } },
            {
                "pods.b": "P sidecar-container-test uid-3 True\nP security-sidecar-test uid-4 False\n",
            },
        );
        assert.equal(result.status, 2);
        assert.match(
            result.stderr,
            /pods of namespace b did not all become Ready within 30s. Look for yourself: kubectl get pods -n b/,
        );
        assert.match(result.stderr, /timed out waiting/);
    });

    it("refuses a pod with another uid than Pulumi's, and a pod that is not there, with exit 2", () => {
        const other = run(MEMBERS, HEALTHY, {
            "pods.a": "P init-container-test uid-9 True\nP sidecar-container-test uid-2 True\n",
        });
        assert.equal(other.status, 2);
        assert.match(
            other.stderr,
            /found pod init-container-test in namespace a with uid uid-9, not the uid-1 Pulumi deployed/,
        );
        const gone = run(MEMBERS, HEALTHY, { "pods.a": "P sidecar-container-test uid-2 True\n" });
        assert.equal(gone.status, 2);
        assert.match(
            gone.stderr,
            /found no pod init-container-test in namespace a .* kubectl get pods -n a -l app.kubernetes.io\/name=init-container-test --context kind-demo/,
        );
    });

    it("says the cluster cannot be read, with kubectl's reason, exit 2", () => {
        const result = run(MEMBERS, { ...HEALTHY, unreachable: "Unable to connect to the server: refused" });
        assert.equal(result.status, 2);
        assert.match(
            result.stderr,
            /cannot read the pods in namespace (a|b) .*: Unable to connect to the server: refused/,
        );
    });

    it("names only the pod that misses evidence, with what is missing and how to look, exit 1", () => {
        const logs = { ...HEALTHY.logs, "displayer-container": "header only\n" };
        const result = run(MEMBERS, { ...HEALTHY, logs });
        assert.equal(result.status, 1);
        assert.match(
            result.stderr,
            /^in pod init-container-test \(namespace a\):\nevidence missing in pod init-container-test: no line of init-container's log containing "Hello from init-container" appears in displayer-container's log/,
        );
        assert.match(result.stderr, /kubectl logs init-container-test -n a -c displayer-container --context kind-demo/);
        assert.doesNotMatch(result.stderr, /in pod sidecar-container-test|in pod security/);
        assert.equal(
            verbs(result.calls, "logs").filter((call) => call.includes("b")).length,
            1,
            "b's pods passed at once: read once",
        );
    });

    it("a Service without a ready endpoint is missing evidence of its pod", () => {
        const result = run(MEMBERS, HEALTHY, { "slices.b": "security-sidecar-test false\n" });
        assert.equal(result.status, 1);
        assert.match(
            result.stderr,
            /in pod security-sidecar-test \(namespace b\):\nService security-sidecar-test has no ready endpoint/,
        );
    });

    it("shows the first five failing pods and counts the others", () => {
        const many = Array.from({ length: 7 }, (_, i) => ({
            ...member(initContainerExample, "a", `uid-${i}`),
            pod: `init-${i}`,
        }));
        const pods = many.map((m) => `P ${m.pod} ${m.uid} True`).join("\n");
        const result = run(
            many,
            { ...HEALTHY, logs: { "init-container": "nothing\n" } },
            { "pods.a": `${pods}\n` },
            "",
        );
        assert.equal(result.status, 1);
        assert.equal((result.stderr.match(/^in pod init-\d \(namespace a\):$/gm) ?? []).length, 5);
        assert.match(result.stderr, /and 2 other pod\(s\) missing evidence too/);
    });

    it("refuses to start without the credentials a member needs, and without kubectl", () => {
        const noAuth = run(MEMBERS, HEALTHY, {}, "");
        assert.equal(noAuth.status, 2);
        assert.match(noAuth.stderr, /credentials of pod security-sidecar-test were not given on standard input/);
        const noKubectl = runWithFakeKubectl(buildGroupVerifyScript(MEMBERS, CLUSTER, FAST), HEALTHY, {
            stdin: AUTH,
            path: "/nonexistent",
        });
        assert.equal(noKubectl.status, 3);
        assert.equal(noKubectl.stderr.trim(), NO_KUBECTL_MESSAGE);
    });
});
