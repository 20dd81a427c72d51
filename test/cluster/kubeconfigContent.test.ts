import * as assert from "assert";
import * as fs from "fs";
import { requireCluster } from "./support/cluster";
import { getJson, kubectl } from "./support/pods";
import { copyTestProgram, TestProject } from "./support/stack";

// A kubeconfig given as content (how EKS, GKE and AKS programs build their provider), while the machine's own
// kubeconfig points at no cluster: verification checks exactly the cluster Pulumi deployed to, and says so in
// one line when it is handed another. The content never reaches a command line or the state in clear.

const NAMESPACE = "mcp-test-kubeconfig";

describe("cluster: verification through a kubeconfig given as content", function () {
    const cluster = requireCluster(this);
    let project: TestProject;
    let content: string;

    before(async function () {
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=true"]);
        assert.equal((await kubectl(cluster(), ["create", "namespace", NAMESPACE])).status, 0);
        content = fs.readFileSync(cluster().kubeconfig, "utf8");
        project = new TestProject("kubeconfig-content", cluster(), copyTestProgram("workloads"));
        // The machine's current kubeconfig: a cluster that does not exist.
        const elsewhere = `${project.root}/elsewhere-kubeconfig`;
        fs.writeFileSync(elsewhere, content.replace(/server: \S+/, "server: https://127.0.0.1:1"));
        project.env.KUBECONFIG = elsewhere;
        await project.newStack("dev", { namespace: NAMESPACE, deploy: "pod" }, { providerKubeconfig: content });
    });
    after(async () => {
        project.env.KUBECONFIG = cluster().kubeconfig;
        await project?.dispose();
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=false"]);
    });

    it("deploys and verifies on the provider's cluster, not the machine's current one", async () => {
        const up = await project.pulumi(["up", "--yes"]);
        assert.match(up.stdout, /=== verified: pod sidecar-container-test/);
        assert.ok(await getJson(cluster(), ["pod", "sidecar-container-test", "-n", NAMESPACE]));
    });

    it("keeps the content out of the state in clear", async () => {
        const state = (await project.pulumi(["stack", "export"])).stdout;
        const secretLine = content.split("\n").find((line) => /client-key-data|token/.test(line));
        assert.ok(secretLine, "the kubeconfig holds a credential");
        assert.ok(!state.includes(secretLine!.trim().split(/:\s*/)[1]), "no credential in clear in the state");
    });

    it("fails in one clear line when verification is handed another cluster than the provider's", async () => {
        await project.pulumi([
            "config",
            "set",
            "--secret",
            "verifyKubeconfig",
            fs.readFileSync(project.env.KUBECONFIG!, "utf8"),
        ]);
        await project.pulumi(["config", "set", "sidecarImage", "docker.io/library/busybox:1.36.1"]);
        const up = await project.pulumi(["up", "--yes"], "fail");
        assert.match(
            up.stdout + up.stderr,
            /verification cannot read pod\/sidecar-container-test on the cluster Pulumi deployed to|kubectl set image/,
        );
    });
});
