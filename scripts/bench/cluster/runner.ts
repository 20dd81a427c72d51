import { ChildProcess, spawnSync } from "child_process";
import * as path from "path";
import { performance } from "perf_hooks";
import { REPO } from "../../../test/cluster/support/cluster";
import { Finished, run, sleep, stopGroup } from "../../../test/cluster/support/processes";

// Commands the bench times, run like the cluster harness runs them (each in its own process group) but kept
// in a registry, so that Ctrl-C can stop the one in flight by its pid before the clean-up destroys its stack.

export interface Timed extends Finished {
    readonly seconds: number;
}

export interface TimedOptions {
    readonly cwd?: string;
    readonly env: NodeJS.ProcessEnv;
    /** Default 15 minutes: a scale `pulumi up` of 100 pods stays well under it. */
    readonly timeoutMs?: number;
    /** Standard input. Default: none. */
    readonly input?: string;
}

const running = new Set<ChildProcess>();

/** Runs `command ARGS` to completion and measures its wall time from spawn to exit. Never throws on exit code. */
export async function runTimed(command: string, args: readonly string[], options: TimedOptions): Promise<Timed> {
    const started = performance.now();
    const result = await run(command, args, { ...options, running, timeoutMs: options.timeoutMs ?? 15 * 60 * 1000 });
    return { ...result, seconds: (performance.now() - started) / 1000 };
}

/** `runTimed` that throws, with everything the command printed, unless it exits 0. */
export async function runChecked(command: string, args: readonly string[], options: TimedOptions): Promise<Timed> {
    const result = await runTimed(command, args, options);
    if (result.status !== 0) {
        throw new Error(
            `${command} ${args.join(" ")} exited ${result.status}:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
        );
    }
    return result;
}

/**
 * Stops every command still running: SIGINT to the command itself first (pulumi then cancels its update and
 * writes its state), the whole process group after `graceMs`.
 */
export async function stopRunning(graceMs = 20000): Promise<void> {
    for (const child of running) {
        try {
            if (child.pid !== undefined) process.kill(child.pid, "SIGINT");
        } catch {
            // already gone
        }
    }
    const deadline = Date.now() + graceMs;
    while (running.size > 0 && Date.now() < deadline) await sleep(200);
    for (const child of running) stopGroup(child);
    while (running.size > 0) await sleep(100);
}

/** The toolchain's PATH when `npm run cluster:up` built it, so pulumi is found even before .cluster/env has it. */
export function addToolchainToPath(): void {
    const toolchain = spawnSync(path.join(REPO, "scripts", "cluster", "toolchain.sh"), ["--path"], {
        encoding: "utf8",
    });
    if (toolchain.status === 0) process.env.PATH = `${toolchain.stdout.trim()}:${process.env.PATH}`;
}
