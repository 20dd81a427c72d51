import { strict as assert } from "assert";
import {
    buildVerifyScript,
    credentialsInput,
    NO_KUBECTL_MESSAGE,
    parseVerifyOutput,
    VerifyOptions,
} from "../../../components/verify/script";
import { initContainerExample } from "../../../examples/init-container";
import { sidecarLoggingExample } from "../../../examples/sidecar-logging";
import { sidecarSecurityExample } from "../../../examples/sidecar-security";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runWithFakeKubectl } from "../../support/fakeKubectl";

/** Whether a process of that pid still exists (a zombie counts as gone). */
function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
    } catch {
        return false;
    }
    try {
        return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    } catch {
        return false;
    }
}
import { AUTHENTICATED, EVIDENCE_TABLE, FAST, TARGET, UNAUTHORIZED } from "./evidenceTable";

const INIT_LINE = "Hello from init-container: prepared for pod init-container-test at 2026-11-24T10:00:00Z";
const CR = "\r";

describe("the verification script (sh, against a fake kubectl)", () => {
    it("waits, reads every container's log and exits 0 when the evidence is there", () => {
        const run = runWithFakeKubectl(buildVerifyScript(initContainerExample, TARGET, FAST), {
            logs: { "init-container": `${INIT_LINE}\n`, "displayer-container": `header\n${INIT_LINE}` },
        });
        assert.equal(run.stderr, "");
        assert.equal(run.status, 0);
        // The wait first; then every container's log in one call.
        assert.deepEqual(run.calls, [
            [
                "-n",
                "demo",
                "--context",
                "kind-demo",
                "wait",
                "--for=condition=Ready",
                "pod/init-container-test",
                "--timeout=30s",
            ],
            [
                "-n",
                "demo",
                "--context",
                "kind-demo",
                "logs",
                "init-container-test",
                "--all-containers=true",
                "--prefix=true",
                "--ignore-errors=true",
                "--tail=7",
                "--request-timeout=20s",
            ],
        ]);
        assert.deepEqual(parseVerifyOutput(run.stdout), {
            "init-container": [INIT_LINE],
            "displayer-container": ["header", INIT_LINE],
        });
        assert.match(run.stdout, /=== verified: pod init-container-test showed all 2 pieces of evidence\n$/);
    });

    it("splits the one logs call by exact container name: a line of any other container belongs to none", () => {
        const run = runWithFakeKubectl(buildVerifyScript(initContainerExample, TARGET, FAST), {
            logs: {
                "init-container": `${INIT_LINE}\n`,
                "displayer-container": `a] b\n${INIT_LINE}\n`,
                "init-container-old": "Hello from init-container, a container this pod does not have\n",
            },
        });
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(parseVerifyOutput(run.stdout), {
            "init-container": [INIT_LINE],
            "displayer-container": ["a] b", INIT_LINE],
        });
    });

    it("retries, then exits 1 printing only what is missing and how to look, no logs and no script", () => {
        const run = runWithFakeKubectl(buildVerifyScript(sidecarLoggingExample, TARGET, FAST), {
            logs: { "main-container": "2026 main-container handled request 1\n", "sidecar-container": "" },
        });
        assert.equal(run.status, 1);
        assert.equal(run.stdout, "");
        assert.equal(
            run.stderr,
            "evidence missing in pod sidecar-container-test: no line of main-container's log containing \"main-container handled request\" appears in sidecar-container's log. Look for yourself: kubectl logs sidecar-container-test -n demo -c main-container --context kind-demo ; kubectl logs sidecar-container-test -n demo -c sidecar-container --context kind-demo\n",
        );
        assert.equal(run.calls.filter((call) => call.includes("logs")).length, FAST.attempts);
    });

    it("exits 2 with kubectl's own message when the pod never becomes Ready", () => {
        const run = runWithFakeKubectl(buildVerifyScript(initContainerExample, TARGET, FAST), {
            wait: { out: "error: timed out waiting for the condition on pods/init-container-test\n", rc: 1 },
        });
        assert.equal(run.status, 2);
        assert.equal(
            run.stderr,
            "pod init-container-test did not become Ready within 30s. Look for yourself: kubectl describe pod init-container-test -n demo --context kind-demo\n" +
                "error: timed out waiting for the condition on pods/init-container-test\n",
        );
        assert.equal(run.calls.length, 1);
    });

    it("fails at once, saying how to turn verification off, when kubectl is not on PATH", () => {
        const started = Date.now();
        const run = runWithFakeKubectl(
            buildVerifyScript(initContainerExample, TARGET, DEFAULT_SLOW),
            {},
            {
                path: "/nonexistent",
            },
        );
        assert.equal(run.status, 3);
        assert.equal(run.stderr, `${NO_KUBECTL_MESSAGE}\n`);
        assert.match(run.stderr, /the component's `verify: false`/);
        assert.ok(Date.now() - started < 5000, "no waiting");
    });

    it("passes names with spaces and quotes to kubectl as single arguments", () => {
        const target = { namespace: "demo", context: 'it\'s a "context" $(x)', kubeconfig: "/tmp/my kube/config" };
        const run = runWithFakeKubectl(buildVerifyScript(initContainerExample, target, FAST), {
            logs: { "init-container": INIT_LINE, "displayer-container": INIT_LINE },
        });
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(run.calls[0].slice(0, 6), [
            "-n",
            "demo",
            "--context",
            'it\'s a "context" $(x)',
            "--kubeconfig",
            "/tmp/my kube/config",
        ]);
    });

    describe("bounded and clean", () => {
        const security = { logs: { "app-container": "", "auth-proxy": "" }, hang: true };

        it("gives up when the evidence deadline passes, whatever attempts remain (a server that never answers)", () => {
            const bounded = { ...FAST, attempts: 1000, retryDelaySeconds: 0.1, evidenceTimeoutSeconds: 2 };
            const started = Date.now();
            const run = runWithFakeKubectl(buildVerifyScript(sidecarLoggingExample, TARGET, bounded), {
                logs: { "main-container": "nothing yet\n", "sidecar-container": "" },
            });
            assert.equal(run.status, 1);
            assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
        });

        it("interrupted by SIGTERM, stops its background kubectl and removes what it captured", () => {
            const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verify-tmp-"));
            let fakeDir = "";
            try {
                const run = runWithFakeKubectl(buildVerifyScript(sidecarSecurityExample, TARGET, FAST), security, {
                    stdin: credentialsInput("demo", "pw"),
                    env: { TMPDIR: tmp },
                    onDir: (dir) => (fakeDir = dir),
                    killAfterMs: 2000,
                    killSignal: "SIGTERM",
                });
                assert.equal(run.status, 143, run.stderr);
                assert.deepEqual(fs.readdirSync(tmp), [], "the captured output is gone");
                // Every hung kubectl exec it started is gone too (the fake wrote their pids before hanging).
                const hung = run.hung.filter(Boolean);
                assert.ok(hung.length > 0, "some kubectl exec was running");
                for (const pid of hung) assert.equal(alive(Number(pid)), false, `kubectl ${pid} still runs`);
            } finally {
                fs.rmSync(tmp, { recursive: true, force: true });
                void fakeDir;
            }
        });
    });

    describe("on exactly the cluster Pulumi deployed to", () => {
        const logs = { "init-container": INIT_LINE, "displayer-container": INIT_LINE };
        const withUid = (uid: string) => buildVerifyScript(initContainerExample, TARGET, FAST, { uid });

        it("first checks that the object it finds has the uid Pulumi recorded, then verifies", () => {
            const run = runWithFakeKubectl(withUid("uid-1"), { logs, uid: "uid-1" });
            assert.equal(run.status, 0, run.stderr);
            assert.deepEqual(run.calls[0].slice(4), [
                "get",
                "pod/init-container-test",
                "-o",
                'jsonpath={.metadata.uid} {.status.conditions[?(@.type=="Ready")].status}',
                "--request-timeout=20s",
            ]);
            // Not found Ready in that call: it waits.
            assert.equal(run.calls[1][4], "wait");
        });

        it("does not wait for a pod the uid check already found Ready (the provider's await did)", () => {
            const run = runWithFakeKubectl(withUid("uid-1"), {
                logs,
                uid: "uid-1",
                ready: "True",
                wait: { out: "error: timed out", rc: 1 },
            });
            assert.equal(run.status, 0, run.stderr);
            assert.deepEqual(
                run.calls.map((call) => call[4]),
                ["get", "logs"],
            );
        });

        it("waits for a pod found not Ready (a container restarted since), and fails as a wait does", () => {
            const run = runWithFakeKubectl(withUid("uid-1"), {
                logs,
                uid: "uid-1",
                ready: "False",
                wait: { out: "error: timed out waiting for the condition on pods/init-container-test\n", rc: 1 },
            });
            assert.equal(run.status, 2);
            assert.deepEqual(
                run.calls.map((call) => call[4]),
                ["get", "wait"],
            );
            assert.match(run.stderr, /^pod init-container-test did not become Ready within 30s/);
        });

        it("fails in one line, checking nothing, when the object of that name is another one", () => {
            const run = runWithFakeKubectl(withUid("uid-1"), { logs, uid: "uid-of-another" });
            assert.equal(run.status, 2);
            assert.equal(
                run.stderr,
                "verification found pod/init-container-test with uid uid-of-another, not the uid-1 Pulumi deployed: it is looking at another cluster or namespace\n",
            );
            assert.equal(run.calls.length, 1);
        });

        it("fails in one line when it cannot reach the cluster", () => {
            const run = runWithFakeKubectl(withUid("uid-1"), {
                logs,
                unreachable:
                    "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?\nmore\n",
            });
            assert.equal(run.status, 2);
            assert.equal(
                run.stderr,
                "verification cannot read pod/init-container-test on the cluster Pulumi deployed to: The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?\n",
            );
        });

        it("takes a kubeconfig given as content from its environment into a private file, never onto argv", () => {
            const content = "apiVersion: v1\nkind: Config\n# secret-token-123\n";
            const script = buildVerifyScript(initContainerExample, TARGET, FAST, { kubeconfigInEnv: true });
            assert.ok(!script.includes("secret-token-123"));
            const run = runWithFakeKubectl(script, { logs }, { env: { MCP_KUBECONFIG: content } });
            assert.equal(run.status, 0, run.stderr);
            assert.equal(run.kubeconfigSeen?.trimEnd(), content.trimEnd());
            for (const call of run.calls) {
                assert.ok(!call.join(" ").includes("secret-token-123"));
                assert.match(call[call.indexOf("--kubeconfig") + 1], /\/kubeconfig$/);
            }
        });
    });

    describe("HTTP evidence with credentials", () => {
        const password = "pa ss'word:$(x)";
        const auth = Buffer.from(`demo:${password}`).toString("base64");
        const script = buildVerifyScript(sidecarSecurityExample, TARGET, FAST);
        const cluster = {
            logs: { "app-container": "", "auth-proxy": "" },
            http: { "app-container": UNAUTHORIZED },
            httpWithAuth: { "app-container": AUTHENTICATED },
            auth,
        };
        const run = runWithFakeKubectl(script, cluster, { stdin: credentialsInput("demo", password) });

        it("sends each request on kubectl exec's standard input, to nc in the named container", () => {
            assert.equal(run.status, 0, run.stderr);
            const execs = run.calls.filter((call) => call.includes("exec"));
            const exec = ["-n", "demo", "--context", "kind-demo", "exec", "-i", "security-sidecar-test"];
            const nc = ["busybox", "timeout", "10", "busybox", "nc", "127.0.0.1", "8081"];
            assert.deepEqual(execs, [
                [...exec, "-c", "app-container", "--", ...nc],
                [...exec, "-c", "app-container", "--", ...nc],
            ]);
            // Both requests run at once: compare them in a fixed order.
            assert.deepEqual([...run.execInputs].sort().reverse(), [
                `GET / HTTP/1.0${CR}\nHost: 127.0.0.1:8081${CR}\nConnection: close${CR}\n${CR}\n`,
                `GET / HTTP/1.0${CR}\nHost: 127.0.0.1:8081${CR}\nAuthorization: Basic ${auth}${CR}\nConnection: close${CR}\n${CR}\n`,
            ]);
        });

        it("puts the password, plain or encoded, on no command line and not in the script", () => {
            for (const call of run.calls) {
                for (const arg of call) {
                    assert.ok(!arg.includes(auth) && !arg.includes("pa ss"), `argv holds a credential: ${arg}`);
                }
            }
            assert.ok(!script.includes("pa ss") && !script.includes(auth));
        });

        it("fails, naming the rule, when the proxy refuses the credentials", () => {
            const wrong = runWithFakeKubectl(script, cluster, { stdin: credentialsInput("demo", "wrong") });
            assert.equal(wrong.status, 1);
            assert.match(
                wrong.stderr,
                /^evidence missing in pod security-sidecar-test: auth-proxy forwards a request with the stack's credentials/,
            );
            assert.equal(wrong.stderr.split("\n").filter(Boolean).length, 1);
        });

        it("asks the API for the Service's endpoint slices by the Service's name label", () => {
            const get = run.calls.filter((call) => call.includes("get"));
            assert.ok(get.length > 0);
            for (const call of get) {
                assert.deepEqual(call.slice(4, 7), ["get", "endpointslices", "-l"]);
                assert.equal(call[7], "kubernetes.io/service-name=security-sidecar-test");
            }
        });

        it("fails, naming the Service and how to look, while it has no ready endpoint", () => {
            const unready = runWithFakeKubectl(
                script,
                { ...cluster, endpointsReady: "false" },
                {
                    stdin: credentialsInput("demo", password),
                },
            );
            assert.equal(unready.status, 1);
            assert.equal(
                unready.stderr,
                "Service security-sidecar-test has no ready endpoint. Look for yourself: kubectl get endpointslices -n demo -l kubernetes.io/service-name=security-sidecar-test --context kind-demo\n",
            );
        });

        it("refuses to run without the credentials it needs", () => {
            const none = runWithFakeKubectl(script, cluster);
            assert.equal(none.status, 2);
            assert.equal(none.stderr, "the basic-auth credentials were not given on standard input\n");
            assert.deepEqual(none.calls, []);
        });
    });

    describe("agrees with the pure check on every sample", () => {
        for (const row of EVIDENCE_TABLE) {
            it(`${row.def.name}: ${row.title}`, () => {
                const byIndex = (i: number) => row.captured.http[i] ?? "";
                const http: Record<string, string> = {};
                const httpWithAuth: Record<string, string> = {};
                (row.def.evidence ?? []).forEach(({ http: rule }, i) => {
                    if (rule) (rule.credentials ? httpWithAuth : http)[rule.via] = byIndex(i);
                });
                const run = runWithFakeKubectl(
                    buildVerifyScript(row.def, TARGET, FAST),
                    { logs: row.captured.logs, http, httpWithAuth, auth: Buffer.from("u:p").toString("base64") },
                    { stdin: credentialsInput("u", "p") },
                );
                assert.equal(run.status, row.missing.length === 0 ? 0 : 1, run.stderr);
                assert.deepEqual(run.stderr.split("\n").filter(Boolean), row.missing);
            });
        }
    });
});

const DEFAULT_SLOW: VerifyOptions = {
    tailLines: 20,
    waitTimeoutSeconds: 120,
    attempts: 10,
    retryDelaySeconds: 3,
    evidenceTimeoutSeconds: 30,
    requestTimeoutSeconds: 20,
};

describe("parseVerifyOutput", () => {
    it("reads container sections and drops the trailing blank lines", () => {
        assert.deepEqual(parseVerifyOutput("=== logs: a\n| x\n| \n| y\n| \n=== logs: b\n=== verified: ok\n"), {
            a: ["x", "", "y"],
            b: [],
        });
        assert.deepEqual(parseVerifyOutput(""), {});
    });

    it("keeps a container's lines that look like markers as its own: they neither end nor forge a section", () => {
        const run = runWithFakeKubectl(buildVerifyScript(initContainerExample, TARGET, FAST), {
            logs: {
                "init-container": `${INIT_LINE}\n=== RUN TestSomething\n=== logs: displayer-container\nforged\n`,
                "displayer-container": INIT_LINE,
            },
        });
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(parseVerifyOutput(run.stdout), {
            "init-container": [INIT_LINE, "=== RUN TestSomething", "=== logs: displayer-container", "forged"],
            "displayer-container": [INIT_LINE],
        });
    });
});
