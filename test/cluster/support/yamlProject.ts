import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { ClusterEnv, REPO } from "./cluster";
import { TestProject } from "./stack";

// yaml-example/ as a user runs it: the Pulumi YAML program in the project directory, its `packages:` entry
// pointing at a copy of the component package as a checkout holds it (with its node_modules), and a Pulumi
// home of its own in which the provider plugins the package names are registered from the toolchain's
// binaries: loading a package installs those plugins and would otherwise reach for the network.

/** What the source-based component package is made of: its plugin manifest, npm manifest and sources. */
const PACKAGE_FILES = ["PulumiPlugin.yaml", "package.json", "package-lock.json", "tsconfig.json", "components"];

/** The provider plugins behind the SDKs the package is developed and loaded with (devDependencies): npm package → plugin name. */
const PLUGINS: Record<string, string> = { "@pulumi/kubernetes": "kubernetes", "@pulumi/command": "command" };

export async function yamlTestProject(name: string, cluster: ClusterEnv): Promise<TestProject> {
    const project = new TestProject(name, cluster, (dir) =>
        fs.cpSync(path.join(REPO, "yaml-example"), dir, { recursive: true }),
    );
    // Loading a source-based component package, the CLI looks for its language host (nodejs) only among the
    // workspace's plugins when ambient plugins are ignored, and a language host cannot be installed there
    // ("bundled with Pulumi"): measured with CLI 3.248. So a YAML program finds it on PATH, as users' do.
    delete project.env.PULUMI_IGNORE_AMBIENT_PLUGINS;
    try {
        const pkg = path.join(project.root, "package");
        copyPackage(pkg);
        pointPackageEntryAt(path.join(project.dir, "Pulumi.yaml"), pkg);
        await registerPlugins(project, pkg);
    } catch (error) {
        fs.rmSync(project.root, { recursive: true, force: true });
        throw error;
    }
    return project;
}

export function copyPackage(pkg: string): void {
    fs.mkdirSync(pkg);
    for (const file of PACKAGE_FILES) fs.cpSync(path.join(REPO, file), path.join(pkg, file), { recursive: true });
    copyNodeModules(path.join(REPO, "node_modules"), path.join(pkg, "node_modules"));
}

/** Rewrites the program's `packages:` entry, which names the repository root (".."), to name `pkg`. */
function pointPackageEntryAt(programFile: string, pkg: string): void {
    const program = parseDocument(fs.readFileSync(programFile, "utf8"));
    const packageName: string = JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).name;
    if (program.getIn(["packages", packageName]) !== "..") {
        throw new Error(`yaml-example/Pulumi.yaml must take ${packageName} from the repository root ("..")`);
    }
    program.setIn(["packages", packageName], pkg);
    fs.writeFileSync(programFile, program.toString());
}

/** Registers each provider plugin the package depends on, at that version, from the binary on PATH. */
export async function registerPlugins(project: TestProject, pkg: string): Promise<void> {
    const dependencies = JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).devDependencies;
    for (const [npmName, plugin] of Object.entries(PLUGINS)) {
        const binary = (await project.shell(`command -v pulumi-resource-${plugin}`)).stdout.trim();
        if (!binary) throw new Error(`no pulumi-resource-${plugin} on PATH (build the toolchain: npm run toolchain)`);
        await project.pulumi(["plugin", "install", "resource", plugin, dependencies[npmName], "--file", binary]);
    }
}

/**
 * The checkout's node_modules, hard-linked (a second or two) where the file system allows, else copied. A real
 * directory, not a symlink: the Node.js host runs `npm install` in the package each time it loads it, which
 * finds everything up to date in a real copy but replaces a symlink with a fresh install.
 */
function copyNodeModules(from: string, to: string): void {
    if (spawnSync("cp", ["-al", from, to]).status === 0) return;
    fs.rmSync(to, { recursive: true, force: true });
    fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
}
