import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SCRIPT_ID_ENV, storeVerifyScript, VERIFY_COMMAND } from "../../components/verify/scriptStore";

// Runs a verification script the way the component's command.local.Command does: `/bin/sh -c` running
// VERIFY_COMMAND with the script stored as the program stores it (in a cache of its own here) and named in its environment and the Command's stdin, with the fake kubectl first on
// PATH, answering from the canned data given.

export interface FakeCluster {
    /** Container → its log text. A container without an entry makes `kubectl logs` fail. */
    readonly logs?: Record<string, string>;
    /** Container → what wget prints when run there anonymously / with the right credentials. */
    readonly http?: Record<string, string>;
    readonly httpWithAuth?: Record<string, string>;
    /** `kubectl wait` output and exit code. Default: Ready, 0. */
    readonly wait?: { readonly out: string; readonly rc: number };
    /** The base64 credentials the fake accepts. */
    readonly auth?: string;
    /** What `kubectl get endpointslices -o jsonpath=…ready` prints. Default "true": one ready endpoint. */
    readonly endpointsReady?: string;
    /** The uid `kubectl get KIND/NAME` finds; or, with `unreachable`, the error it fails with instead. */
    readonly uid?: string;
    /** A pod's Ready condition status, printed after the uid when given (kubectl prints nothing without one). */
    readonly ready?: string;
    readonly unreachable?: string;
    /** Every `kubectl exec` hangs (its pid is written to `hung`), as a server that never answers would. */
    readonly hang?: boolean;
}

export interface ScriptRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
    /** Each kubectl call's arguments, exactly as the fake received them. */
    readonly calls: string[][];
    /** What each `kubectl exec` passed to the container on standard input, in call order. */
    readonly execInputs: string[];
    /** The content of the last file kubectl was given with --kubeconfig, if any. */
    readonly kubeconfigSeen?: string;
    /** Pids of the `kubectl exec` calls that hung (FakeCluster.hang). */
    readonly hung: string[];
}

export interface RunOptions {
    /** Extra environment variables. */
    readonly env?: Record<string, string>;
    /** The Command's standard input. */
    readonly stdin?: string;
    /** PATH; default: the fake kubectl first, then this process's PATH. */
    readonly path?: string;
    /** Called with the fake's directory before the script starts. */
    readonly onDir?: (dir: string) => void;
    /** Stop the script with this signal after `killAfterMs` (as the Command provider stops `sh`). */
    readonly killSignal?: NodeJS.Signals;
    readonly killAfterMs?: number;
}

const FAKE_BIN = path.join(__dirname, "fake-kubectl");

export function runWithFakeKubectl(script: string, cluster: FakeCluster, options: RunOptions = {}): ScriptRun {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-kubectl-"));
    try {
        fs.mkdirSync(path.join(dir, "logs"));
        fs.mkdirSync(path.join(dir, "http"));
        for (const [container, text] of Object.entries(cluster.logs ?? {}))
            fs.writeFileSync(path.join(dir, "logs", container), text);
        for (const [container, text] of Object.entries(cluster.http ?? {}))
            fs.writeFileSync(path.join(dir, "http", container), text);
        for (const [container, text] of Object.entries(cluster.httpWithAuth ?? {})) {
            fs.writeFileSync(path.join(dir, "http", `${container}.auth`), text);
        }
        if (cluster.endpointsReady !== undefined) fs.writeFileSync(path.join(dir, "endpoints"), cluster.endpointsReady);
        if (cluster.uid !== undefined) fs.writeFileSync(path.join(dir, "uid"), cluster.uid);
        if (cluster.ready !== undefined) fs.writeFileSync(path.join(dir, "ready"), cluster.ready);
        if (cluster.hang) fs.writeFileSync(path.join(dir, "hang"), "");
        if (cluster.unreachable !== undefined) fs.writeFileSync(path.join(dir, "unreachable"), cluster.unreachable);
        const wait = cluster.wait ?? { out: "pod/x condition met\n", rc: 0 };
        fs.writeFileSync(path.join(dir, "wait.out"), wait.out);
        fs.writeFileSync(path.join(dir, "wait.rc"), String(wait.rc));
        const cache = path.join(dir, "cache");
        const id = storeVerifyScript(script, { MCP_CACHE_DIR: cache });
        options.onDir?.(dir);
        const result = spawnSync("/bin/sh", ["-c", VERIFY_COMMAND], {
            encoding: "utf8",
            env: {
                PATH: options.path ?? `${FAKE_BIN}:${process.env.PATH}`,
                FAKE_KUBECTL_DIR: dir,
                FAKE_KUBECTL_AUTH: cluster.auth ?? "",
                MCP_CACHE_DIR: cache,
                [SCRIPT_ID_ENV]: id,
                ...options.env,
            },
            input: options.stdin ?? "",
            timeout: options.killAfterMs ?? 20_000,
            killSignal: options.killSignal ?? "SIGTERM",
        });
        const callsFile = path.join(dir, "calls");
        const calls = fs.existsSync(callsFile)
            ? fs
                  .readFileSync(callsFile, "utf8")
                  .split("--- call\n")
                  .slice(1)
                  .map((call) => call.replace(/\n$/, "").split("\n"))
            : [];
        const inputsFile = path.join(dir, "stdins");
        const execInputs = fs.existsSync(inputsFile)
            ? fs.readFileSync(inputsFile, "utf8").split("--- stdin\n").slice(1)
            : [];
        const seen = path.join(dir, "kubeconfig.seen");
        const kubeconfigSeen = fs.existsSync(seen) ? fs.readFileSync(seen, "utf8") : undefined;
        const hungFile = path.join(dir, "hung");
        const hung = fs.existsSync(hungFile) ? fs.readFileSync(hungFile, "utf8").split("\n") : [];
        return {
            hung,
            status: result.status,
            stdout: result.stdout,
            stderr: result.stderr,
            calls,
            execInputs,
            kubeconfigSeen,
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
