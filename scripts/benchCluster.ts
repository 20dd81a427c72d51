import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ClusterEnv, findCluster, REPO } from "../test/cluster/support/cluster";
import { KubectlFlow } from "./bench/cluster/kubectlFlow";
import { BenchProgram } from "./bench/cluster/programs";
import { LEGEND, rowsOf } from "./bench/cluster/goals";
import { met, renderTable, Samples } from "./bench/cluster/report";
import {
    Bench,
    errorSummary,
    floorRound,
    kubectlRound,
    oursRound,
    replicasRound,
    SCALE_VARIANTS,
    scaleRound,
} from "./bench/cluster/rounds";
import { addToolchainToPath, runTimed, stopRunning } from "./bench/cluster/runner";

// `npm run bench:cluster`: issue 15's figures on a real cluster (the local one of `npm run cluster:up`, or the
// one MCP_TEST_KUBECONFIG names), side by side in one run: kubectl apply + wait, our program, the one-ConfigMap
// floor program and the component at scale. Prints one table and writes it as JSON. Asserts nothing.
//
//   npm run bench:cluster -- [--rounds N] [--quick] [--sizes 10,30,100] [--replicas 100] [--out FILE]
//                            [--scale-variants NAME,…] [--scale-only]
//
// --rounds (or BENCH_ROUNDS): rounds of every variant, default 3 (1 with --quick). --quick: sizes 10 and 30.
// --sizes: pod counts for the scale rows, multiples of 5 ("" for none). --replicas: replica counts of the
// Deployment rows, default 100 (30 with --quick; "" for none). --out: JSON path, default
// bench-results/cluster-<commit>-<time>.json. --scale-variants perPod,group,…: only those of a scale round
// (SCALE_VARIANTS in bench/cluster/rounds.ts). --scale-only: the floor and the scale and Deployment rows only.

