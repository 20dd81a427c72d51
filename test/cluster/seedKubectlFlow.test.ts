import * as assert from "assert";
import { REPO, requireCluster } from "./support/cluster";
import { kubectl } from "./support/pods";
import { eventually, runShell } from "./support/processes";
import { readmeShellBlock } from "./support/readme";

// The seed tutorial's own flow, as the README shows it: kubectl apply the generated manifests, look at every
// container, delete them. No Pulumi.

describe("cluster: the seed's kubectl walkthrough from the README", function () {
    const cluster = requireCluster(this);
    const lines = () => readmeShellBlock("## The seed's kubectl flow, kept", "The seed tutorial's walkthrough");

    after(async () => {
        // Whatever the outcome, the seed pods go.
        await kubectl(cluster(), [
            "delete",
            "-f",
            `${REPO}/examples/init-container-example.yaml`,
            "-f",
            `${REPO}/examples/side-car-container-example.yaml`,
            "--ignore-not-found",
            "--wait",
        ]);
    });

    it("every command runs as written, and the logs show the pattern", async () => {
        const printed: Record<string, string> = {};
        for (const line of lines()) {
            // A sidecar forwards what the app writes every few seconds: its log fills in after Ready.
            const result = await eventually(async () => {
                const run = await runShell(line, { cwd: REPO, env: cluster().env, timeoutMs: 120000 });
                if (run.status !== 0) throw new Error(`\`${line}\` exited ${run.status}: ${run.stderr}`);
                if (line.startsWith("kubectl logs") && run.stdout.trim() === "")
                    throw new Error(`\`${line}\` printed nothing yet`);
                return run;
            }, 30000);
            printed[line] = result.stdout;
        }
        const output = (prefix: string) => Object.entries(printed).find(([line]) => line.startsWith(prefix))?.[1] ?? "";
        assert.match(
            output("kubectl logs init-container-test -c displayer-container"),
            /Hello from init-container: prepared for pod init-container-test/,
        );
        assert.match(
            output("kubectl logs sidecar-container-test -c sidecar-container"),
            /main-container handled request/,
        );
        assert.match(output("kubectl get pod"), /Running/);
    });
});
