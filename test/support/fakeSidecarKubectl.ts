import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// A fake kubectl for the native-sidecar preflight (components/program/sidecarPreflight.ts), put first on PATH:
// it answers `kubectl version -o json` and `kubectl create --dry-run=server -o json -f -` the way a cluster of
// the given version and feature gate does, and records each call's arguments.

export interface FakeSidecarCluster {
    /** serverVersion's minor (major 1), e.g. "28" or "29+"; or `fail`, the stderr of a cluster that does not answer. */
    readonly minor?: string;
    readonly versionFails?: string;
    /** The SidecarContainers gate: off, the dry run returns the pod without restartPolicy. Default on. */
    readonly gateOff?: boolean;
    /** Namespaces that do not exist: a dry run in them fails as the API server says so. */
    readonly missingNamespaces?: readonly string[];
    /** The dry run fails with this stderr (e.g. forbidden). */
    readonly dryRunFails?: string;
}

export interface FakeKubectlDir {
    /** PATH with the fake first, then this process's PATH. */
    readonly path: string;
    /** Each call's arguments, in order. */
    calls(): string[][];
    dispose(): void;
}

const SCRIPT = String.raw`#!/usr/bin/env node
const fs = require("fs");
const path = require("path");
const dir = __dirname;
const args = process.argv.slice(2);
const cluster = JSON.parse(fs.readFileSync(path.join(dir, "cluster.json"), "utf8"));
fs.appendFileSync(path.join(dir, "calls"), JSON.stringify(args) + "\n");
const fail = (message) => { process.stderr.write(message + "\n"); process.exit(1); };
if (args[0] === "version") {
    if (cluster.versionFails) fail(cluster.versionFails);
    const minor = cluster.minor ?? "34";
    process.stdout.write(JSON.stringify({
        clientVersion: { major: "1", minor: "34", gitVersion: "v1.34.4" },
        serverVersion: { major: "1", minor, gitVersion: "v1." + minor.replace("+", "") + ".3" },
    }));
    process.exit(0);
}
if (args[0] === "create" && args.includes("--dry-run=server")) {
    const namespace = args[args.indexOf("-n") + 1];
    if ((cluster.missingNamespaces ?? []).includes(namespace)) fail('Error from server (NotFound): namespaces "' + namespace + '" not found');
    if (cluster.dryRunFails) fail(cluster.dryRunFails);
    const pod = JSON.parse(fs.readFileSync(0, "utf8"));
    pod.metadata = { ...pod.metadata, name: pod.metadata.generateName + "x7k2q", namespace };
    if (cluster.gateOff) for (const c of pod.spec.initContainers) delete c.restartPolicy;
    process.stdout.write(JSON.stringify(pod));
    process.exit(0);
}
fail("fake kubectl: unexpected call " + args.join(" "));
`;

export function fakeSidecarKubectl(cluster: FakeSidecarCluster): FakeKubectlDir {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-sidecar-kubectl-"));
    fs.writeFileSync(path.join(dir, "cluster.json"), JSON.stringify(cluster));
    fs.writeFileSync(path.join(dir, "kubectl"), SCRIPT, { mode: 0o755 });
    return {
        path: `${dir}${path.delimiter}${process.env.PATH}`,
        calls: () => {
            const file = path.join(dir, "calls");
            if (!fs.existsSync(file)) return [];
            return fs
                .readFileSync(file, "utf8")
                .split("\n")
                .filter(Boolean)
                .map((line) => JSON.parse(line));
        },
        dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
}

let active = 0;

/** Whether a caller has put a fake first on this process's PATH (onFakeCluster). */
export const fakeClusterActive = (): boolean => active > 0;

/** Runs `body` with the fake first on this process's PATH (as the program under mocks runs kubectl), then removes it. */
export async function onFakeCluster<T>(
    cluster: FakeSidecarCluster,
    body: (fake: FakeKubectlDir) => Promise<T>,
): Promise<T> {
    const fake = fakeSidecarKubectl(cluster);
    const saved = process.env.PATH;
    process.env.PATH = fake.path;
    active++;
    try {
        return await body(fake);
    } finally {
        active--;
        process.env.PATH = saved;
        fake.dispose();
    }
}
