import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { buildPodSpec } from "../../../components/build/pod";
import { buildService } from "../../../components/build/service";
import { buildWorkload } from "../../../components/build/workload";
import type { PodDefinition, WorkloadDefinition } from "../../../components/model";
import { describePod } from "../../../components/outputs/describe";
import { formatIssue, validateDefinition } from "../../../components/validation/validate";
import { buildVerifyScript, parseVerifyOutput } from "../../../components/verify/script";
import { jobNativeSidecarExample } from "../../../examples/job-native-sidecar";
import { sidecarLoggingExample } from "../../../examples/sidecar-logging";
import { runWithFakeKubectl } from "../../support/fakeKubectl";

// One definition as every kind: each kind's object holds the very pod the bare Pod would, plus only what the
// kind adds; the validator knows each kind's rules; the outputs and verification speak of the kind.

const options = { sidecarMode: "native" as const, instance: "proj-dev" };
const as = (workload: WorkloadDefinition, extra: Partial<PodDefinition> = {}): PodDefinition => ({
    ...sidecarLoggingExample,
    manifestFile: undefined,
    workload,
    ...extra,
});
const selector = {
    "app.kubernetes.io/name": "sidecar-container-test",
    "app.kubernetes.io/instance": "proj-dev",
};
const TARGET = { namespace: "demo" };

