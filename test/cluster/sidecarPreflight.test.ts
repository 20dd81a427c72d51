import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { nativeSidecarPreflight } from "../../components/program/sidecarPreflight";
import { REPO, requireCluster } from "./support/cluster";
import { getJson } from "./support/pods";
import { TestProject } from "./support/stack";

// The native-sidecar preflight against the real cluster, with the real kubectl and the API server's real dry
// run. What it must say depends on the cluster: where native sidecars work (1.29 and later, the
// SidecarContainers gate on; locked on from 1.33) it passes; on the local cluster started with
// `MCP_FEATURE_GATES=SidecarContainers=false` (1.29–1.32 accept it) it refuses in one line, and `pulumi preview`
// of the default stack (batch-job-test pins native sidecars) stops with that line, registering nothing.
// The other refusals (before 1.29) are tested against a fake kubectl (test/components/program/sidecarPreflight.test.ts).

/** Whether the local cluster runs with native sidecars switched off (its running.env, written by cluster:up). */
function gateOff(): boolean {
    const running = path.join(process.env.MCP_CLUSTER_DIR ?? path.join(REPO, ".cluster"), "running.env");
    return fs.existsSync(running) && /SidecarContainers=false/.test(fs.readFileSync(running, "utf8"));
}

describe("cluster: the native-sidecar preflight", function () {
    const cluster = requireCluster(this);
    const off = gateOff() && !process.env.MCP_TEST_KUBECONFIG;

    it(`${off ? "refuses, in one line," : "passes"} on this cluster, in a namespace that does not exist yet too, creating nothing`, async () => {
        const env = cluster().env;
        const podsBefore = (await getJson(cluster(), ["pods", "-n", "default"])).items.length;
        for (const namespace of ["default", "mcp-test-preflight-not-there"]) {
            const result = nativeSidecarPreflight(
                { namespace, kubeconfig: cluster().kubeconfig },
                ["batch-job-test"],
                env,
            );
            if (off) {
                assert.equal(result.kind, "refused", JSON.stringify(result));
                const message = (result as { message: string }).message;
                assert.match(
                    message,
                    /^native sidecars \(in batch-job-test\) cannot work on this cluster: .*SidecarContainers feature gate is off/,
                );
                assert.ok(!message.includes("\n"), "one line");
            } else {
                assert.deepEqual(result, { kind: "ok" });
            }
        }
        assert.equal((await getJson(cluster(), ["pods", "-n", "default"])).items.length, podsBefore, "no probe pod");
        assert.equal(await getJson(cluster(), ["namespace", "mcp-test-preflight-not-there"]), undefined);
    });

    it("with native sidecars off, `pulumi preview` of the default stack stops with that line, registering nothing", async function () {
        if (!off) this.skip();
        const project = new TestProject("preflight", cluster());
        try {
            await project.newStack("gateoff", { namespace: "mcp-test-preflight-gateoff" });
            const preview = await project.pulumi(["preview"], "fail");
            const printed = `${preview.stdout}\n${preview.stderr}`;
            assert.match(printed, /native sidecars \(in batch-job-test\) cannot work on this cluster/);
            assert.doesNotMatch(printed, /\+ +kubernetes:/, "no resource planned");
            assert.doesNotMatch(printed, /at Object\.|\.ts:\d+:\d+/, "no stack trace");
        } finally {
            await project.dispose();
        }
    });
});
