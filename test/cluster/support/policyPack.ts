import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { REPO } from "./cluster";
import { CACHE } from "./plugins";
import { Finished, run } from "./processes";

// test/policy-pack as `pulumi preview --policy-pack DIR` runs it. Pulumi's Node.js host resolves
// @pulumi/pulumi/cmd/run-policy-pack from DIR (node's require.resolve, run there) and that program loads the
// pack, so DIR's node_modules must hold @pulumi/pulumi and @pulumi/policy. @pulumi/policy, pinned in the pack's
// package.json, is the registry's tarball fetched once with `npm pack` into the toolchain cache (never into this
// repository's package.json or lock). Its dependencies are the checkout's own, linked after checking that they
// satisfy its ranges, as npm would dedupe them: one @pulumi/pulumi for the program, the policy host and the pack.

const PACK_SOURCE = path.join(REPO, "test", "policy-pack");
/** What the pack is made of (its unit test stays behind). */
const PACK_FILES = ["PulumiPolicy.yaml", "package.json", "tsconfig.json", "index.ts", "rules.ts"];

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

/**
 * Writes the pack into `dir` (which must not exist) with the node_modules it runs with. Returns why it cannot
 * (npm could not fetch @pulumi/policy: no registry), else undefined; throws when the checkout's dependencies no
 * longer fit the pinned @pulumi/policy.
 */
export async function assemblePolicyPack(dir: string): Promise<string | undefined> {
    const pinned: string = readJson(path.join(PACK_SOURCE, "package.json")).dependencies["@pulumi/policy"];
    const policy = await fetchedPackage("@pulumi/policy", pinned);
    if (policy.reason !== undefined) return policy.reason;

    fs.mkdirSync(dir);
    for (const file of PACK_FILES) fs.copyFileSync(path.join(PACK_SOURCE, file), path.join(dir, file));
    const modules = path.join(dir, "node_modules");
    // A copy, not a link: node resolves a linked package's own imports from where the link points.
    fs.cpSync(policy.dir, path.join(modules, "@pulumi", "policy"), { recursive: true });
    const semver = createRequire(path.join(REPO, "package.json"))("semver");
    for (const [name, range] of Object.entries<string>(readJson(path.join(policy.dir, "package.json")).dependencies)) {
        const ours = path.join(REPO, "node_modules", name);
        const version: string = readJson(path.join(ours, "package.json")).version;
        if (!semver.satisfies(version, range)) {
            throw new Error(`@pulumi/policy@${pinned} needs ${name}@${range}; the checkout has ${version}`);
        }
        fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
        fs.symlinkSync(ours, path.join(modules, name));
    }
    return undefined;
}

/** The unpacked registry tarball of `name@version`, from the cache or fetched into it by `npm pack`. */
async function fetchedPackage(
    name: string,
    version: string,
): Promise<{ dir: string; reason?: undefined } | { reason: string }> {
    const cached = path.join(CACHE, "npm", `${name.replace("/", "+")}@${version}`);
    if (fs.existsSync(path.join(cached, "package.json"))) return { dir: cached };
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    const work = fs.mkdtempSync(`${cached}.download-`);
    try {
        const pack = await run("npm", ["pack", `${name}@${version}`, "--pack-destination", work, "--json"], {
            cwd: work,
            env: process.env,
            timeoutMs: 3 * 60 * 1000,
        });
        if (pack.status !== 0) return { reason: `npm could not fetch ${name}@${version}: ${npmError(pack)}` };
        const tarball = path.join(work, JSON.parse(pack.stdout)[0].filename);
        const untar = await run("tar", ["-xzf", tarball, "-C", work], { env: process.env, timeoutMs: 60000 });
        if (untar.status !== 0) throw new Error(`tar -xzf ${tarball}: ${untar.stderr}`);
        // Renamed into place whole, so that a run beside this one never sees half a package.
        try {
            fs.renameSync(path.join(work, "package"), cached);
        } catch (error) {
            if (!fs.existsSync(path.join(cached, "package.json"))) throw error;
        }
        return { dir: cached };
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

/** The one line that says why an `npm … --json` command failed: its JSON error summary, else its first error line. */
function npmError(result: Finished): string {
    try {
        const summary = JSON.parse(result.stdout).error?.summary;
        if (typeof summary === "string") return summary;
    } catch {
        // not JSON: npm failed before it could say
    }
    return result.stderr.split("\n").find((line) => line.trim() !== "") ?? `exit code ${result.status}`;
}
