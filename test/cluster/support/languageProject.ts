import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parse, parseDocument } from "yaml";
import { ClusterEnv, REPO } from "./cluster";
import { Finished } from "./processes";
import { TestProject } from "./stack";
import { copyPackage, registerPlugins } from "./yamlProject";

// python-example/ and go-example/ as their users run them: the program in a project of its own, with a Pulumi
// home in which the provider plugins the package names are registered from the toolchain's binaries (as for
// yaml-example/), and a copy of the component package as a checkout holds it. `addPackage` is then the
// documented way in, `pulumi package add <package>`: it generates the local SDK into sdks/, records the package
// in Pulumi.yaml, links the SDK into the program (requirements.txt, go.mod) and installs its dependencies.
// What is downloaded and built is cached outside the repository: the Python program's virtual environment (pip
// caches nothing here: the registry's answers are not cacheable) and Go's module and build caches (named
// explicitly: the project's HOME is a fresh directory).

export interface Language {
    /** The example's folder in the repository, and the runtime its Pulumi.yaml names. */
    readonly example: string;
    readonly runtime: "python" | "go";
    /** Why a program in this language cannot run here (a printed skip reason), or undefined. */
    unavailable(env: NodeJS.ProcessEnv): string | undefined;
    /** What the language's tools need beside the cluster's environment. */
    env(): NodeJS.ProcessEnv;
    /** Readies the copied program before the package is added; `release` undoes what it must on dispose. */
    prepare?(project: LanguageProject): void;
    release?(project: LanguageProject): Promise<unknown>;
}

/** What a local run leaves in an example's folder, never part of the program. */
const LOCAL_STATE = new Set(["venv", "sdks", "__pycache__", "Pulumi.dev.yaml"]);

const onPath = (tool: string, env: NodeJS.ProcessEnv) =>
    spawnSync("sh", ["-c", `command -v "$1"`, "sh", tool], { env, encoding: "utf8" }).stdout.trim() || undefined;

const missingHost = (runtime: string, env: NodeJS.ProcessEnv) =>
    onPath(`pulumi-language-${runtime}`, env)
        ? undefined
        : `no pulumi-language-${runtime} on PATH (build the toolchain: npm run toolchain)`;

/** ~/.cache/multi-container-pods, as scripts/cluster/lib.sh names it. */
const CACHE =
    process.env.MCP_CACHE_DIR ??
    path.join(process.env.XDG_CACHE_HOME ?? path.join(process.env.HOME ?? "/root", ".cache"), "multi-container-pods");

/** The SDK's distribution, as pip names it: `pulumi_` and the package's name (the Python codegen's PyPack). */
const PYTHON_SDK = "pulumi_multi_container_pods";

/**
 * A virtual environment kept in the cache, one per Python version and set of pinned requirements, in which pip
 * finds pulumi and pulumi-kubernetes already installed: seconds instead of a minute of downloads. The SDK is
 * reinstalled from sdks/ by every `pulumi package add` (pip always reinstalls a local directory) and
 * uninstalled on dispose, so the environment never lends a run an SDK that run did not generate.
 */
function cachedVirtualenv(programDir: string, env: NodeJS.ProcessEnv): string {
    const version = spawnSync("python3", ["-c", "import sys; print(sys.version)"], { env, encoding: "utf8" }).stdout;
    const pins = fs
        .readFileSync(path.join(programDir, "requirements.txt"), "utf8")
        .split("\n")
        .filter((line) => line.includes("=="));
    const key = createHash("sha256")
        .update([version, ...pins].join("\n"))
        .digest("hex")
        .slice(0, 12);
    return path.join(CACHE, `python-venv-${key}`);
}

export const virtualenvOf = (project: LanguageProject): string =>
    parse(fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8")).runtime.options.virtualenv;

export const PYTHON: Language = {
    example: "python-example",
    runtime: "python",
    unavailable(env) {
        const python = spawnSync("python3", ["-c", "import venv, ensurepip"], { env, encoding: "utf8" });
        if (python.error) return "no python3 on PATH";
        if (python.status !== 0) return "python3 cannot make a virtual environment (install python3-venv)";
        const host = missingHost("python", env);
        if (host) return host;
        const exec = path.join(path.dirname(onPath("pulumi-language-python", env)!), "pulumi-language-python-exec");
        return fs.existsSync(exec) ? undefined : "no pulumi-language-python-exec beside pulumi-language-python";
    },
    env: () => ({ PIP_DISABLE_PIP_VERSION_CHECK: "1" }),
    prepare(project) {
        const file = path.join(project.dir, "Pulumi.yaml");
        const program = parseDocument(fs.readFileSync(file, "utf8"));
        program.setIn(["runtime", "options", "virtualenv"], cachedVirtualenv(project.dir, project.env));
        fs.writeFileSync(file, program.toString());
    },
    release: (project) =>
        project.shell(`"${virtualenvOf(project)}/bin/python" -m pip uninstall --yes --quiet ${PYTHON_SDK}`),
};

export const GO: Language = {
    example: "go-example",
    runtime: "go",
    unavailable(env) {
        return onPath("go", env) ? missingHost("go", env) : "no go on PATH";
    },
    env() {
        const go = spawnSync("go", ["env", "GOCACHE", "GOMODCACHE"], { encoding: "utf8" });
        const [GOCACHE, GOMODCACHE] = go.stdout.trim().split("\n");
        return { GOCACHE, GOMODCACHE, GOTOOLCHAIN: "local" };
    },
};

export class LanguageProject extends TestProject {
    /** The copy of the component package the program adds. */
    readonly packageDir = path.join(this.root, "package");
    language?: Language;

    override async dispose(): Promise<void> {
        await this.language?.release?.(this).catch(() => undefined);
        await super.dispose();
    }
}

export async function languageTestProject(
    name: string,
    cluster: ClusterEnv,
    language: Language,
): Promise<LanguageProject> {
    const project = new LanguageProject(name, cluster, (dir) =>
        fs.cpSync(path.join(REPO, language.example), dir, {
            recursive: true,
            filter: (source) => !LOCAL_STATE.has(path.basename(source)),
        }),
    );
    try {
        Object.assign(project.env, language.env());
        copyPackage(project.packageDir);
        await registerPlugins(project, project.packageDir);
        language.prepare?.(project);
        project.language = language;
    } catch (error) {
        fs.rmSync(project.root, { recursive: true, force: true });
        throw error;
    }
    return project;
}

/** `pulumi package add` of the package copy, as the example's README says (its path instead of ".."). */
export async function addPackage(project: LanguageProject): Promise<Finished> {
    return project.pulumi(["package", "add", project.packageDir]);
}