function parseOptions(argv: readonly string[]) {
    const value = (flag: string) => {
        const index = argv.indexOf(flag);
        if (index < 0) return undefined;
        if (index + 1 >= argv.length) throw new Error(`${flag} needs a value`);
        return argv[index + 1];
    };
    const quick = argv.includes("--quick");
    const rounds = Number(value("--rounds") ?? process.env.BENCH_ROUNDS ?? (quick ? 1 : 3));
    const sizesText = value("--sizes") ?? (quick ? "10,30" : "10,30,100");
    const sizes = sizesText === "" ? [] : sizesText.split(",").map(Number);
    if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer`);
    if (sizes.some((n) => !Number.isInteger(n) || n <= 0 || n % 5 !== 0)) {
        throw new Error(`--sizes must be positive multiples of 5 (copies of the five examples): ${sizesText}`);
    }
    const replicasText = value("--replicas") ?? (quick ? "30" : "100");
    const replicas = replicasText === "" ? [] : replicasText.split(",").map(Number);
    if (replicas.some((n) => !Number.isInteger(n) || n <= 0)) {
        throw new Error(`--replicas must be positive integers: ${replicasText}`);
    }
    const variantsText = value("--scale-variants");
    const scaleVariants = variantsText === undefined ? undefined : variantsText.split(",").filter(Boolean);
    const unknown = (scaleVariants ?? []).filter((name) => !SCALE_VARIANTS.includes(name));
    if (unknown.length > 0)
        throw new Error(`--scale-variants: unknown ${unknown.join(", ")}; known: ${SCALE_VARIANTS}`);
    const scaleOnly = argv.includes("--scale-only");
    return { quick, rounds, sizes, replicas, scaleVariants, scaleOnly, out: value("--out") };
}

const git = (...args: string[]) => spawnSync("git", args, { cwd: REPO, encoding: "utf8" }).stdout.trim();

async function versions(env: NodeJS.ProcessEnv) {
    const pulumi = await runTimed("pulumi", ["version"], { env });
    const kubectl = await runTimed("kubectl", ["version", "-o", "json"], { env });
    const parsed = kubectl.status === 0 ? JSON.parse(kubectl.stdout) : {};
    return {
        node: process.version,
        pulumi: pulumi.stdout.trim(),
        kubectl: parsed.clientVersion?.gitVersion,
        kubernetes: parsed.serverVersion?.gitVersion,
        cpus: os.cpus().length,
    };
}

async function main() {
    const options = parseOptions(process.argv.slice(2));
    addToolchainToPath();
    const found = findCluster();
    if (typeof found === "string") throw new Error(found);
    const cluster: ClusterEnv = found;

    const tag = Math.random().toString(36).slice(2, 7).padEnd(5, "0");
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "mcp-bench-cluster-"));
    const cleanups: (() => Promise<void>)[] = [async () => fs.rmSync(workDir, { recursive: true, force: true })];
    const kubectl = new KubectlFlow(cluster.env, workDir);
    cleanups.push(() => sweepNamespaces(kubectl, `bench-${tag}-`));
    let cleaning: Promise<void> | undefined;
    const cleanUp = () =>
        (cleaning ??= (async () => {
            await stopRunning();
            for (const task of cleanups.reverse()) {
                await task().catch((error) => console.error(`bench: clean-up step failed: ${error.message}`));
            }
        })());
    let interrupted = false;
    const onSignal = (signal: string) => {
        if (interrupted) return console.error(`bench: ${signal}: still cleaning up, please wait`);
        interrupted = true;
        console.error(`bench: ${signal}: stopping, destroying what it made, deleting its namespaces`);
        void cleanUp().finally(() => process.exit(130));
    };
    process.on("SIGINT", () => onSignal("SIGINT"));
    process.on("SIGTERM", () => onSignal("SIGTERM"));

    const started = new Date();
    const commit = git("rev-parse", "--short", "HEAD");
    const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
    try {
        const programs: BenchProgram[] = [];
        const prepare = async (make: () => Promise<BenchProgram>) => {
            const program = await make();
            programs.push(program);
            cleanups.push(() => program.dispose());
            return program;
        };
        const bench: Bench = {
            samples: new Samples(),
            kubectl,
            ours: await prepare(() => BenchProgram.ours(cluster)),
            floor: await prepare(() => BenchProgram.floor(cluster)),
            scale:
                options.sizes.length + options.replicas.length > 0
                    ? await prepare(() => BenchProgram.scale(cluster))
                    : undefined,
            namespace: (what) => `bench-${tag}-${what}`,
            scaleVariants: options.scaleVariants,
            notes: [],
            progress: (message) => console.error(`bench: ${message}`),
        };
        const about = await versions(cluster.env);
        console.error(
            `bench: run ${tag} on ${cluster.kubeconfig}, ${options.rounds} round(s), sizes [${options.sizes}], ` +
                `commit ${commit}${dirty ? " + uncommitted changes" : ""}`,
        );
        // A variant that fails is noted and cleaned up at once, and the run goes on with the next one.
        const variant = async (name: string, measure: () => Promise<void>) => {
            try {
                await measure();
            } catch (error) {
                if (interrupted) throw error;
                bench.notes.push(`${name} failed: ${errorSummary(error as Error)}`);
                console.error(`bench: ${name} failed:\n${(error as Error).message.slice(-3000)}`);
                for (const program of programs) await program.destroyOpenStacks();
                await sweepNamespaces(kubectl, `bench-${tag}-`);
            }
        };
        for (let round = 1; round <= options.rounds; round++) {
            console.error(`bench: round ${round} of ${options.rounds}`);
            if (!options.scaleOnly) await variant(`round ${round} kubectl`, () => kubectlRound(bench, round));
            await variant(`round ${round} floor`, () => floorRound(bench, round));
            if (!options.scaleOnly) await variant(`round ${round} ours`, () => oursRound(bench, round));
            for (const pods of options.sizes) {
                await variant(`round ${round} ${pods} pods`, () => scaleRound(bench, round, pods));
            }
            for (const replicas of options.replicas) {
                await variant(`round ${round} Deployment of ${replicas}`, () => replicasRound(bench, round, replicas));
            }
        }

        const rows = rowsOf(bench.samples, options.sizes, options.replicas);
        const finished = new Date();
        console.log(
            `npm run bench:cluster — commit ${commit}${dirty ? " (+ uncommitted changes)" : ""}, ` +
                `${options.rounds} round(s), ${about.cpus} CPUs, Kubernetes ${about.kubernetes}, ` +
                `pulumi ${about.pulumi}, node ${about.node}; ${((+finished - +started) / 60000).toFixed(1)} min`,
        );
        console.log(renderTable(bench.samples, rows));
        console.log(LEGEND);
        for (const note of bench.notes) console.log(`note: ${note}`);

        const stamp = started.toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
        const out = options.out ?? path.join(REPO, "bench-results", `cluster-${commit}-${stamp}.json`);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        const json = {
            commit,
            dirty,
            started: started.toISOString(),
            finished: finished.toISOString(),
            options,
            versions: about,
            samples: bench.samples.toJSON(),
            rows: rows.map((row) => ({
                ...row,
                ratio: row.ratio && { ...row.ratio, verdict: row.ratio.limit === undefined ? "info" : met(row.ratio) },
            })),
            notes: bench.notes,
        };
        fs.writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
        console.log(`JSON: ${out}`);
    } catch (error) {
        if (!interrupted) console.error(`bench: failed: ${(error as Error).message}`);
        process.exitCode = 1;
    } finally {
        if (!interrupted) await cleanUp();
    }
}

/** Deletes every namespace of this run still there (what an interrupted variant left). */
async function sweepNamespaces(kubectl: KubectlFlow, prefix: string) {
    const listed = await kubectl.kubectl(["get", "namespaces", "-o", "name"]);
    const left = listed.stdout
        .split("\n")
        .map((line) => line.replace(/^namespace\//, "").trim())
        .filter((name) => name.startsWith(prefix));
    if (left.length > 0) {
        console.error(`bench: deleting namespaces left behind: ${left.join(" ")}`);
        await kubectl.deleteNamespaces(left);
    }
}

main().catch((error: Error) => {
    // A bad option or no cluster: the reason alone, no stack trace.
    console.error(`bench:cluster: ${error.message}`);
    process.exitCode = 1;
});
