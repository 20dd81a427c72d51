import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findCluster } from "../test/cluster/support/cluster";
import { BenchProgram, PASSWORD } from "./bench/cluster/programs";
import { addToolchainToPath, stopRunning } from "./bench/cluster/runner";

// `npm run bench:profile -- [--pods N] [--raw | --graph]`: where the Pulumi CLI's own CPU goes in a scale
// `pulumi up` and `pulumi destroy` of scripts/bench/scale (default 100 pods, through the component; --raw: the same
// objects as plain resources; --graph: the component's resource graph doing no work, bench:cluster's "Pulumi
// alone"). Runs each with the CLI's --profiling, then prints the wall time, the engine's CPU time and the part of
// it spent saving the stack's state after each step (Pulumi's SnapshotManager), and the state's size. Needs the
// local cluster (or MCP_TEST_KUBECONFIG) and `go` for `go tool pprof`. Asserts nothing; deletes what it made.

/** Functions whose cumulative CPU time the report shows, as `go tool pprof -top -cum` names them. */
const WATCHED = {
    "saving state after each step": "backend.(*SnapshotManager).saveSnapshot",
    "  of which writing the file backend": "diy.(*diyBackend).saveStack",
};

function parseOptions(argv: readonly string[]) {
    const index = argv.indexOf("--pods");
    const pods = index < 0 ? 100 : Number(argv[index + 1]);
    if (!Number.isInteger(pods) || pods <= 0 || pods % 5 !== 0)
        throw new Error("--pods must be a positive multiple of 5");
    const variants = (["raw", "graph"] as const).filter((name) => argv.includes(`--${name}`));
    if (variants.length > 1) throw new Error("--raw and --graph are two different programs: give one");
    return { pods, variant: variants[0] ?? "component" };
}

/** Seconds of CPU in a `go tool pprof -top -cum` listing: the total, and each watched function's cumulative. */
function readProfile(binary: string, profile: string): { total: number; watched: Record<string, number> } {
    const top = spawnSync("go", ["tool", "pprof", "-top", "-cum", "-nodefraction=0", binary, profile], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    if (top.status !== 0) throw new Error(`go tool pprof failed (is Go on PATH?): ${top.stderr}`);
    const seconds = (text: string) => (text.endsWith("ms") ? parseFloat(text) / 1000 : parseFloat(text));
    const total = /Total samples = ([\d.]+m?s)/.exec(top.stdout);
    const watched: Record<string, number> = {};
    for (const [label, fn] of Object.entries(WATCHED)) {
        const line = top.stdout.split("\n").find((l) => l.trimEnd().endsWith(fn));
        // Columns: flat flat% sum% cum cum% name.
        watched[label] = line ? seconds(line.trim().split(/\s+/)[3]) : 0;
    }
    return { total: total ? seconds(total[1]) : NaN, watched };
}

const VARIANT_LABELS = {
    component: "through MultiContainerPod",
    raw: "as plain resources (raw)",
    graph: "as the component's resource graph doing no work (graph)",
};

async function main() {
    const { pods, variant } = parseOptions(process.argv.slice(2));
    addToolchainToPath();
    const cluster = findCluster();
    if (typeof cluster === "string") throw new Error(cluster);
    const binary = spawnSync("sh", ["-c", "command -v pulumi"], { env: cluster.env, encoding: "utf8" }).stdout.trim();
    const profiles = fs.mkdtempSync(path.join(os.tmpdir(), "mcp-bench-profile-"));
    const program = await BenchProgram.scale(cluster);
    const cleanUp = async () => {
        await stopRunning();
        await program.dispose();
        fs.rmSync(profiles, { recursive: true, force: true });
    };
    process.on("SIGINT", () => void cleanUp().finally(() => process.exit(130)));
    try {
        const stack = `profile${pods}`;
        const tag = Math.random().toString(36).slice(2, 7);
        const config = {
            copies: String(pods / 5),
            namespacePrefix: `profile-${tag}`,
            variant,
        };
        await program.newStack(stack, config, { basicAuthPassword: PASSWORD });
        const rows: string[] = [];
        const measure = async (what: "up" | "destroy") => {
            const prefix = path.join(profiles, what);
            const timed = await program.pulumi(stack, [what, "--yes", "--profiling", prefix]);
            const file = fs.readdirSync(profiles).find((name) => name.startsWith(`${what}.`) && name.endsWith(".cpu"));
            const profile = readProfile(binary, path.join(profiles, file!));
            rows.push(
                `pulumi ${what}: ${timed.seconds.toFixed(1)} s wall; Pulumi CLI (engine) CPU ${profile.total.toFixed(1)} s`,
            );
            for (const [label, value] of Object.entries(profile.watched)) {
                const share = ((100 * value) / profile.total).toFixed(0);
                rows.push(`  ${label}: ${value.toFixed(1)} s (${share}% of the engine's CPU)`);
            }
        };
        await measure("up");
        const state = await program.pulumi(stack, ["stack", "export"]);
        const resources = (JSON.parse(state.stdout).deployment.resources ?? []).length;
        rows.push(`state after up: ${resources} resources, ${(state.stdout.length / 1e6).toFixed(2)} MB as exported`);
        await measure("destroy");
        await program.removeStack(stack);
        console.log(
            `npm run bench:profile — ${pods} pods ${VARIANT_LABELS[variant]}, ` +
                `${os.cpus().length} CPUs, ${spawnSync("pulumi", ["version"], { env: cluster.env, encoding: "utf8" }).stdout.trim()}`,
        );
        for (const row of rows) console.log(row);
    } catch (error) {
        console.error(`bench:profile: failed: ${(error as Error).message}`);
        process.exitCode = 1;
    } finally {
        await cleanUp();
    }
}

main().catch((error: Error) => {
    // A bad option or no cluster: the reason alone, no stack trace.
    console.error(`bench:profile: ${error.message}`);
    process.exitCode = 1;
});
