import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO, requireCluster } from "./support/cluster";
import { exampleTests } from "./support/languageExample";
import { PYTHON, virtualenvOf } from "./support/languageProject";

// The component package from a Python program with the real CLI: python-example/ declares its own pod (an init
// container and a sidecar sharing a volume) in a namespace it creates. `pulumi package add` generates the
// Python SDK from the schema Pulumi infers and installs it into the program's virtual environment beside the
// pinned pulumi and pulumi-kubernetes; then up, every printed `kubectl logs` command, preview, destroy.
// Skipped, with the reason, without python3 and venv or without the toolchain's Python language host.

describe("cluster: the component package from a Python program (python-example/)", function () {
    const cluster = requireCluster(this);
    exampleTests(this, cluster, {
        language: PYTHON,
        namespace: "mcp-test-python",
        pod: "python-example-pod",
        greeting: "Hello from prepare, declared in Python",
        linkFile: "requirements.txt",
        async checkSdk(project) {
            // The SDK asks for pulumi-kubernetes at or above the schema's version, so pip would take the newest
            // 4.x (whose provider plugin this toolchain does not have); the program's pin keeps 4.25.0.
            const setup = fs.readFileSync(path.join(project.dir, "sdks", "multi-container-pods", "setup.py"), "utf8");
            assert.match(setup, /'pulumi_kubernetes>=4\.25\.0'/);
            const pip = await project.shell(`"${virtualenvOf(project)}/bin/python" -m pip list --format json`);
            const installed = Object.fromEntries(
                JSON.parse(pip.stdout).map((p: { name: string; version: string }) => [
                    p.name.toLowerCase().replace(/-/g, "_"),
                    p.version,
                ]),
            );
            assert.equal(installed.pulumi, "3.248.0");
            assert.equal(installed.pulumi_kubernetes, "4.25.0");
            assert.equal(
                installed.pulumi_multi_container_pods,
                JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version,
            );
        },
    });
});
