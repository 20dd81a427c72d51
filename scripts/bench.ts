import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// `npm run bench`: the program's own cost under Pulumi mocks as pod definitions multiply, against raw Pods
// with identical specs, then the full test suite's wall time. Prints figures; asserts nothing.
const ROOT = path.join(__dirname, "..");
const SIZES = [10, 100, 1000];
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
// The targets compare "ours" with "raw"; "ours+verify" is context, measured once to keep the bench under 2 min.
const VARIANTS = ["raw", "ours", "ours+verify"] as const;
const repeatsOf = (variant: string) => (variant === "ours+verify" ? 1 : REPEATS);

interface Sample {
    wallMs: number;
    maxRssKb: number;
}

// Verification's scripts (components/verify/scriptStore.ts) go to a cache of the bench's own, removed at its end.
const SCRIPT_CACHE = fs.mkdtempSync(path.join(os.tmpdir(), "mcp-bench-cache-"));
process.on("exit", () => fs.rmSync(SCRIPT_CACHE, { recursive: true, force: true }));

function measure(variant: string, count: number): Sample {
    const result = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(__dirname, "bench", "worker.ts"), variant, String(count)],
        { cwd: ROOT, encoding: "utf8", env: { ...process.env, MCP_CACHE_DIR: SCRIPT_CACHE } },
    );
    if (result.status !== 0) throw new Error(`bench worker ${variant} ${count} failed:\n${result.stderr}`);
    return JSON.parse(result.stdout.trim().split("\n").pop()!);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fixed = (value: number, digits = 1) => value.toFixed(digits).padStart(9);

console.log(`Pulumi mocks, fresh process per run, median of ${REPEATS} (ours+verify: 1); node ${process.version}`);
console.log("     N  variant        wall ms   ms/pod  peak RSS MiB  ours/raw");
const perPod: Record<string, Record<number, number>> = {};
for (const count of SIZES) {
    const medians: Record<string, number> = {};
    for (const variant of VARIANTS) {
        const samples = Array.from({ length: repeatsOf(variant) }, () => measure(variant, count));
        const wall = median(samples.map((s) => s.wallMs));
        const rss = median(samples.map((s) => s.maxRssKb)) / 1024;
        medians[variant] = wall;
        (perPod[variant] ??= {})[count] = wall / count;
        const ratio = variant === "raw" ? "" : fixed(wall / medians.raw, 2);
        console.log(
            `${String(count).padStart(6)}  ${variant.padEnd(12)}${fixed(wall)}${fixed(wall / count, 3)}${fixed(rss)}     ${ratio}`,
        );
    }
}
for (const variant of VARIANTS) {
    console.log(
        `linearity ${variant}: ms/pod at N=1000 is ${(perPod[variant][1000] / perPod[variant][100]).toFixed(2)}x N=100`,
    );
}

const started = Date.now();
const suite = spawnSync("npx", ["mocha"], { cwd: ROOT, encoding: "utf8" });
const summary = (suite.stdout.match(/\d+ passing.*|\d+ pending.*|\d+ failing.*/g) ?? []).join(", ");
console.log(`full test suite (npx mocha): ${((Date.now() - started) / 1000).toFixed(1)} s wall, ${summary}`);
