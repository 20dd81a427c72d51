import * as assert from "assert";
import { allExamples } from "../../examples";
import { requireCluster } from "./support/cluster";
import { kubectl } from "./support/pods";
import { copyTestProgram, TestProject } from "./support/stack";

// One PodVerification for many bare pods, with the real CLI (test/cluster/programs/group): the five bare-pod
// examples in two namespaces, verified by one Command; it runs again when a pod joins; a pod whose evidence never
// appears fails `pulumi up` with that pod named; no change, no run.

const NAMESPACES = ["mcp-test-group-a", "mcp-test-group-b"];

describe("cluster: one PodVerification for many pods", function () {
    const cluster = requireCluster(this);
    let project: TestProject;

    const commandsInState = async () => {
        const state = JSON.parse((await project.pulumi(["stack", "export"])).stdout);
        return (state.deployment.resources ?? []).filter((r: { type: string }) => r.type === "command:local:Command");
    };

    before(async function () {
        for (const ns of NAMESPACES) {
            await kubectl(cluster(), ["delete", "namespace", ns, "--ignore-not-found", "--wait=true"]);
            assert.equal((await kubectl(cluster(), ["create", "namespace", ns])).status, 0);
        }
        project = new TestProject("group", cluster(), copyTestProgram("group"));
        await project.newStack("dev", { namespaces: NAMESPACES.join(",") }, { basicAuthPassword: "group-password-1" });
    });
    after(async () => {
        await project?.dispose();
        for (const ns of NAMESPACES) {
            await kubectl(cluster(), ["delete", "namespace", ns, "--ignore-not-found", "--wait=false"]);
        }
    });

    it("pulumi up verifies ten pods in two namespaces with one Command", async () => {
        const up = await project.pulumi(["up", "--yes"]);
        assert.match(up.stdout, /=== verified: 10 pod\(s\) showed all their evidence/);
        const outputs = await project.outputs();
        assert.equal(Object.keys(outputs.verified).length, 10);
        // Each pod: every piece of its evidence, and its Service's ready endpoint when it has one.
        for (const ns of NAMESPACES) {
            for (const def of allExamples.filter((d) => d.workload === undefined)) {
                const expected = (def.evidence ?? []).length + (def.expose ? 1 : 0);
                assert.equal(outputs.verified[`${ns}/${def.name}`], expected, `${ns}/${def.name}`);
            }
        }
        assert.equal((await commandsInState()).length, 1, "one verification Command, no image-update Commands");
    });

    it("an unchanged stack runs nothing again", async () => {
        const preview = await project.pulumi(["preview", "--diff"]);
        assert.doesNotMatch(preview.stdout, /to (create|update|replace|delete)/);
    });

    it("a pod that joins the group makes it verify again, the new pod included", async () => {
        await project.pulumi(["config", "set", "extraPod", "true"]);
        const up = await project.pulumi(["up", "--yes"]);
        assert.match(up.stdout, /=== verified: 11 pod\(s\)/);
        assert.equal((await project.outputs()).verified[`${NAMESPACES[0]}/extra-logging-test`], 2);
    });

    it("a pod whose evidence never appears fails the up, named with what is missing and how to look", async () => {
        await project.pulumi(["config", "set", "silentPod", "true"]);
        await project.pulumi(["config", "set", "evidenceTimeout", "3"]);
        const up = await project.pulumi(["up", "--yes"], "fail");
        const text = up.stdout + up.stderr;
        assert.match(text, new RegExp(`in pod silent-logging-test \\(namespace ${NAMESPACES[0]}\\):`));
        assert.match(
            text,
            /evidence missing in pod silent-logging-test: sidecar-container's log has no line containing "a line nobody writes"/,
        );
        assert.match(text, new RegExp(`kubectl logs silent-logging-test -n ${NAMESPACES[0]} -c sidecar-container`));
        assert.doesNotMatch(
            text,
            /in pod (init-container-test|sidecar-container-test)/,
            "only the failing pod is named",
        );
        // Without it the group passes again.
        await project.pulumi(["config", "rm", "silentPod"]);
        const again = await project.pulumi(["up", "--yes"]);
        assert.match(again.stdout, /=== verified: 11 pod\(s\)/);
    });
});
