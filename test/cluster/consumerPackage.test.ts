import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CONSUMER_SDKS, installConsumer, lockedCopies, packInto } from "../support/consumerInstall";
import { readmeCodeBlock } from "../support/readme";
import { requireCluster } from "./support/cluster";
import { getJson } from "./support/pods";
import { eventually } from "./support/processes";
import { TestProject } from "./support/stack";

// A stranger's TypeScript Pulumi program on other SDK versions than ours, run with the real CLI: the packed
// package installed beside @pulumi/pulumi 3.218.0, @pulumi/kubernetes 4.18.0 and @pulumi/command 1.0.0 (its own
// lock), while the only provider plugins installed are the toolchain's 4.25.0 and 1.2.1 and the CLI may download
// none. The program is the README's ("With other SDK versions than the package's"): it pins those plugins on
// explicit providers and gives both to the component.

const PROGRAM = readmeCodeBlock("ts", "## Use it as a library", "### With other SDK versions than the package's");
const BOTH_PROVIDERS = "providers: [kubernetes, commands]";
const ROOT = path.join(__dirname, "..", "..");
const OURS = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

// What `pulumi new typescript` writes, the SDKs aside: TypeScript runs the program through Pulumi's own ts-node.
const PULUMI_YAML = "name: consumer\nruntime: nodejs\ndescription: A program of a user of multi-container-pods\n";
const TSCONFIG = {
    compilerOptions: {
        strict: true,
        outDir: "bin",
        target: "es2020",
        module: "commonjs",
        moduleResolution: "node",
        sourceMap: true,
        experimentalDecorators: true,
        pretty: true,
        noFallthroughCasesInSwitch: true,
        noImplicitReturns: true,
        forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
};
const DEV_DEPENDENCIES = {
    typescript: OURS.devDependencies.typescript,
    "@types/node": OURS.devDependencies["@types/node"],
};

describe("cluster: a consumer's program on other SDK versions than the package's", function () {
    const cluster = requireCluster(this);
    let project: TestProject | undefined;

    before(async function () {
        let skipped: string | undefined;
        project = new TestProject("consumer", cluster(), (dir) => {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), PULUMI_YAML);
            fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
            fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
            skipped = installConsumer(dir, packInto(dir), { devDependencies: DEV_DEPENDENCIES });
        });
        if (skipped) {
            console.log(`      skipped: ${skipped}`);
            fs.rmSync(project.root, { recursive: true, force: true });
            project = undefined;
            this.skip();
        }
        await project.newStack("dev");
    });
    after(async () => {
        await project?.dispose();
    });

    it("installs with one copy of each SDK, the consumer's, none at our versions or the plugins'", () => {
        for (const [sdk, version] of Object.entries(CONSUMER_SDKS)) {
            assert.deepEqual(lockedCopies(project!.dir, sdk), [`node_modules/${sdk}@${version}`]);
            assert.notEqual(version, OURS.devDependencies[sdk]);
        }
        assert.ok(PROGRAM.includes(`{ version: "${OURS.devDependencies["@pulumi/kubernetes"]}" }`));
        assert.ok(PROGRAM.includes(`{ version: "${OURS.devDependencies["@pulumi/command"]}" }`));
    });

    it("without the Command provider, stops in preview asking for the Command SDK's own plugin", async () => {
        const file = path.join(project!.dir, "index.ts");
        assert.ok(PROGRAM.includes(BOTH_PROVIDERS));
        fs.writeFileSync(file, PROGRAM.replace(BOTH_PROVIDERS, "providers: [kubernetes]"));
        try {
            const preview = await project!.pulumi(["preview"], "fail");
            assert.match(
                preview.stdout + preview.stderr,
                new RegExp(
                    `no resource plugin 'pulumi-resource-command' found .* version v${CONSUMER_SDKS["@pulumi/command"]}`,
                ),
            );
        } finally {
            fs.writeFileSync(file, PROGRAM);
        }
        const state = JSON.parse((await project!.pulumi(["stack", "export"])).stdout);
        assert.deepEqual(state.deployment.resources ?? [], [], "the preview created nothing");
    });

    it("pulumi up --yes deploys the pod in its own namespace and verifies it, its outputs present", async () => {
        const up = await project!.pulumi(["up", "--yes"]);
        assert.match(up.stdout, /verified: pod hello-pod showed all 1 pieces of evidence/);
        const outputs = await project!.outputs();
        assert.match(outputs.namespace, /^apps-[0-9a-z]+$/);
        assert.equal(outputs.podName, "hello-pod");
        assert.ok(
            outputs.logs.forwarder.some((line: string) => /^hello from app \d+$/.test(line)),
            outputs.logs,
        );
        const pod = await getJson(cluster(), ["pod", "hello-pod", "-n", outputs.namespace]);
        assert.deepEqual(
            pod.spec.containers.map((c: { name: string }) => c.name),
            ["app", "forwarder"],
        );
        assert.equal(pod.status.conditions.find((c: { type: string }) => c.type === "Ready")?.status, "True");
    });

    it("went through the pinned providers only: no default provider, every Command through the given one", async () => {
        const state = JSON.parse((await project!.pulumi(["stack", "export"])).stdout);
        const resources: { urn: string; type: string; provider?: string }[] = state.deployment.resources;
        const providers = resources.filter((r) => r.type.startsWith("pulumi:providers:"));
        assert.deepEqual(providers.map((r) => r.urn.split("::").slice(2).join("::")).sort(), [
            "pulumi:providers:command::command",
            "pulumi:providers:kubernetes::k8s",
        ]);
        const commands = resources.filter((r) => r.type === "command:local:Command");
        assert.ok(commands.length >= 1, "verification ran as a Command");
        for (const r of commands) assert.match(r.provider ?? "", /::pulumi:providers:command::command::/, r.urn);
        for (const r of resources.filter((r) => r.type.startsWith("kubernetes:"))) {
            assert.match(r.provider ?? "", /::pulumi:providers:kubernetes::k8s::/, r.urn);
        }
    });

    it("pulumi destroy --yes leaves nothing: the namespace and the pod are gone", async () => {
        const { namespace } = await project!.outputs();
        await project!.pulumi(["destroy", "--yes"]);
        await eventually(
            async () => assert.equal(await getJson(cluster(), ["namespace", namespace]), undefined),
            60000,
        );
        const state = JSON.parse((await project!.pulumi(["stack", "export"])).stdout);
        assert.deepEqual(state.deployment.resources ?? [], []);
    });
});
