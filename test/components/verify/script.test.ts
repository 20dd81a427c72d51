import { strict as assert } from "assert";
import { buildVerifyScript, CREDENTIAL_ENV, parseVerifyOutput, VerifyOptions } from "../../../components/verify/script";
import { initContainerExample } from "../../../examples/init-container";
import { sidecarLoggingExample } from "../../../examples/sidecar-logging";
import { sidecarSecurityExample } from "../../../examples/sidecar-security";
import { runWithFakeKubectl } from "../../support/fakeKubectl";
import { EVIDENCE_TABLE, TARGET } from "./evidenceTable";

const FAST: VerifyOptions = { tailLines: 7, waitTimeoutSeconds: 30, attempts: 2, retryDelaySeconds: 0 };
const INIT_LINE = "Hello from init-container: prepared for pod init-container-test at 2026-11-24T10:00:00Z";

describe("the verification script (sh, against a fake kubectl)", () => {
    it("waits, reads every container's log and exits 0 when the evidence is there", () => {
        const run = runWithFakeKubectl(buildVerifyScript(initContainerExample, TARGET, FAST), {
            logs: { "init-container": `${INIT_LINE}\n`, "displayer-container": `header\n${INIT_LINE}` },
        });
        assert.equal(run.stderr, "");
        assert.equal(run.status, 0);
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
            ["-n", "demo", "--context", "kind-demo", "logs", "init-container-test", "-c", "init-container", "--tail=7"],
            [
                "-n",
                "demo",
                "--context",
                "kind-demo",
                "logs",
                "init-container-test",
                "-c",
                "displayer-container",
                "--tail=7",
            ],
        ]);
        assert.deepEqual(parseVerifyOutput(run.stdout), {
            "init-container": [INIT_LINE],
            "displayer-container": ["header", INIT_LINE],
        });
        assert.match(run.stdout, /=== verified: pod init-container-test showed all 2 pieces of evidence\n$/);
    });

    it("retries, then exits 1 naming the container that lacked its evidence", () => {
        const run = runWithFakeKubectl(buildVerifyScript(sidecarLoggingExample, TARGET, FAST), {
            logs: { "main-container": "2026 main-container handled request 1\n", "sidecar-container": "" },
        });
        assert.equal(run.status, 1);
        assert.equal(
            run.stderr,
            "evidence missing in pod sidecar-container-test: no line of main-container's log containing \"main-container handled request\" appears in sidecar-container's log. Look for yourself: kubectl logs sidecar-container-test -n demo -c main-container --context kind-demo ; kubectl logs sidecar-container-test -n demo -c sidecar-container --context kind-demo\n",
        );
        assert.equal(run.calls.filter((call) => call.includes("logs")).length, 2 * FAST.attempts);
        assert.deepEqual(parseVerifyOutput(run.stdout)["main-container"], ["2026 main-container handled request 1"]);
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

    it("sends the credentials from the environment, never from its own text", () => {
        const script = buildVerifyScript(sidecarSecurityExample, TARGET, FAST);
        const auth = Buffer.from("demo:pa ss'word").toString("base64");
        const run = runWithFakeKubectl(
            script,
            {
                logs: { "app-container": "", "auth-proxy": "" },
                http: { "app-container": "wget: server returned error: HTTP/1.1 401 Unauthorized\n" },
                httpWithAuth: { "app-container": "Hello from app-container: you are authenticated\n" },
                auth,
            },
            { [CREDENTIAL_ENV.user]: "demo", [CREDENTIAL_ENV.password]: "pa ss'word" },
        );
        assert.equal(run.status, 0, run.stderr);
        const execs = run.calls.filter((call) => call.includes("exec"));
        const exec = ["-n", "demo", "--context", "kind-demo", "exec", "security-sidecar-test", "-c", "app-container"];
        assert.deepEqual(execs.slice(0, 2), [
            [...exec, "--", "wget", "-q", "-O", "-", "http://127.0.0.1:8081/"],
            [
                ...exec,
                "--",
                "wget",
                "-q",
                "-O",
                "-",
                "--header",
                `Authorization: Basic ${auth}`,
                "http://127.0.0.1:8081/",
            ],
        ]);
        assert.ok(!script.includes("pa ss"));
    });

    it("refuses to run without the credentials it needs", () => {
        const run = runWithFakeKubectl(buildVerifyScript(sidecarSecurityExample, TARGET, FAST), {});
        assert.notEqual(run.status, 0);
        assert.match(run.stderr, /MCP_BASIC_AUTH_USER: set by the program/);
    });

    describe("agrees with the pure check on every sample", () => {
        for (const row of EVIDENCE_TABLE) {
            it(`${row.def.name}: ${row.title}`, () => {
                const byIndex = (i: number) => row.captured.http[i] ?? "";
                const http: Record<string, string> = {};
                const httpWithAuth: Record<string, string> = {};
                row.def.evidence.forEach((rule, i) => {
                    if (rule.kind === "http") (rule.credentials ? httpWithAuth : http)[rule.via] = byIndex(i);
                });
                const run = runWithFakeKubectl(
                    buildVerifyScript(row.def, TARGET, FAST),
                    { logs: row.captured.logs, http, httpWithAuth, auth: Buffer.from("u:p").toString("base64") },
                    { [CREDENTIAL_ENV.user]: "u", [CREDENTIAL_ENV.password]: "p" },
                );
                assert.equal(run.status, row.missing.length === 0 ? 0 : 1, run.stderr);
                assert.deepEqual(run.stderr.split("\n").filter(Boolean), row.missing);
            });
        }
    });
});

describe("parseVerifyOutput", () => {
    it("reads container sections and drops the trailing blank lines", () => {
        assert.deepEqual(parseVerifyOutput("=== logs: a\nx\n\ny\n\n=== logs: b\n=== verified: ok\n"), {
            a: ["x", "", "y"],
            b: [],
        });
        assert.deepEqual(parseVerifyOutput(""), {});
    });
});
