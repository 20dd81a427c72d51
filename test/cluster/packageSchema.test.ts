import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { inferredSchema, normalizeSchema } from "../support/packageSchema";
import { findCluster } from "./support/cluster";
import { TestProject } from "./support/stack";
import { copyPackage, registerPlugins } from "./support/yamlProject";

// The unit suite checks the package schema it infers in-process (test/packageSchema.test.ts), because it runs
// before any CLI is built. This checks that premise with the real CLI: `pulumi package get-schema` of a copy of
// the package, as a checkout holds it, prints that very schema (after the CLI's normalization). It needs the CLI
// and the Node.js language host, not a cluster: the toolchain's PATH when there is a cluster, else this shell's.
// The plugins the package names are registered from the toolchain's binaries, as for yaml-example/.

describe("cluster: the package schema from the real CLI (pulumi package get-schema)", function () {
    this.timeout(5 * 60 * 1000);
    const cluster = findCluster();
    const env = typeof cluster === "string" ? { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } : cluster.env;
    let project: TestProject | undefined;

    before(function () {
        for (const tool of [
            "pulumi",
            "pulumi-language-nodejs",
            "pulumi-resource-kubernetes",
            "pulumi-resource-command",
        ]) {
            if (spawnSync("sh", ["-c", `command -v ${tool}`], { env }).status !== 0) {
                console.log(`      skipped: no ${tool} on PATH (build the toolchain: npm run toolchain)`);
                this.skip();
            }
        }
        // Never downloads a plugin: one that is not registered is an error.
        project = new TestProject(
            "schema",
            { env: { ...env, PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" }, kubeconfig: "" },
            () => undefined,
        );
    });
    after(() => project && fs.rmSync(project.root, { recursive: true, force: true }));

    it("is the schema the unit suite infers in-process", async () => {
        const pkg = path.join(project!.root, "package");
        copyPackage(pkg);
        await registerPlugins(project!, pkg);
        const printed = await project!.pulumi(["package", "get-schema", pkg]);
        assert.deepEqual(normalizeSchema(JSON.parse(printed.stdout)), normalizeSchema(await inferredSchema()));
    });
});
