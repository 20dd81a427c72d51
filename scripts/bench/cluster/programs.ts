import * as fs from "fs";
import * as path from "path";
import { ClusterEnv, REPO } from "../../../test/cluster/support/cluster";
import { TestProject } from "../../../test/cluster/support/stack";
import { runChecked, runTimed, Timed } from "./runner";

// The three Pulumi programs the bench runs, each copied once into a temporary directory (so that edits made to
// the repository while it runs do not reach it) with its own file backend, Pulumi home and passphrase, the way
// the cluster tests run the program (TestProject), and driven by the real CLI.

export const PASSWORD = "bench-password-1";

export class BenchProgram {
    private readonly openStacks = new Set<string>();

    private constructor(
        readonly name: string,
        private readonly project: TestProject,
        /** Where Pulumi.yaml is: the project copy itself, or a bench program inside the temporary directory. */
        readonly dir: string,
    ) {}

    /** Our program: the harness's copy of the repository's Pulumi program. */
    static async ours(cluster: ClusterEnv): Promise<BenchProgram> {
        const project = new TestProject("bench-ours", cluster);
        await project.login();
        return new BenchProgram("ours", project, project.dir);
    }

    /** scripts/bench/floor alone, with its own package.json and our node_modules. */
    static async floor(cluster: ClusterEnv): Promise<BenchProgram> {
        const project = new TestProject("bench-floor", cluster, (dir) => {
            fs.cpSync(path.join(REPO, "scripts", "bench", "floor"), dir, { recursive: true });
            fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
        });
        await project.login();
        return new BenchProgram("floor", project, project.dir);
    }

    /** scripts/bench/scale at its place inside the copy, so `../../../components` is the copied component. */
    static async scale(cluster: ClusterEnv): Promise<BenchProgram> {
        const project = new TestProject("bench-scale", cluster);
        const dir = path.join(project.dir, "scripts", "bench", "scale");
        fs.cpSync(path.join(REPO, "scripts", "bench", "scale"), dir, { recursive: true });
        await project.login();
        return new BenchProgram("scale", project, dir);
    }

    /** `pulumi ARGS --stack STACK --non-interactive` in the program's directory, timed; throws unless it exits 0. */
    pulumi(stack: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Timed> {
        return runChecked("pulumi", [...args, "--stack", stack, "--non-interactive"], {
            cwd: this.dir,
            env: { ...this.project.env, ...extraEnv },
        });
    }

    async newStack(stack: string, config: Record<string, string>, secrets: Record<string, string> = {}) {
        await runChecked("pulumi", ["stack", "init", stack, "--non-interactive"], {
            cwd: this.dir,
            env: this.project.env,
        });
        this.openStacks.add(stack);
        for (const [key, value] of Object.entries(config)) await this.pulumi(stack, ["config", "set", key, value]);
        for (const [key, value] of Object.entries(secrets)) {
            await this.pulumi(stack, ["config", "set", "--secret", key, value]);
        }
    }

    /** Removes a stack whose resources are destroyed. */
    async removeStack(stack: string) {
        await this.pulumi(stack, ["stack", "rm", "--yes"]);
        this.openStacks.delete(stack);
    }

    /** Destroys and removes every stack still open (after a failed step). Never throws. */
    async destroyOpenStacks(): Promise<void> {
        for (const stack of this.openStacks) {
            const destroyed = await runTimed(
                "pulumi",
                ["destroy", "--yes", "--skip-preview", "--stack", stack, "--non-interactive"],
                { cwd: this.dir, env: this.project.env },
            ).catch((error: Error) => ({ status: -1, stdout: "", stderr: error.message }));
            if (destroyed.status !== 0) {
                console.error(`bench: destroy of ${this.name}/${stack} failed (its namespaces are deleted below):`);
                console.error(`${destroyed.stdout.slice(-2000)}${destroyed.stderr.slice(-2000)}`);
            }
        }
        this.openStacks.clear();
    }

    /** Destroys every stack still open, then removes the temporary directory. Never throws. */
    async dispose(): Promise<void> {
        await this.destroyOpenStacks();
        fs.rmSync(this.project.root, { recursive: true, force: true });
    }
}
