import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { requireCluster } from "./support/cluster";
import { exampleTests } from "./support/languageExample";
import { PYTHON } from "./support/languageProject";

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
            const sdk = path.join(project.dir, "sdks", "multi-container-pods");
            // The SDK asks only for pulumi-kubernetes at or above the schema's version; the program's pin wins.
            assert.match(fs.readFileSync(path.join(sdk, "pyproject.toml"), "utf8"), /"pulumi_kubernetes>=4\.25\.0"/);
            const installed = await project.shell("venv/bin/python -m pip list --format json");
            const versions = Object.fromEntries(
                JSON.parse(installed.stdout).map((p: { name: string; version: string }) => [p.name, p.version]),
            );
            assert.equal(versions.pulumi, "3.248.0");
            assert.equal(versions.pulumi_kubernetes ?? versions["pulumi-kubernetes"], "4.25.0");
            assert.ok(
                versions.pulumi_multi_container_pods ?? versions["pulumi-multi-container-pods"],
                installed.stdout,
            );
        },
    });
});
