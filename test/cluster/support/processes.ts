import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";

// Running the real tools: a command to completion, or one that keeps running (kubectl port-forward) until the
// test stops it by pid. Every process is started in its own process group so the group can be stopped whole.

export interface Finished {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

export interface RunOptions {
    readonly cwd?: string;
    readonly env: NodeJS.ProcessEnv;
    readonly input?: string;
    /** Default 10 minutes: Pulumi's own await limit. */
    readonly timeoutMs?: number;
    /** Holds the child while it runs, for a caller that must be able to stop whatever is in flight. */
    readonly running?: Set<ChildProcess>;
}

export function run(command: string, args: readonly string[], options: RunOptions): Promise<Finished> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true });
        options.running?.add(child);
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        const timer = setTimeout(() => stopGroup(child), options.timeoutMs ?? 10 * 60 * 1000);
        const done = () => {
            clearTimeout(timer);
            options.running?.delete(child);
        };
        child.on("error", (error) => {
            done();
            reject(error);
        });
        child.on("close", (status) => {
            done();
            resolve({ status, stdout, stderr });
        });
        // A child that exits before reading its input (`command -v`) makes this write fail with EPIPE.
        child.stdin.on("error", () => undefined);
        child.stdin.end(options.input ?? "");
    });
}

/** `sh -c LINE`: for commands copied from the program's outputs or the README, run exactly as printed. */
export const runShell = (line: string, options: RunOptions) => run("sh", ["-c", line], options);

export function stopGroup(child: ChildProcess): void {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
        process.kill(-child.pid, "SIGTERM");
    } catch {
        // already gone
    }
}

/** A command that keeps running until stop(); `waitFor` resolves once its output matches. */
export class Background {
    private readonly child: ChildProcess;
    private output = "";
    private exited = false;

    constructor(line: string, options: RunOptions) {
        this.child = spawn("sh", ["-c", `exec ${line}`], { cwd: options.cwd, env: options.env, detached: true });
        this.child.stdout!.on("data", (chunk) => (this.output += chunk));
        this.child.stderr!.on("data", (chunk) => (this.output += chunk));
        this.child.on("exit", () => (this.exited = true));
    }

    async waitFor(pattern: RegExp, timeoutMs = 30000): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        while (!pattern.test(this.output)) {
            if (this.exited) throw new Error(`exited before printing ${pattern}: ${this.output}`);
            if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms: ${this.output}`);
            await sleep(100);
        }
    }

    get log(): string {
        return this.output;
    }

    async stop(): Promise<void> {
        if (this.exited) return;
        const gone = new Promise((resolve) => this.child.once("exit", resolve));
        stopGroup(this.child);
        await gone;
    }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `attempt` until it returns without throwing, for up to `timeoutMs`; rethrows the last error. */
export async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 30000, pauseMs = 500): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        try {
            return await attempt();
        } catch (error) {
            if (Date.now() > deadline) throw error;
            await sleep(pauseMs);
        }
    }
}

/**
 * Samples every process's command line (/proc/PID/cmdline) until stop(), collecting those that contain any
 * of `needles`: how a test proves a secret never appeared on any argv while a command ran.
 */
export class CommandLineWatch {
    private readonly seen = new Set<string>();
    private sampling = true;
    private readonly done: Promise<void>;

    constructor(private readonly needles: readonly string[]) {
        this.done = this.loop();
    }

    private async loop(): Promise<void> {
        while (this.sampling) {
            for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
                let argv: string;
                try {
                    argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
                } catch {
                    continue; // exited meanwhile
                }
                if (this.needles.some((needle) => argv.includes(needle))) this.seen.add(argv);
            }
            await sleep(20);
        }
    }

    /** The command lines that contained a needle. */
    async stop(): Promise<string[]> {
        this.sampling = false;
        await this.done;
        return [...this.seen];
    }
}
