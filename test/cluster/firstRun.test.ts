import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO, requireCluster } from "./support/cluster";
import { kubectl } from "./support/pods";
import { CACHE, toolchainPath } from "./support/plugins";
import { Finished, run } from "./support/processes";
import { TestProject } from "./support/stack";

// A first run that shows its progress and prints no plugin noise. toolchain.sh, run as the demo runs it with one
// tool missing from a copy of the cache: numbered progress with its estimate and a heartbeat on stderr, the PATH
// alone on stdout, and a failed build ending with its reason. Then `pulumi preview` and `up` in a project whose
// Pulumi home has the toolchain's providers registered (as cluster:up and the demo do): no "using pulumi-… from
// $PATH" warning, and the providers really are the registered ones.

const EXPORTER = "nginx-prometheus-exporter-1.4.1";
const FROM_PATH_WARNING = /using pulumi-\S+ from \$PATH/;
/** What the demo needs of a checkout: its scripts and the program. */
const DEMO_FILES = [
    "scripts",
    "Pulumi.yaml",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "tsconfig.pulumi.json",
    "index.ts",
    "components",
    "examples",
];

/** A cache holding the real toolchain's items (linked, never written) except the exporter, the quickest to build. */
function cacheWithoutExporter(root: string): string {
    const tools = path.join(root, "toolchain");
    fs.mkdirSync(tools, { recursive: true });
    for (const item of fs.readdirSync(path.join(CACHE, "toolchain"))) {
        if (item === EXPORTER || item === "logs" || item.startsWith(".")) continue;
        fs.symlinkSync(path.join(CACHE, "toolchain", item), path.join(tools, item));
    }
    return root;
}

function toolchain(cache: string, env: NodeJS.ProcessEnv = {}): Promise<Finished> {
    return run(path.join(REPO, "scripts", "cluster", "toolchain.sh"), [], {
        env: { ...process.env, MCP_CACHE_DIR: cache, MCP_PROGRESS_INTERVAL: "1", ...env },
        timeoutMs: 5 * 60 * 1000,
    });
}

describe("cluster: the toolchain's progress on a first run", function () {
    this.timeout(10 * 60 * 1000);
    let root: string;

    before(function () {
        const missing =
            toolchainPath() === undefined
                ? "the toolchain is not built (npm run toolchain)"
                : spawnSync("sh", ["-c", "command -v go"]).status !== 0
                  ? "no Go to build with"
                  : undefined;
        if (missing) {
            console.log(`      toolchain progress tests skipped: ${missing}`);
            this.skip();
        }
    });
    beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "mcp-toolchain-"))));
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it("says what it builds, [k/n], its estimate and a heartbeat on stderr; stdout is the PATH alone", async () => {
        const cache = cacheWithoutExporter(root);
        const result = await toolchain(cache);
        assert.equal(result.status, 0, result.stderr);
        const lines = result.stderr.trimEnd().split("\n");
        assert.ok(!result.stderr.includes("\r"), "plain lines when stderr is not a terminal");
        assert.match(lines[0], /^toolchain: 1 of \d+ tools to build, about \d+ (s|min) \(their cold build times/);
        const tools = path.join(cache, "toolchain");
        assert.ok(
            lines.includes(
                `toolchain: [1/1] building ${EXPORTER} (~49 s cold here; log: ${tools}/logs/${EXPORTER}.log)`,
            ),
            result.stderr,
        );
        const built = result.stderr.match(new RegExp(`^toolchain: \\[1/1\\] built ${EXPORTER} in (\\d+) s$`, "m"));
        assert.ok(built, result.stderr);
        if (Number(built[1]) >= 3) {
            assert.match(result.stderr, new RegExp(`^toolchain: 0 of 1 built, .* left; building ${EXPORTER} \\(`, "m"));
        }
        assert.match(lines[lines.length - 1], new RegExp(`^toolchain: ready in \\d+ s under ${tools}$`));
        const expectedPath = (
            await run(path.join(REPO, "scripts", "cluster", "toolchain.sh"), ["--path"], {
                env: { ...process.env, MCP_CACHE_DIR: cache },
            })
        ).stdout;
        assert.equal(result.stdout, expectedPath);
        assert.equal(result.stdout.trim().split("\n").length, 1);
    });

    it("ends a failed build with the reason alone: which tool, after how long, and the end of its log", async () => {
        const cache = cacheWithoutExporter(root);
        // A `go` that fails to build (and does everything else as the real one does).
        const bin = path.join(root, "bin");
        fs.mkdirSync(bin);
        const go = (await run("sh", ["-c", "command -v go"], { env: process.env })).stdout.trim();
        fs.writeFileSync(
            path.join(bin, "go"),
            `#!/bin/sh\n[ "$1" != build ] || { echo "build refused by the test" >&2; exit 2; }\nexec ${go} "$@"\n`,
            { mode: 0o755 },
        );
        const result = await toolchain(cache, { PATH: `${bin}:${process.env.PATH}` });
        assert.equal(result.status, 1);
        assert.equal(result.stdout, "", "no PATH when a build failed");
        const lines = result.stderr.trimEnd().split("\n");
        const header = lines.findIndex((line) =>
            new RegExp(`^toolchain: building ${EXPORTER} failed after \\d+ s; the end of .*${EXPORTER}\\.log:$`).test(
                line,
            ),
        );
        assert.ok(header > 0, result.stderr);
        assert.equal(lines[lines.length - 1], "build refused by the test", "the log's last line ends the output");
        assert.ok(
            !lines.slice(header + 1).some((line) => line.startsWith("toolchain:")),
            `no progress after the reason:\n${result.stderr}`,
        );
        assert.ok(!fs.existsSync(path.join(cache, "toolchain", EXPORTER, ".complete")));
    });
});

