import * as assert from "assert";
import { requireCluster } from "./support/cluster";
import { getJson } from "./support/pods";
import { TestProject } from "./support/stack";

// A bad config value stops the run with our message alone (Pulumi's own plain error, no stack trace) and
// nothing reaches the cluster.

describe("cluster: bad configuration", function () {
    const cluster = requireCluster(this);
    let project: TestProject;
    const namespace = "mcp-test-bad-config";

    before(async function () {
        project = new TestProject("bad-config", cluster());
        await project.newStack("bad", { namespace, examples: "nope" });
    });
    after(async () => project?.dispose());

    for (const command of [["preview"], ["up", "--yes"]]) {
        it(`pulumi ${command.join(" ")} fails with the message naming the key and the known examples, and nothing else`, async () => {
            const result = await project.pulumi(command, "fail");
            const printed = `${result.stdout}\n${result.stderr}`;
            assert.match(printed, /config key "examples": unknown example "nope"; known: init-container-test, /);
            assert.doesNotMatch(printed, /unhandled exception/i);
            assert.doesNotMatch(printed, /^\s+at .+\(.+:\d+:\d+\)$/m, "no stack trace");
            // eslint-disable-next-line no-control-regex
            assert.doesNotMatch(printed, /\x1b\[/, "no colour codes");
            assert.equal(await getJson(cluster(), ["namespace", namespace]), undefined, "nothing was created");
        });
    }
});
