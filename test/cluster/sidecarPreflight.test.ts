import * as assert from "assert";
import { nativeSidecarPreflight } from "../../components/program/sidecarPreflight";
import { requireCluster } from "./support/cluster";
import { getJson } from "./support/pods";

// The native-sidecar preflight against the real cluster (Kubernetes 1.34: the SidecarContainers gate is locked
// on): it passes, with the real kubectl and the API server's real dry run, and leaves nothing behind. The refusals
// (before 1.29, the gate off) are tested against a fake kubectl (test/components/program/sidecarPreflight.test.ts):
// no cluster here can switch the gate off.

describe("cluster: the native-sidecar preflight", function () {
    const cluster = requireCluster(this);

    it("passes on this cluster, in a namespace that does not exist yet too, creating nothing", async () => {
        const env = cluster().env;
        const podsBefore = (await getJson(cluster(), ["pods", "-n", "default"])).items.length;
        for (const namespace of ["default", "mcp-test-preflight-not-there"]) {
            const result = nativeSidecarPreflight(
                { namespace, kubeconfig: cluster().kubeconfig },
                ["batch-job-test"],
                env,
            );
            assert.equal(result.kind, "ok", JSON.stringify(result));
            assert.match((result as { version: string }).version, /^v1\.(29|3\d)\./);
        }
        assert.equal((await getJson(cluster(), ["pods", "-n", "default"])).items.length, podsBefore, "no probe pod");
        assert.equal(await getJson(cluster(), ["namespace", "mcp-test-preflight-not-there"]), undefined);
    });
});
