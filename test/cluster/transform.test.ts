import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO, requireCluster } from "./support/cluster";
import { getJson, kubectl } from "./support/pods";
import { eventually } from "./support/processes";
import { copyTestProgram, TestProject } from "./support/stack";

// Sidecars added to workloads a team already has, with the real CLI (test/cluster/programs/transform): a plain
// k8s.apps.v1.Deployment and a local Helm chart's Deployment (k8s.helm.v4.Chart), both written with no sidecar,
// get the logging sidecar from a stack transform (sidecarTransform); its log shows the app's lines; given to the
// Chart's own `transforms` option instead, only the chart's objects have it; without the transform the next
// `pulumi up` takes the sidecar away again.

const NAMESPACE = "mcp-test-transform";
const DEPLOYMENTS = ["plain-app", "logs-chart"];
const SIDECAR = "log-forwarder";

/** The test program, with the local chart beside it. */
function populate(dir: string): void {
    copyTestProgram("transform")(dir);
    fs.cpSync(path.join(REPO, "test", "cluster", "programs", "transform", "chart"), path.join(dir, "chart"), {
        recursive: true,
    });
}

describe("cluster: sidecars added to workloads you already have (a stack transform)", function () {
    const cluster = requireCluster(this);
    let project: TestProject;
    const ns = ["-n", NAMESPACE];
    const template = async (name: string) => (await getJson(cluster(), ["deployment", name, ...ns])).spec.template;
    const rolledOut = async (name: string) => {
        const status = await kubectl(cluster(), ["rollout", "status", `deployment/${name}`, ...ns, "--timeout=180s"]);
        assert.equal(status.status, 0, status.stderr);
    };
    /** Every pod of the Deployment, once only the current template's are left. */
    const podsOf = (name: string) =>
        eventually(
            async () => {
                const pods = (await getJson(cluster(), ["pods", "-l", `app=${name}`, ...ns])).items;
                assert.equal(pods.length, 1, `${name}: ${pods.map((p: any) => p.metadata.name).join(", ")}`);
                return pods;
            },
            120000,
            1000,
        );
    const hasSidecar = (spec: any) => (spec.initContainers ?? []).some((c: any) => c.name === SIDECAR);

    before(async function () {
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=true"]);
        assert.equal((await kubectl(cluster(), ["create", "namespace", NAMESPACE])).status, 0);
        project = new TestProject("transform", cluster(), populate);
        await project.newStack("dev", { namespace: NAMESPACE });
    });
    after(async () => {
        await project?.dispose();
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=false"]);
    });

    it("pulumi up gives the plain Deployment and the chart's Deployment the native logging sidecar", async () => {
        const up = await project.pulumi(["up", "--yes"]);
        assert.match(up.stdout, /kubernetes:helm.sh\/v4:Chart/);
        for (const name of DEPLOYMENTS) {
            const spec = (await template(name)).spec;
            const sidecar = spec.initContainers.find((c: any) => c.name === SIDECAR);
            assert.ok(sidecar, `${name} has no ${SIDECAR}`);
            assert.equal(sidecar.restartPolicy, "Always", "a native sidecar");
            assert.equal(sidecar.securityContext.runAsNonRoot, true, "with the secure defaults");
            assert.deepEqual(
                spec.volumes.map((v: any) => v.name),
                ["app-logs"],
                `${name}: one shared volume (the plain app's own, the chart's brought by the transform)`,
            );
            const app = spec.containers.find((c: any) => c.name === "app");
            assert.deepEqual(
                app.volumeMounts.map((m: any) => [m.name, m.mountPath]),
                [["app-logs", name === "plain-app" ? "/var/log/app" : "/tmp/log"]],
            );
        }
    });

    it("both pods run the sidecar, and its log shows the app's lines", async () => {
        for (const name of DEPLOYMENTS) {
            await rolledOut(name);
            const [pod] = await podsOf(name);
            assert.ok(hasSidecar(pod.spec), `pod ${pod.metadata.name} has the sidecar`);
            const forwarded = await eventually(
                async () => {
                    const logs = await kubectl(cluster(), ["logs", pod.metadata.name, ...ns, "-c", SIDECAR]);
                    assert.match(logs.stdout, new RegExp(`${name} wrote line 2`), logs.stderr);
                    return logs.stdout;
                },
                60000,
                1000,
            );
            // Forwarded whole, in the app's order.
            assert.match(forwarded, new RegExp(`${name} wrote line 1\\n${name} wrote line 2\\n`));
        }
    });

    it("a second preview has no changes: the transform gives the same inputs every run", async () => {
        await project.pulumi(["preview", "--expect-no-changes"]);
    });

    it("given to the Chart's own transforms option only, only the chart's objects keep the sidecar", async () => {
        const generation = async () =>
            (await getJson(cluster(), ["deployment", "logs-chart", ...ns])).metadata.generation;
        const before = await generation();
        await project.pulumi(["config", "set", "sidecar", "chart"]);
        await project.pulumi(["up", "--yes"]);
        assert.equal(await generation(), before, "the chart's Deployment is left as it was");
        assert.ok(hasSidecar((await template("logs-chart")).spec), "logs-chart keeps the sidecar");
        assert.ok(!hasSidecar((await template("plain-app")).spec), "plain-app lost the sidecar");
        await rolledOut("plain-app");
        const [pod] = await podsOf("plain-app");
        assert.ok(!hasSidecar(pod.spec), `pod ${pod.metadata.name} still runs ${SIDECAR}`);
    });

    it("without the transform, the next pulumi up takes the sidecar away again", async () => {
        await project.pulumi(["config", "set", "sidecar", "none"]);
        await project.pulumi(["up", "--yes"]);
        for (const name of DEPLOYMENTS) {
            const spec = (await template(name)).spec;
            assert.ok(!hasSidecar(spec), `${name} still has ${SIDECAR}`);
            await rolledOut(name);
            const [pod] = await podsOf(name);
            assert.ok(!hasSidecar(pod.spec), `pod ${pod.metadata.name} still runs ${SIDECAR}`);
        }
        // The chart's Deployment is as the chart renders it again: no volume, no mount.
        const chartSpec = (await template("logs-chart")).spec;
        assert.equal(chartSpec.volumes, undefined);
        assert.equal(chartSpec.containers[0].volumeMounts, undefined);
        // The plain Deployment keeps its own volume.
        assert.deepEqual(
            (await template("plain-app")).spec.volumes.map((v: any) => v.name),
            ["app-logs"],
        );
    });
});
