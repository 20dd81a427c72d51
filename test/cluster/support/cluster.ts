import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

// Which cluster and which real tools the cluster tests use. The local cluster of `npm run cluster:up` (its
// .cluster/env), or a disposable cluster that MCP_TEST_KUBECONFIG names, with `pulumi` and `kubectl` on PATH.
// When neither is there the tests are skipped with the reason, never faked.

export const REPO = path.resolve(__dirname, "../../..");

export interface ClusterEnv {
    /** Environment for every pulumi/kubectl the tests run: KUBECONFIG, PATH with the toolchain, Pulumi vars. */
    readonly env: NodeJS.ProcessEnv;
    readonly kubeconfig: string;
}

/** Variables of a `KEY='value'` / `KEY="$PATH"`-style env file, as `sh` would export them. */
function sourceEnvFile(file: string): NodeJS.ProcessEnv {
    const out = spawnSync("sh", ["-c", `set -a; . "$1"; env -0`, "sh", file], { encoding: "utf8" });
    if (out.status !== 0) throw new Error(`could not read ${file}: ${out.stderr}`);
    return Object.fromEntries(
        out.stdout
            .split("\0")
            .filter((entry) => entry.includes("="))
            .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
    );
}

function onPath(tool: string, env: NodeJS.ProcessEnv): boolean {
    return spawnSync("sh", ["-c", `command -v ${tool}`], { env }).status === 0;
}

let cached: ClusterEnv | string | undefined;

/** The cluster to test against, or why there is none. */
export function findCluster(): ClusterEnv | string {
    if (cached !== undefined) return cached;
    cached = detect();
    return cached;
}

function detect(): ClusterEnv | string {
    let env: NodeJS.ProcessEnv;
    const localEnv = path.join(REPO, ".cluster", "env");
    if (process.env.MCP_TEST_KUBECONFIG) {
        env = { ...process.env, KUBECONFIG: process.env.MCP_TEST_KUBECONFIG };
    } else if (fs.existsSync(localEnv)) {
        env = sourceEnvFile(localEnv);
    } else {
        return "no cluster: run `npm run cluster:up` (root, Go) or name a disposable cluster with MCP_TEST_KUBECONFIG";
    }
    env = {
        ...env,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
        NO_COLOR: "1",
        FORCE_COLOR: "0",
    };
    for (const tool of ["pulumi", "kubectl"]) {
        if (!onPath(tool, env)) return `no ${tool} on PATH (build the toolchain: npm run toolchain)`;
    }
    const ready = spawnSync("kubectl", ["get", "--raw", "/readyz"], { env, encoding: "utf8", timeout: 15000 });
    if (ready.status !== 0) return `the cluster at ${env.KUBECONFIG} does not answer: ${ready.stderr.trim()}`;
    return { env, kubeconfig: env.KUBECONFIG! };
}

/** Skips the whole suite, with the reason printed, when there is no cluster. Call at the top of describe(). */
export function requireCluster(suite: Mocha.Suite): () => ClusterEnv {
    suite.timeout(15 * 60 * 1000);
    suite.beforeAll(function () {
        const found = findCluster();
        if (typeof found === "string") {
            console.log(`      cluster tests skipped: ${found}`);
            this.skip();
        }
    });
    return () => findCluster() as ClusterEnv;
}
