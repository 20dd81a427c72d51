import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";
import { CONSUMER_SDKS, installConsumer, lockedCopies, packInto } from "../support/consumerInstall";
import type { PackageManifest } from "../support/offlineLock";
import { readmeCodeBlock } from "../support/readme";
import { tsSources } from "../support/sourceFiles";

// The package as a stranger gets it: `npm pack`, installed into a fresh Pulumi program whose own lock holds other
// versions of the Pulumi SDKs than ours (the lowest of the package's peer ranges, from npm's cache or the registry),
// type-checked by our tsc and evaluated under mocks with the consumer's SDKs: one copy of each, the consumer's.
// test/cluster/consumerPackage.test.ts runs such a program with the real CLI on a cluster.

const ROOT = path.join(__dirname, "..", "..");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
const OURS: PackageManifest & { peerDependencies: Record<string, string>; devDependencies: Record<string, string> } =
    JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

// A stranger's program: the README's own, deploying their pod (an init container and a sidecar sharing an emptyDir).
const CONSUMER_PROGRAM = readmeCodeBlock("ts", "## Use it as a library", "### From TypeScript");

// The same program with a container that has no image: the package's types must reject it.
const MISTAKEN_PROGRAM = `import { MultiContainerPod } from "multi-container-pods";
new MultiContainerPod("broken", {
    definition: { name: "x", volumes: [], containers: [{ name: "web" }] },
});
`;

// Evaluates the compiled program under Pulumi mocks, with the consumer's own @pulumi/pulumi.
const RUNNER = `const pulumi = require("@pulumi/pulumi");
const registered = [];
pulumi.runtime.setMocks({
    newResource: (args) => { registered.push({ type: args.type, name: args.name, inputs: args.inputs }); return { id: args.name + "-id", state: args.inputs }; },
    call: (args) => args.inputs,
}, "consumer", "dev", false);
const program = require("./bin/index.js");
const outputs = {};
Promise.all(Object.entries(program).map(([key, value]) => new Promise((resolve) => pulumi.output(value).apply((v) => resolve((outputs[key] = v))))))
    .then(() => process.stdout.write(JSON.stringify({ registered, outputs })));
`;

function run(command: string, args: string[], cwd: string) {
    return spawnSync(command, args, { cwd, encoding: "utf8", timeout: 120_000, env: { ...process.env, CI: "true" } });
}

