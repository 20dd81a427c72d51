import { strict as assert } from "assert";
import { findSecurityViolations } from "../../../components/build/securityDefaults";
import { probePod } from "../../../components/commands/sidecarProbe";
import { nativeSidecarPreflight } from "../../../components/program/sidecarPreflight";
import { FakeSidecarCluster, fakeSidecarKubectl } from "../../support/fakeSidecarKubectl";

// The preflight against a fake kubectl first on PATH, answering as clusters of each kind do.

const TARGET = { namespace: "team-a", context: "prod", kubeconfig: "/home/me/.kube/prod" };
const USERS = ["sidecar-container-test", "batch-job-test"];

function preflight(cluster: FakeSidecarCluster, target: typeof TARGET | { namespace: string } = TARGET) {
    const fake = fakeSidecarKubectl(cluster);
    try {
        const result = nativeSidecarPreflight(target, USERS, { ...process.env, PATH: fake.path });
        return { result, calls: fake.calls() };
    } finally {
        fake.dispose();
    }
}

describe("native-sidecar preflight (program/sidecarPreflight.ts) with a fake kubectl", () => {
    it("passes on 1.34 (gate locked on) with one dry run of the stack's cluster: its context, kubeconfig, namespace", () => {
        const { result, calls } = preflight({ minor: "34" });
        assert.deepEqual(result, { kind: "ok" });
        assert.deepEqual(calls, [
            [
                "create",
                "--dry-run=server",
                "-o",
                "json",
                "-f",
                "-",
                "-n",
                "team-a",
                "--request-timeout=10s",
                "--context",
                "prod",
                "--kubeconfig",
                "/home/me/.kube/prod",
            ],
        ]);
    });

    it("refuses 1.28 (gate off there by default) with one line naming the release, asked after the dry run", () => {
        const { result, calls } = preflight({ minor: "28+", gateOff: true });
        assert.deepEqual(result, {
            kind: "refused",
            message:
                "native sidecars (in sidecar-container-test, batch-job-test) cannot work on this cluster (context prod): the cluster runs Kubernetes v1.28.3, and native sidecars need 1.29 or later (1.28 only with the SidecarContainers feature gate switched on). Use sidecarMode classic; a definition that pins native sidecars (a Job's) needs a newer cluster.",
        });
        assert.deepEqual(
            calls.map((call) => call[0]),
            ["create", "version"],
        );
    });

    it("passes 1.28 with the gate switched on: the dry run kept the field", () => {
        assert.deepEqual(preflight({ minor: "28+" }).result, { kind: "ok" });
    });

    it("refuses an older release whose API server rejects the unknown field, by its version", () => {
        const { result } = preflight({
            minor: "27",
            dryRunFails: 'Error from server (BadRequest): unknown field "spec.initContainers[0].restartPolicy"',
        });
        assert.equal(result.kind, "refused");
        assert.match(
            (result as { message: string }).message,
            /the cluster runs Kubernetes v1\.27\.3, and native sidecars need 1\.29/,
        );
    });

    it("refuses a 1.31 cluster whose SidecarContainers gate is off (the dry run drops restartPolicy)", () => {
        const { result } = preflight({ minor: "31", gateOff: true }, { namespace: "team-a" });
        assert.equal(result.kind, "refused");
        const message = (result as { message: string }).message;
        assert.match(
            message,
            /^native sidecars \(in sidecar-container-test, batch-job-test\) cannot work on this cluster: the API server \(Kubernetes v1\.31\.3\) dropped restartPolicy: Always/,
        );
        assert.match(
            message,
            /Use sidecarMode classic; a definition that pins native sidecars \(a Job's\) needs a newer cluster\.$/,
        );
        assert.doesNotMatch(message, /\n/, "one line");
    });

    it("probes in namespace default when the stack's namespace does not exist yet (the program creates it)", () => {
        const { result, calls } = preflight({ minor: "31", gateOff: true, missingNamespaces: ["team-a"] });
        assert.equal(result.kind, "refused");
        assert.deepEqual(
            calls.filter((call) => call[0] === "create").map((call) => call[call.indexOf("-n") + 1]),
            ["team-a", "default"],
        );
    });

    it("is skipped with a warning when kubectl is missing or the cluster does not answer; never refuses then", () => {
        const missing = nativeSidecarPreflight(TARGET, USERS, { ...process.env, PATH: "/nonexistent" });
        assert.deepEqual(missing, {
            kind: "skipped",
            reason: "the preflight that checks this cluster can run native sidecars (in sidecar-container-test, batch-job-test) was skipped: kubectl is not on PATH",
        });
        const down = preflight({
            dryRunFails: "The connection to the server 127.0.0.1:6443 was refused",
            versionFails: "The connection to the server 127.0.0.1:6443 was refused",
        }).result;
        assert.equal(down.kind, "skipped");
        assert.match(
            (down as { reason: string }).reason,
            /skipped: the dry run of a probe pod failed: The connection to the server 127\.0\.0\.1:6443 was refused$/,
        );
        const forbidden = preflight({
            minor: "30",
            dryRunFails: 'pods is forbidden: User "me" cannot create resource "pods"',
        }).result;
        assert.equal(forbidden.kind, "skipped");
        assert.match((forbidden as { reason: string }).reason, /the dry run of a probe pod failed: pods is forbidden/);
    });

    it("probes with a pod a namespace enforcing the restricted profile admits", () => {
        assert.deepEqual(findSecurityViolations(probePod()), []);
    });
});