describe("workload kinds", () => {
    it("a Deployment: replicas, strategy and selector around the pod, auto-named unless workload.name", () => {
        const def = as({ deployment: { replicas: 3, maxUnavailable: "0", maxSurge: "1", minReadySeconds: 5 } });
        const d: any = buildWorkload(def, options);
        assert.equal(d.kind, "Deployment");
        assert.equal(d.metadata.name, undefined, "Pulumi names it");
        assert.equal(d.spec.replicas, 3);
        assert.deepEqual(d.spec.strategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
        assert.equal(d.spec.minReadySeconds, 5);
        assert.deepEqual(d.spec.selector.matchLabels, selector);
        assert.deepEqual(d.spec.template.spec, buildPodSpec(def, options));
        assert.equal(d.spec.template.spec.restartPolicy, "Always");
        const named: any = buildWorkload(as({ name: "web", deployment: { strategy: "Recreate" } }), options);
        assert.equal(named.metadata.name, "web");
        assert.deepEqual(named.spec.strategy, { type: "Recreate" });
    });

    it("a StatefulSet: its headless Service governs it", () => {
        const def = as({ name: "db", statefulSet: { replicas: 2, podManagementPolicy: "Parallel" } });
        const s: any = buildWorkload(def, options);
        assert.equal(s.kind, "StatefulSet");
        assert.equal(s.spec.serviceName, "db");
        assert.equal(s.spec.podManagementPolicy, "Parallel");
        assert.deepEqual(s.spec.updateStrategy, { type: "RollingUpdate" });
        const service: any = buildService(def, options);
        assert.equal(service.metadata.name, "db");
        assert.equal(service.spec.clusterIP, "None");
        assert.deepEqual(service.spec.selector, selector);
    });

    it("a DaemonSet: one pod a node, updated a node at a time by default", () => {
        const d: any = buildWorkload(as({ daemonSet: {} }), options);
        assert.equal(d.kind, "DaemonSet");
        assert.deepEqual(d.spec.updateStrategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } });
    });

    it("a Job: runs to completion, its native sidecar an init container that restarts, backoff 2 by default", () => {
        const j: any = buildWorkload(jobNativeSidecarExample, { sidecarMode: "classic" });
        assert.equal(j.kind, "Job");
        assert.equal(j.spec.backoffLimit, 2);
        assert.equal(j.spec.activeDeadlineSeconds, 300);
        assert.equal(j.spec.selector, undefined, "Kubernetes makes a unique selector");
        assert.equal(j.spec.template.spec.restartPolicy, "Never");
        assert.deepEqual(
            j.spec.template.spec.initContainers.map((c: any) => [c.name, c.restartPolicy]),
            [["results-shipper", "Always"]],
            "the definition's own sidecarMode wins over the component's",
        );
    });

    it("a CronJob: a schedule around a Job of the pod, Forbid by default", () => {
        const def = {
            ...jobNativeSidecarExample,
            workload: {
                cronJob: { schedule: "0 3 * * *", job: { backoffLimit: 1, restartPolicy: "OnFailure" as const } },
            },
        };
        const c: any = buildWorkload(def, options);
        assert.equal(c.kind, "CronJob");
        assert.equal(c.spec.schedule, "0 3 * * *");
        assert.equal(c.spec.concurrencyPolicy, "Forbid");
        assert.equal(c.spec.jobTemplate.spec.backoffLimit, 1);
        assert.equal(c.spec.jobTemplate.spec.template.spec.restartPolicy, "OnFailure");
    });

    const invalid: [string, PodDefinition, RegExp][] = [
        ["two kinds", as({ deployment: {}, job: {} }), /workload: set at most one of .* \(set: deployment and job\)/],
        [
            "both surge and unavailability 0",
            as({ deployment: { maxUnavailable: "0", maxSurge: "0%" } }),
            /may not both be 0/,
        ],
        ["a bad percentage", as({ deployment: { maxUnavailable: "ten" } }), /"ten" must be a count/],
        [
            "negative replicas",
            as({ statefulSet: { replicas: -1 } }),
            /replicas: -1 must be a whole number of at least 0/,
        ],
        ["a DaemonSet that may never update", as({ daemonSet: { maxUnavailable: "0" } }), /must be at least 1/],
        [
            "a bad schedule",
            as({ cronJob: { schedule: "every day" } }, { sidecarMode: "native" }),
            /not a cron schedule/,
        ],
        [
            "a bad time zone",
            as({ cronJob: { schedule: "@daily", timeZone: "Mars/Olympus" } }, { sidecarMode: "native" }),
            /not an IANA time zone/,
        ],
        ["a name on a bare Pod", as({ name: "x" }), /a bare Pod is named after the definition/],
        [
            "a classic sidecar in a Job",
            as({ job: {} }),
            /classic sidecar is an app container that never exits.*sidecarMode: native/,
        ],
        ["a classic sidecar in a CronJob", as({ cronJob: { schedule: "@hourly" } }), /sidecarMode: native/],
    ];
    for (const [title, def, message] of invalid) {
        it(`refuses ${title} before anything is built`, () => {
            const errors = validateDefinition(def, "classic")
                .filter((i) => i.severity === "error")
                .map(formatIssue);
            assert.ok(
                errors.some((e) => message.test(e)),
                errors.join("\n"),
            );
        });
    }

    it("describes each kind with commands that name its object", () => {
        const names = { workload: "web-1234", service: "web-svc", instance: "proj-dev" };
        const d = describePod(as({ deployment: {} }), TARGET, names);
        assert.equal(d.kind, "Deployment");
        assert.equal(d.containers[0].logs, "kubectl logs deployment/web-1234 -n demo -c main-container");
        assert.equal(
            d.containers[0].logsEveryPod,
            "kubectl logs -n demo -l app.kubernetes.io/name=sidecar-container-test,app.kubernetes.io/instance=proj-dev -c main-container --prefix --tail=-1",
        );
        assert.equal(d.rolloutStatus, "kubectl rollout status deployment/web-1234 -n demo");
        assert.equal(d.get, "kubectl get deployment web-1234 -n demo");
        const job = describePod(jobNativeSidecarExample, TARGET, { ...names, workload: "batch-1" });
        assert.equal(job.containers[0].logs, "kubectl logs job/batch-1 -n demo -c batch-step");
        assert.equal(job.rolloutStatus, undefined);
        const cron = describePod(as({ cronJob: { schedule: "@daily" } }), TARGET, { ...names, workload: "c-1" });
        assert.equal(cron.runNow, "kubectl create job c-1-manual -n demo --from=cronjob/c-1");
        assert.match(cron.containers[0].logs, /^kubectl logs -n demo -l .* -c main-container --prefix/);
    });

    describe("verification per kind (sh, against a fake kubectl)", () => {
        const fast = {
            tailLines: 5,
            waitTimeoutSeconds: 30,
            attempts: 2,
            retryDelaySeconds: 0,
            evidenceTimeoutSeconds: 30,
            requestTimeoutSeconds: 20,
        };
        const line = "2026 main-container handled request 1";
        const logs = { "main-container": line, "sidecar-container": line };
        const verbs = (calls: string[][]) =>
            calls.map((call) =>
                call
                    .slice(2)
                    .filter((arg) => !arg.startsWith("--request-timeout"))
                    .slice(0, 2)
                    .join(" "),
            );

        it("a Deployment: rollout status, its pods by label, each pod Ready, then the evidence on each", () => {
            const script = buildVerifyScript(as({ deployment: {} }), TARGET, fast, {
                workload: "web-1",
                instance: "proj-dev",
            });
            const run = runWithFakeKubectl(script, { logs });
            assert.equal(run.status, 0, run.stderr);
            assert.deepEqual(verbs(run.calls), ["rollout status", "get pods", "wait --for=condition=Ready", "logs -l"]);
            assert.match(run.stdout, /=== verified: deployment\/web-1 showed all 2 pieces of evidence on 1 pod\(s\)/);
        });

        it("many pods: one Ready wait and one log capture an attempt for all of them; the pods missing evidence named", () => {
            const script = buildVerifyScript(as({ deployment: { replicas: 3 } }), TARGET, fast, {
                workload: "web-1",
                instance: "proj-dev",
            });
            const pods = (dir: string) => fs.writeFileSync(path.join(dir, "pods"), "web-a\nweb-b\nweb-c\n");
            const verified = runWithFakeKubectl(script, { logs }, { onDir: pods });
            assert.equal(verified.status, 0, verified.stderr);
            assert.deepEqual(verbs(verified.calls), [
                "rollout status",
                "get pods",
                "wait --for=condition=Ready",
                "logs -l",
            ]);
            assert.deepEqual(verified.calls[2].slice(4, 7), ["pod/web-a", "pod/web-b", "pod/web-c"]);
            assert.match(verified.stdout, /evidence on 3 pod\(s\)/);
            assert.deepEqual(parseVerifyOutput(verified.stdout)["sidecar-container"], [line]);

            // web-b and web-c never relay the line: each attempt reads every pod's logs again, in one kubectl.
            const silent = (dir: string) => {
                pods(dir);
                for (const pod of ["web-b", "web-c"]) {
                    fs.mkdirSync(path.join(dir, `logs.${pod}`));
                    fs.writeFileSync(path.join(dir, `logs.${pod}`, "main-container"), line);
                    fs.writeFileSync(path.join(dir, `logs.${pod}`, "sidecar-container"), "");
                }
            };
            const missing = runWithFakeKubectl(script, { logs }, { onDir: silent });
            assert.equal(missing.status, 1);
            assert.deepEqual(verbs(missing.calls).slice(3), ["logs -l", "logs -l"], "two attempts, one capture each");
            assert.match(missing.stderr, /^in pod web-b \(and 1 other pod\(s\) missing evidence too\):\n/);
            assert.match(missing.stderr, /no line of main-container's log .* appears in sidecar-container's log/);
        });

        it("many pods: waits only for those the list found not Ready, and not at all when every one is", () => {
            const script = buildVerifyScript(as({ deployment: { replicas: 3 } }), TARGET, fast, {
                workload: "web-1",
                instance: "proj-dev",
            });
            // The list prints each pod with its Ready condition's status (empty when it has none yet).
            const listed = (text: string) => (dir: string) => fs.writeFileSync(path.join(dir, "pods"), text);
            const one = runWithFakeKubectl(script, { logs }, { onDir: listed("web-a True\nweb-b False\nweb-c\n") });
            assert.equal(one.status, 0, one.stderr);
            const wait = one.calls.find((call) => call.includes("wait"))!;
            assert.deepEqual(wait.slice(4, 6), ["pod/web-b", "pod/web-c"]);
            assert.ok(!wait.includes("pod/web-a"));
            assert.match(one.stdout, /evidence on 3 pod\(s\)/, "every pod's evidence is still checked");
            const none = runWithFakeKubectl(
                script,
                { logs },
                { onDir: listed("web-a True\nweb-b True\nweb-c True\n") },
            );
            assert.deepEqual(verbs(none.calls), ["rollout status", "get pods", "logs -l"]);
            assert.match(none.stdout, /evidence on 3 pod\(s\)/);
        });

        it("a Job: complete, then the evidence in its succeeded pod's logs; no Ready wait", () => {
            const jobLogs = {
                "batch-step": "batch-step result 1: 1\nbatch-step finished: 5 results",
                "results-shipper": "batch-step result 1: 1",
            };
            const script = buildVerifyScript(jobNativeSidecarExample, TARGET, fast, { workload: "batch-1" });
            const run = runWithFakeKubectl(script, { logs: jobLogs });
            assert.equal(run.status, 0, run.stderr);
            assert.deepEqual(verbs(run.calls), ["wait --for=condition=complete", "get pods", "logs -l"]);
            assert.ok(run.calls[1].includes("--field-selector=status.phase=Succeeded"));
        });

        it("a CronJob: one run started from it, checked, and deleted again even when the evidence is missing", () => {
            const def = { ...jobNativeSidecarExample, workload: { cronJob: { schedule: "@daily" } } };
            const script = buildVerifyScript(def, TARGET, fast, { workload: "nightly" });
            const run = runWithFakeKubectl(script, { logs: { "batch-step": "", "results-shipper": "" } });
            assert.equal(run.status, 1);
            const created = run.calls.find((call) => call.includes("create"))!;
            assert.ok(created.includes("--from=cronjob/nightly"));
            const job = created[created.indexOf("job") + 1];
            assert.match(job, /^nightly-verify-/);
            const deleted = run.calls.find((call) => call.includes("delete"));
            assert.ok(deleted && deleted.includes(job), "the proving run is removed");
        });
    });
});