describe("the npm package, installed into a stranger's Pulumi program", function () {
    this.timeout(120_000);
    let dir: string;
    let tarball: string;
    let files: string[];

    before(function () {
        // The install writes some 17,000 files: on a memory file system when there is one.
        const base = fs.existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir();
        dir = fs.mkdtempSync(path.join(base, "mcp-consumer-"));
        const packed = packInto(dir);
        tarball = packed.tarball;
        files = execFileSync("tar", ["-tzf", path.join(dir, tarball)], { encoding: "utf8" })
            .trim()
            .split("\n");
        const skipped = installConsumer(dir, packed);
        if (skipped) {
            console.log(`      skipped: ${skipped}`);
            this.skip();
        }
        fs.writeFileSync(path.join(dir, "index.ts"), CONSUMER_PROGRAM);
        fs.writeFileSync(path.join(dir, "mistaken.ts"), MISTAKEN_PROGRAM);
        fs.writeFileSync(path.join(dir, "run.js"), RUNNER);
    });

    after(() => {
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("ships the compiled library with its declarations, `main`'s sources whole, and no tests or scripts", () => {
        for (const file of ["package.json", "README.md", "dist/components/index.js", "dist/components/index.d.ts"]) {
            assert.ok(files.includes(`package/${file}`), file);
        }
        // `main` is the entry the source-based component package host loads (PulumiPlugin.yaml: Node's require of
        // the package directory); importers never reach it, `exports` and `types` lead to dist/. It ships with
        // every source it imports, so it points at what ships.
        assert.equal(OURS.main, "components/index.ts");
        const sources = tsSources(path.join(ROOT, "components")).map((f) => `package/${path.relative(ROOT, f)}`);
        assert.deepEqual(
            sources.filter((f) => !files.includes(f)),
            [],
        );
        const stray = files.filter((f) => /^package\/(test|scripts|examples|docs|yaml-example|index\.ts)/.test(f));
        assert.deepEqual(stray, []);
        assert.ok(!files.some((f) => f.endsWith(".test.js") || f.endsWith(".test.ts")));
    });

    it("publishes: `npm publish --dry-run` accepts it", () => {
        const published = run("npm", ["publish", "--dry-run", "--ignore-scripts", path.join(dir, tarball)], dir);
        assert.equal(published.status, 0, published.stderr);
    });

    it("declares the Pulumi SDKs as peers with ranges, pinned only for its own development", () => {
        for (const sdk of Object.keys(CONSUMER_SDKS)) {
            assert.equal(OURS.dependencies?.[sdk], undefined, `${sdk} is no dependency of its own`);
            assert.match(OURS.peerDependencies[sdk], /^\^\d+\.\d+\.\d+$/, `${sdk} is a peer with a range`);
            assert.match(OURS.devDependencies[sdk], /^\d+\.\d+\.\d+$/, `${sdk} is pinned for development`);
            assert.notEqual(CONSUMER_SDKS[sdk], OURS.devDependencies[sdk], `the consumer's ${sdk} is another version`);
        }
        assert.equal((OURS as { private?: boolean }).private, undefined, "publishable");
    });

    it("installs with one copy of each Pulumi SDK, the consumer's, shared by the package", () => {
        for (const [sdk, version] of Object.entries(CONSUMER_SDKS)) {
            assert.deepEqual(lockedCopies(dir, sdk), [`node_modules/${sdk}@${version}`]);
            const installed = path.join(dir, "node_modules", sdk, "package.json");
            assert.equal(JSON.parse(fs.readFileSync(installed, "utf8")).version, version);
        }
    });

    it("requires and declares only node's modules and the package's own dependencies", () => {
        const installed = path.join(dir, "node_modules", "multi-container-pods");
        const manifest: PackageManifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
        const peers = Object.keys((manifest as { peerDependencies?: object }).peerDependencies ?? {});
        const allowed = new Set([
            manifest.name,
            ...Object.keys(manifest.dependencies ?? {}),
            ...peers,
            ...builtinModules,
        ]);
        const outside: string[] = [];
        for (const file of files.filter((f) => /^package\/dist\/.*\.(js|d\.ts)$/.test(f))) {
            const text = fs.readFileSync(path.join(installed, file.slice("package/".length)), "utf8");
            for (const [, spec] of text.matchAll(/(?:require\(|import\(|from )"([^"]+)"/g)) {
                if (spec.startsWith(".")) continue;
                const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
                if (!allowed.has(name.replace(/^node:/, ""))) outside.push(`${file}: ${spec}`);
            }
        }
        assert.deepEqual(outside, []);
    });

    it("type-checks the consumer's program against the package's declarations, and rejects a mistake", () => {
        const tsconfig = {
            compilerOptions: {
                target: "es2022",
                module: "commonjs",
                strict: true,
                outDir: "bin",
                types: [],
                skipLibCheck: true,
            },
            files: ["index.ts", "mistaken.ts"],
        };
        fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
        const checked = run(process.execPath, [TSC, "-p", "."], dir);
        const errors = checked.stdout.split("\n").filter((line) => /error TS/.test(line));
        assert.ok(errors.length > 0 && errors.every((line) => line.startsWith("mistaken.ts")), checked.stdout);
        assert.match(checked.stdout, /mistaken\.ts.*'image'/);
        assert.ok(fs.existsSync(path.join(dir, "bin", "index.js")), "the program compiled");
    });

    it("deploys the consumer's own pod under Pulumi mocks: its containers, its volume, nothing of ours", () => {
        const evaluated = run(process.execPath, ["run.js"], dir);
        assert.equal(evaluated.status, 0, evaluated.stderr);
        const { registered, outputs } = JSON.parse(evaluated.stdout);
        const pods = registered.filter((r: any) => r.type === "kubernetes:core/v1:Pod");
        assert.equal(pods.length, 1, "only the consumer's pod: the package does not run our program");
        const spec = pods[0].inputs.spec;
        const names = (list: { name: string }[] = []) => list.map((c) => c.name);
        assert.deepEqual(names(spec.initContainers), ["prepare"]);
        assert.deepEqual(names(spec.containers), ["app", "forwarder"]);
        assert.deepEqual(spec.volumes, [{ name: "shared", emptyDir: {} }]);
        assert.deepEqual(spec.containers[1].volumeMounts, [{ name: "shared", mountPath: "/shared", readOnly: true }]);
        assert.ok(registered.some((r: any) => r.type.endsWith(":MultiContainerPod") && r.name === "hello"));
        assert.equal(outputs.podName, "hello-pod");
        assert.deepEqual(
            outputs.logCommands.map((c: string) => c.split(" -c ")[1].split(" ")[0]),
            ["prepare", "app", "forwarder"],
        );
    });
});
