import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ClusterEnv, REPO } from "./cluster";
import { useToolchainPlugins } from "./plugins";
import { Finished, run, runShell } from "./processes";

// A copy of the program as a user has it (their checkout, minus tests), with its own local file backend and
// Pulumi home (the toolchain's providers registered in it), driven with the real `pulumi` CLI. Nothing it does touches the repository or ~/.pulumi.

/** What a user's checkout holds of the program: copied into each test's project directory. */
const PROGRAM_FILES = [
    "Pulumi.yaml",
    "package.json",
    "tsconfig.json",
    "tsconfig.pulumi.json",
    "index.ts",
    "components",
    "examples",
];

export const PASSPHRASE = "cluster-tests-passphrase";

/** Fills a project directory with the program's files, node_modules linked from the checkout under test. */
export function copyProgram(dir: string): void {
    for (const file of PROGRAM_FILES) fs.cpSync(path.join(REPO, file), path.join(dir, file), { recursive: true });
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
}

/**
 * Fills a project directory as copyProgram does, with test/cluster/programs/NAME/index.ts as its program: it
 * imports the package and the examples from the repository root, which are beside it in the copy.
 */
export function copyTestProgram(name: string): (dir: string) => void {
    return (dir) => {
        copyProgram(dir);
        const program = fs.readFileSync(path.join(REPO, "test", "cluster", "programs", name, "index.ts"), "utf8");
        fs.writeFileSync(path.join(dir, "index.ts"), program.replace(/"(\.\.\/){4}/g, '"./'));
    };
}

export class TestProject {
    readonly dir: string;
    readonly env: NodeJS.ProcessEnv;

    /** `populate` fills the project directory; by default with this repository's program. */
    constructor(
        readonly name: string,
        cluster: ClusterEnv,
        populate: (dir: string) => void = copyProgram,
    ) {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), `mcp-${name}-`));
        this.dir = path.join(root, "project");
        fs.mkdirSync(this.dir);
        populate(this.dir);
        const home = path.join(root, "home");
        fs.mkdirSync(home);
        this.env = {
            ...cluster.env,
            HOME: home,
            PULUMI_HOME: path.join(home, ".pulumi"),
            PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        };
        // Its own Pulumi home holds the toolchain's providers, as a user's does after cluster:up.
        try {
            useToolchainPlugins(this.env);
        } catch (error) {
            fs.rmSync(root, { recursive: true, force: true });
            throw error;
        }
    }

    get root(): string {
        return path.dirname(this.dir);
    }

    /**
     * `pulumi ARGS` in the project; throws with everything it printed when the exit code is not `expect` ("either":
     * never, the caller looks at the result).
     */
    async pulumi(args: readonly string[], expect: "ok" | "fail" | "either" = "ok"): Promise<Finished> {
        const result = await run("pulumi", [...args, "--non-interactive"], { cwd: this.dir, env: this.env });
        if (expect !== "either" && (result.status === 0) !== (expect === "ok")) {
            throw new Error(
                `pulumi ${args.join(" ")} exited ${result.status} (expected ${expect}):\n${result.stdout}\n${result.stderr}`,
            );
        }
        return result;
    }

    /** A shell line run in the project, as a user types it. */
    shell(line: string): Promise<Finished> {
        return runShell(line, { cwd: this.dir, env: this.env });
    }

    /** This project's own file backend (never ~/.pulumi, which `pulumi login --local` would use). */
    get backendUrl(): string {
        return `file://${path.join(this.root, "state")}`;
    }

    async login(): Promise<void> {
        fs.mkdirSync(path.join(this.root, "state"), { recursive: true });
        await this.pulumi(["login", this.backendUrl]);
    }

    async newStack(stack: string, config: Record<string, string> = {}, secrets: Record<string, string> = {}) {
        await this.login();
        await this.pulumi(["stack", "init", stack]);
        for (const [key, value] of Object.entries(config)) await this.pulumi(["config", "set", key, value]);
        for (const [key, value] of Object.entries(secrets))
            await this.pulumi(["config", "set", "--secret", key, value]);
    }

    /** `pulumi stack output --json`, parsed. */
    async outputs(showSecrets = false): Promise<Record<string, any>> {
        const result = await this.pulumi(["stack", "output", "--json", ...(showSecrets ? ["--show-secrets"] : [])]);
        return JSON.parse(result.stdout);
    }

    /** Destroys what the stack made, removes the stack and every file of the project. Never throws. */
    async dispose(): Promise<void> {
        try {
            await this.pulumi(["destroy", "--yes", "--skip-preview"]);
        } catch (error) {
            console.log(`      cleanup of ${this.name} failed: ${(error as Error).message.slice(0, 2000)}`);
        }
        await this.pulumi(["stack", "rm", "--yes", "--force"]).catch(() => undefined);
        fs.rmSync(this.root, { recursive: true, force: true });
    }
}
