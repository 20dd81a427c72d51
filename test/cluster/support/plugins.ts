import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { REPO } from "./cluster";

// The toolchain's plugins as a user's run has them (scripts/cluster/plugins.sh, which cluster:up and the demo run):
// the language hosts next to `pulumi`, the providers registered in the Pulumi home, and pulumi told to take them
// from there rather than from PATH, so that no command prints "using pulumi-… from $PATH".

const TOOLCHAIN = path.join(REPO, "scripts", "cluster", "toolchain.sh");
const PLUGINS = path.join(REPO, "scripts", "cluster", "plugins.sh");
/** Where the toolchain is cached (scripts/cluster/lib.sh): named outright, as a test project's HOME is its own. */
export const CACHE =
    process.env.MCP_CACHE_DIR ??
    path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "multi-container-pods");

/** The PATH of the built toolchain, or undefined when it is not built (`toolchain.sh --path` fails). */
export function toolchainPath(): string | undefined {
    const out = spawnSync(TOOLCHAIN, ["--path"], { env: { ...process.env, MCP_CACHE_DIR: CACHE }, encoding: "utf8" });
    return out.status === 0 ? out.stdout.trim() : undefined;
}

/**
 * Registers the toolchain's providers in `env.PULUMI_HOME` and sets PULUMI_IGNORE_AMBIENT_PLUGINS, as .cluster/env
 * does. Without a built toolchain (a disposable cluster with a Pulumi of its own) `env` is left as it is.
 */
export function useToolchainPlugins(env: NodeJS.ProcessEnv): void {
    if (toolchainPath() === undefined) return;
    const out = spawnSync(PLUGINS, [], { env: { ...env, MCP_CACHE_DIR: CACHE }, encoding: "utf8", timeout: 120000 });
    if (out.status !== 0) throw new Error(`scripts/cluster/plugins.sh failed: ${out.stdout}${out.stderr}`);
    env.PULUMI_IGNORE_AMBIENT_PLUGINS = "true";
}
