import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

// The package as a stranger gets it: `npm pack` of this checkout, installed into their program's directory next
// to their own versions of the Pulumi SDKs, with a lock npm resolves for them (from its cache when it holds those
// versions, else the registry). Shared by the unit pack test and the cluster test of the same consumer.

const ROOT = path.join(__dirname, "..", "..");

/** The consumer's SDKs: the lowest of each peer range, another minor than the ones this repository develops with. */
export const CONSUMER_SDKS: Readonly<Record<string, string>> = {
    "@pulumi/pulumi": "3.218.0",
    "@pulumi/kubernetes": "4.18.0",
    "@pulumi/command": "1.0.0",
};

export interface PackedPackage {
    /** The tarball's file name, in the directory it was packed into. */
    readonly tarball: string;
    /** The package.json it holds. */
    readonly manifest: { readonly name: string; readonly version: string };
}

function run(command: string, args: string[], cwd: string, timeout: number) {
    return spawnSync(command, args, { cwd, encoding: "utf8", timeout, env: { ...process.env, CI: "true" } });
}

/** `npm pack` of this checkout into `dir` (prepack builds dist/ first, as `npm publish` would). */
export function packInto(dir: string): PackedPackage {
    const packed = run("npm", ["pack", "--pack-destination", dir, "--json"], ROOT, 300_000);
    if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
    const tarball: string = JSON.parse(packed.stdout)[0].filename;
    const manifest = JSON.parse(
        execFileSync("tar", ["-xOzf", path.join(dir, tarball), "package/package.json"], { encoding: "utf8" }),
    );
    return { tarball, manifest };
}

/**
 * Writes the consumer's package.json into `dir` (the tarball, the consumer's SDKs, and `extra`) and runs
 * `npm install` there. Returns why it was skipped when npm can reach neither its cache nor the registry; throws on
 * any other failure.
 */
export function installConsumer(
    dir: string,
    packed: PackedPackage,
    extra: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } = {},
): string | undefined {
    const manifest = {
        name: "consumer",
        version: "1.0.0",
        private: true,
        dependencies: { [packed.manifest.name]: `file:${packed.tarball}`, ...CONSUMER_SDKS, ...extra.dependencies },
        ...(extra.devDependencies ? { devDependencies: extra.devDependencies } : {}),
    };
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
    // --ignore-scripts: older provider SDKs download their plugin in a postinstall script.
    const installed = run(
        "npm",
        ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--save-exact"],
        dir,
        300_000,
    );
    if (installed.status !== 0 && /ENOTCACHED|EAI_AGAIN|ENOTFOUND|ECONNREFUSED|ETIMEDOUT/.test(installed.stderr)) {
        return "npm can reach neither its cache nor the registry for the consumer's SDKs";
    }
    if (installed.status !== 0) throw new Error(`npm install failed:\n${installed.stderr}`);
    return undefined;
}

/** Every copy of `name` in `dir`'s lock, as `path@version`. */
export function lockedCopies(dir: string, name: string): string[] {
    const lock = JSON.parse(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8"));
    return Object.entries<{ version: string }>(lock.packages)
        .filter(([where]) => where.endsWith(`node_modules/${name}`))
        .map(([where, entry]) => `${where}@${entry.version}`);
}