describe("cluster: no plugin noise from pulumi", function () {
    const cluster = requireCluster(this);
    const NAMESPACE = "mcp-test-plugins";
    let project: TestProject;

    before(async function () {
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=true"]);
        project = new TestProject("plugins", cluster());
        await project.newStack("plugins", { namespace: NAMESPACE, examples: "init-container-test" });
    });
    after(async () => project?.dispose());

    it("registers the toolchain's providers in the project's own Pulumi home", async () => {
        assert.equal(project.env.PULUMI_IGNORE_AMBIENT_PLUGINS, "true", "the toolchain is built");
        const listed = (await project.pulumi(["plugin", "ls", "--json"])).stdout;
        const plugins = JSON.parse(listed).map((p: any) => `${p.kind} ${p.name} ${p.version}`);
        const lock = JSON.parse(fs.readFileSync(path.join(REPO, "package-lock.json"), "utf8")).packages;
        for (const [npmName, plugin] of [
            ["@pulumi/kubernetes", "kubernetes"],
            ["@pulumi/command", "command"],
        ]) {
            assert.ok(plugins.includes(`resource ${plugin} ${lock[`node_modules/${npmName}`].version}`), listed);
        }
    });

    it("`pulumi preview` and `pulumi up` print no `using … from $PATH` warning", async () => {
        const preview = await project.pulumi(["preview"]);
        assert.doesNotMatch(preview.stdout + preview.stderr, FROM_PATH_WARNING);
        const up = await project.pulumi(["up", "--yes"]);
        assert.doesNotMatch(up.stdout + up.stderr, FROM_PATH_WARNING);
        assert.match(up.stdout, /Resources:\s*\n\s*\+ \d+ created/);
    });

    it("the same preview warns when the plugins come from PATH: the warning the test looks for is real", async () => {
        const env = { ...project.env, PULUMI_IGNORE_AMBIENT_PLUGINS: "" };
        const preview = await run("pulumi", ["preview", "--non-interactive"], { cwd: project.dir, env });
        assert.equal(preview.status, 0, preview.stdout + preview.stderr);
        assert.match(preview.stdout + preview.stderr, FROM_PATH_WARNING);
    });
});

describe("cluster: npm run demo, on a named cluster, in a fresh Pulumi home", function () {
    const cluster = requireCluster(this);
    const NAMESPACE = "mcp-test-demo";
    const STACK = "demo-test";
    let root: string;
    let checkout: string;
    let env: NodeJS.ProcessEnv;

    before(async function () {
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=true"]);
        root = fs.mkdtempSync(path.join(os.tmpdir(), "mcp-demo-"));
        // A checkout of its own (the demo keeps its stack state and config beside itself), node_modules linked.
        checkout = path.join(root, "checkout");
        for (const file of DEMO_FILES) fs.cpSync(path.join(REPO, file), path.join(checkout, file), { recursive: true });
        fs.symlinkSync(path.join(REPO, "node_modules"), path.join(checkout, "node_modules"));
        // One example in a namespace of its own, so the demo shares nothing with other tests.
        fs.writeFileSync(
            path.join(checkout, `Pulumi.${STACK}.yaml`),
            `config:\n  multi-container-pods:namespace: ${NAMESPACE}\n  multi-container-pods:examples: init-container-test\n`,
        );
        env = {
            ...process.env,
            DEMO_KUBECONFIG: cluster().kubeconfig,
            DEMO_STACK: STACK,
            PULUMI_HOME: path.join(root, "pulumi-home"),
            MCP_CACHE_DIR: CACHE,
            NO_COLOR: "1",
        };
        delete env.PULUMI_IGNORE_AMBIENT_PLUGINS;
    });
    after(async () => {
        if (!checkout) return;
        const down = await run(path.join(checkout, "scripts", "demo-down.sh"), [], { cwd: checkout, env });
        if (down.status !== 0) console.log(`      demo:down failed: ${down.stdout}${down.stderr}`.slice(0, 2000));
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=false"]);
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("numbers its phases with the time so far, deploys, and prints no `using … from $PATH` warning", async () => {
        const demo = await run(path.join(checkout, "scripts", "demo.sh"), [], { cwd: checkout, env });
        const output = `${demo.stdout}\n${demo.stderr}`;
        assert.equal(demo.status, 0, output);
        const phases = demo.stdout.split("\n").filter((line) => line.startsWith("━━ "));
        const expected = [
            /^━━ \[1\/3\] toolchain \(built once, then cached in .*\); the cluster of /,
            /^━━ \[2\/3\] pulumi up \(stack demo-test; about \d+ (s|min) the first time\)( \(\d+ (s|min) so far\))?$/,
            /^━━ \[3\/3\] every container's log, through the commands in: pulumi stack output logCommands( \(\d+ (s|min) so far\))?$/,
            /^━━ done in \d+ (s|min)$/,
        ];
        assert.equal(phases.length, expected.length, phases.join("\n"));
        expected.forEach((pattern, i) => assert.match(phases[i], pattern));
        assert.match(demo.stderr, /^toolchain: ready in \d+ s under /m);
        assert.doesNotMatch(output, FROM_PATH_WARNING);
        assert.match(demo.stdout, /Hello from init-container: prepared for pod init-container-test/);
    });
});
