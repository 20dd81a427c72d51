import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { requireCluster } from "./support/cluster";
import { exampleTests } from "./support/languageExample";
import { GO } from "./support/languageProject";

// The component package from a Go program with the real CLI: go-example/ declares its own pod (an init container
// and a sidecar sharing a volume) in a namespace it creates. `pulumi package add` generates the Go SDK from the
// schema Pulumi infers, as a module of its own that go.mod replaces with sdks/; the program builds against
// pulumi sdk/v3 v3.248.0 and pulumi-kubernetes sdk/v4 v4.25.0 from the module proxy (the first build, with a
// cold Go build cache, takes about two minutes). Skipped, with the reason, without go or without the
// toolchain's Go language host.

describe("cluster: the component package from a Go program (go-example/)", function () {
    const cluster = requireCluster(this);
    exampleTests(this, cluster, {
        language: GO,
        namespace: "mcp-test-go",
        pod: "go-example-pod",
        greeting: "Hello from prepare, declared in Go",
        linkFile: "go.mod",
        async checkSdk(project) {
            const sdk = path.join(project.dir, "sdks", "multi-container-pods");
            assert.ok(fs.existsSync(path.join(sdk, "go.mod")), "the SDK is a Go module of its own");
        },
    });
});
