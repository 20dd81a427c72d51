import * as assert from "assert";
import { REPO, requireCluster } from "./support/cluster";
import { getJson, kubectl, throughPortForward } from "./support/pods";
import { TestProject } from "./support/stack";

// A team's namespace that exists already: the stack uses it without owning it, stops with the way out when the
// seed's kubectl flow holds the fixed pod names there, and leaves the namespace alone on destroy. Also the
// native sidecar mode's Service, reached with the printed port-forward (its target is a port number).

const NAMESPACE = "mcp-test-existing";
const SEED_MANIFESTS = ["init-container-example.yaml", "proxy-sidecar-example.yaml"].map(
    (f) => `${REPO}/examples/${f}`,
);

describe("cluster: deploying into a namespace that already exists", function () {
    const cluster = requireCluster(this);
    let project: TestProject;

    before(async function () {
        assert.equal((await kubectl(cluster(), ["create", "namespace", NAMESPACE])).status, 0);
        project = new TestProject("existing-namespace", cluster());
        await project.newStack("existing", {
            namespace: NAMESPACE,
            createNamespace: "false",
            examples: "init-container-test,proxy-sidecar-test",
            sidecarMode: "native",
        });
    });
    after(async () => {
        await project?.dispose();
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=false"]);
    });

    it("stops, naming the object and the way out, where the kubectl flow's pods hold the names", async () => {
        const applied = await kubectl(cluster(), [
            "apply",
            "-n",
            NAMESPACE,
            ...SEED_MANIFESTS.flatMap((f) => ["-f", f]),
        ]);
        assert.equal(applied.status, 0, applied.stderr);
        const up = await project.pulumi(["up", "--yes"], "fail");
        const printed = `${up.stdout}\n${up.stderr}`;
        assert.match(printed, /in namespace mcp-test-existing already exists, and this stack did not create it/);
        assert.match(printed, /another `namespace` argument/);
        // The kubectl pods are untouched: the stack adopted nothing.
        const pod = await getJson(cluster(), ["pod", "init-container-test", "-n", NAMESPACE]);
        assert.equal(pod.metadata.labels["app.kubernetes.io/managed-by"], undefined);
        const deleted = await kubectl(cluster(), [
            "delete",
            "-n",
            NAMESPACE,
            "--wait",
            ...SEED_MANIFESTS.flatMap((f) => ["-f", f]),
        ]);
        assert.equal(deleted.status, 0, deleted.stderr);
    });

    it("then deploys into it without creating it, native sidecars reachable through the printed port-forward", async () => {
        await project.pulumi(["up", "--yes"]);
        const outputs = await project.outputs();
        const proxy = outputs.pods["proxy-sidecar-test"];
        const service = await getJson(cluster(), ["service", "proxy-sidecar-test", "-n", NAMESPACE]);
        assert.equal(typeof service.spec.ports[0].targetPort, "number", "the Service targets the port number");
        const answer = await throughPortForward(cluster(), proxy.portForward, proxy.url, (a) => a.status === 200);
        assert.match(answer.body, /reached through proxy-container/);
        const state = (await project.pulumi(["stack", "export"])).stdout;
        assert.ok(!state.includes("kubernetes:core/v1:Namespace"), "the stack holds no namespace");
    });

    it("pulumi destroy --yes leaves the namespace it did not create", async () => {
        await project.pulumi(["destroy", "--yes"]);
        const namespace = await getJson(cluster(), ["namespace", NAMESPACE]);
        assert.equal(namespace?.status.phase, "Active");
        const pods = await getJson(cluster(), ["pods", "-n", NAMESPACE]);
        assert.deepEqual(pods.items, []);
    });
});
