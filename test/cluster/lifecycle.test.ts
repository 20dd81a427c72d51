import * as assert from "assert";
import * as fs from "fs";
import { requireCluster } from "./support/cluster";
import { basicAuthHeader, getJson, throughPortForward } from "./support/pods";
import { CommandLineWatch } from "./support/processes";
import { TestProject } from "./support/stack";

/** The forms a password travels in: as is, URL-encoded, and inside a basic-auth header. */
const secretForms = (user: string, password: string) => [
    password,
    encodeURIComponent(password),
    Buffer.from(`${user}:${password}`).toString("base64"),
];

// One stack in a namespace the program creates, changed the ways users change it: the sidecar mode both ways
// and the password, each with a plain `pulumi up --yes` (preview included, as the README says).

const NAMESPACE = "mcp-test-lifecycle";
const SIDECAR_PODS = [
    "sidecar-container-test",
    "monitoring-sidecar-test",
    "proxy-sidecar-test",
    "security-sidecar-test",
];
const SIDECARS: Record<string, string> = {
    "sidecar-container-test": "sidecar-container",
    "monitoring-sidecar-test": "metrics-exporter",
    "proxy-sidecar-test": "proxy-container",
    "security-sidecar-test": "auth-proxy",
};

describe("cluster: a stack in its own namespace, through mode and password changes", function () {
    const cluster = requireCluster(this);
    let project: TestProject;
    let first: Record<string, any>;

    const pods = async () => {
        const list = await getJson(cluster(), ["pods", "-n", NAMESPACE]);
        return Object.fromEntries(list.items.map((pod: any) => [pod.metadata.name, pod]));
    };
    const isReady = (pod: any) => pod.status.conditions?.some((c: any) => c.type === "Ready" && c.status === "True");
    /** The stack's outputs without the parts that legitimately change (captured logs, the mode itself). */
    const stableOutputs = (outputs: Record<string, any>) => ({ pods: outputs.pods, logCommands: outputs.logCommands });

    before(async function () {
        project = new TestProject("lifecycle", cluster());
        await project.newStack("lifecycle", { namespace: NAMESPACE }, { basicAuthPassword: "first-password-1" });
    });
    after(async () => project?.dispose());

    it("pulumi up creates the namespace, labelled so the API server enforces the restricted profile", async () => {
        await project.pulumi(["up", "--yes"]);
        const namespace = await getJson(cluster(), ["namespace", NAMESPACE]);
        for (const mode of ["enforce", "audit", "warn"]) {
            assert.equal(namespace.metadata.labels[`pod-security.kubernetes.io/${mode}`], "restricted", mode);
        }
        first = await project.outputs();
        const ready = Object.values(await pods()).filter(isReady);
        const bare = ["init-container-test", ...SIDECAR_PODS];
        assert.deepEqual(
            bare.filter((name) => ready.some((pod: any) => pod.metadata.name === name)),
            bare,
            "every bare pod is Ready",
        );
    });

    for (const [from, to] of [
        ["classic", "native"],
        ["native", "classic"],
    ]) {
        it(`sidecarMode ${from} → ${to} with plain pulumi up --yes: sidecar pods replaced and Ready, outputs unchanged`, async () => {
            const before = await pods();
            await project.pulumi(["config", "set", "sidecarMode", to]);
            await project.pulumi(["up", "--yes"]);
            const after = await pods();
            assert.equal(after["init-container-test"].metadata.uid, before["init-container-test"].metadata.uid);
            for (const name of SIDECAR_PODS) {
                const pod = after[name];
                assert.notEqual(pod.metadata.uid, before[name].metadata.uid, `${name} was replaced`);
                assert.ok(isReady(pod), `${name} is Ready`);
                const sidecar = SIDECARS[name];
                const asInit = (pod.spec.initContainers ?? []).find((c: any) => c.name === sidecar);
                if (to === "native")
                    assert.equal(asInit?.restartPolicy, "Always", `${name}: ${sidecar} is a native sidecar`);
                else assert.ok(pod.spec.containers.some((c: any) => c.name === sidecar) && !asInit, `${name}: classic`);
            }
            const outputs = await project.outputs();
            assert.equal(outputs.sidecarMode, to);
            assert.deepEqual(stableOutputs(outputs), stableOutputs(first));
        });
    }

    it("a new basicAuthPassword: the old one gets 401, the new one 200, verification passes on the new pod", async () => {
        const before = (await pods())["security-sidecar-test"];
        await project.pulumi(["config", "set", "--secret", "basicAuthPassword", "second-password-2"]);
        // Verification runs again on the new pod; `up` fails if the new password is refused there.
        const argvWatch = new CommandLineWatch(secretForms("demo", "second-password-2"));
        await project.pulumi(["up", "--yes"]);
        assert.deepEqual(await argvWatch.stop(), [], "the password appeared on a command line");
        const after = (await pods())["security-sidecar-test"];
        assert.notEqual(after.metadata.uid, before.metadata.uid, "the pod was replaced to serve the new user file");
        const { portForward, url } = first.pods["security-sidecar-test"];
        const old = await throughPortForward(
            cluster(),
            portForward,
            url,
            (a) => a.status === 401,
            basicAuthHeader("demo", "first-password-1"),
        );
        assert.equal(old.status, 401);
        const current = await throughPortForward(
            cluster(),
            portForward,
            url,
            (a) => a.status === 200,
            basicAuthHeader("demo", "second-password-2"),
        );
        assert.match(current.body, /you are authenticated/);
        await project.pulumi(["preview", "--expect-no-changes"]);
    });

    it("no password reached the API server's audit log of exec requests, nor the stack's state in clear", async function () {
        const auditLog = cluster().env.MCP_CLUSTER_AUDIT_LOG;
        const state = (await project.pulumi(["stack", "export"])).stdout;
        for (const secret of [
            ...secretForms("demo", "first-password-1"),
            ...secretForms("demo", "second-password-2"),
        ]) {
            assert.ok(!state.includes(secret), "a password is in the state in clear");
        }
        if (!auditLog || !fs.existsSync(auditLog)) {
            console.log("      audit log check skipped: only the local cluster (npm run cluster:up) writes one");
            return;
        }
        const exec = fs
            .readFileSync(auditLog, "utf8")
            .split("\n")
            .filter((line) => line.includes(`/namespaces/${NAMESPACE}/pods/security-sidecar-test/exec`));
        assert.ok(exec.length > 0, "verification's exec requests are in the audit log");
        for (const secret of [
            ...secretForms("demo", "first-password-1"),
            ...secretForms("demo", "second-password-2"),
        ]) {
            assert.ok(!exec.some((line) => line.includes(secret)), "a password reached an exec request URI");
        }
    });

    it("pulumi destroy --yes removes the namespace it created", async () => {
        await project.pulumi(["destroy", "--yes"]);
        const namespace = await getJson(cluster(), ["namespace", NAMESPACE]);
        assert.ok(namespace === undefined || namespace.status.phase === "Terminating", "namespace gone or going");
    });
});
