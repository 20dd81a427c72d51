import { ChildProcess, spawn, spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import type { IConfigMap, IContainer, IPod } from "kubernetes-models/v1";
import * as os from "os";
import * as path from "path";
import { ociConfig } from "./ociSpec";

// Runs a pod spec the way the kubelet would, on runc: emptyDir and ConfigMap volumes as host directories
// bind-mounted into every container that mounts them; plain init containers one at a time, in order, each
// to completion; native sidecars (restartPolicy Always) started in their place and left running; then the
// app containers and classic sidecars together; one network namespace for the whole pod. Each container's
// stdout and stderr become its log. A `kubectl` shim answers `logs`, `exec` and `wait` from the running
// pod, so the real verification script runs against real containers.

export interface RunningPod {
    /** A directory holding the `kubectl` shim; put it first on PATH. */
    readonly kubectlDir: string;
    /** Container name → its log so far. */
    logs(): Record<string, string>;
    /** Runs the container's exec readiness probe now; its exit code, or undefined when it has none. */
    probe(container: string): number | undefined;
    /** Container name → exit code, for containers that have exited (init containers included). */
    readonly exits: ReadonlyMap<string, number | null>;
    /** Stops every container, removes all state; returns the final logs. */
    stop(): Promise<Record<string, string>>;
}

/** Why the harness cannot run here, or undefined when it can. */
export function runcUnavailableReason(): string | undefined {
    if (process.getuid?.() !== 0) return "runc needs root";
    for (const tool of ["runc", "busybox", "ip"]) {
        if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0)
            return `${tool} is not installed (apt-get install runc busybox-static iproute2)`;
    }
    const ldd = spawnSync("ldd", [busyboxPath()], { encoding: "utf8" });
    if (!`${ldd.stdout}${ldd.stderr}`.includes("not a dynamic executable"))
        return "busybox is not the static build (busybox-static)";
    return undefined;
}

/** Why this pod's images cannot be reproduced here (only busybox can), or undefined. */
export function unreproducibleImage(pod: IPod): string | undefined {
    const other = allContainers(pod).find((c) => !/^busybox:/.test(c.image ?? ""));
    return (
        other &&
        `container "${other.name}" uses ${other.image}, which cannot be reproduced locally (only busybox images can)`
    );
}

const busyboxPath = () => spawnSync("sh", ["-c", "command -v busybox"], { encoding: "utf8" }).stdout.trim();
const allContainers = (pod: IPod): IContainer[] => [
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.containers ?? []),
];

export async function startPod(
    pod: IPod,
    configMaps: readonly IConfigMap[] = [],
    initTimeoutMs = 20_000,
): Promise<RunningPod> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcp-runc-"));
    const prefix = `mcp-${randomBytes(4).toString("hex")}`;
    const runcRoot = path.join(dir, "runc-state");
    const logDir = path.join(dir, "logs");
    const netns = prefix;
    const children = new Map<string, ChildProcess>();
    const exits = new Map<string, number | null>();
    const configs = new Map<string, IContainer>();
    fs.mkdirSync(logDir);
    const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: "utf8" });

    const cleanup = async () => {
        for (const name of children.keys()) run("runc", ["--root", runcRoot, "kill", `${prefix}-${name}`, "TERM"]);
        await waitForExit([...children.values()], 3000);
        for (const name of children.keys()) run("runc", ["--root", runcRoot, "delete", "-f", `${prefix}-${name}`]);
        await waitForExit([...children.values()], 2000);
        run("ip", ["netns", "del", netns]);
        const logs = readLogs(logDir);
        fs.rmSync(dir, { recursive: true, force: true });
        return logs;
    };

    try {
        if (run("ip", ["netns", "add", netns]).status !== 0) throw new Error(`ip netns add ${netns} failed`);
        run("ip", ["-n", netns, "link", "set", "lo", "up"]);
        const rootfs = makeBusyboxRootfs(path.join(dir, "rootfs"));
        const volumeDirs = makeVolumes(pod, configMaps, path.join(dir, "volumes"));
        const context = { pod, rootfs, volumeDirs, netnsPath: `/var/run/netns/${netns}` };

        const start = (container: IContainer): ChildProcess => {
            const bundle = path.join(dir, "bundles", container.name);
            fs.mkdirSync(bundle, { recursive: true });
            fs.writeFileSync(path.join(bundle, "config.json"), JSON.stringify(ociConfig(container, context)));
            const log = fs.openSync(path.join(logDir, container.name), "a");
            const child = spawn(
                "runc",
                ["--root", runcRoot, "run", "--bundle", bundle, `${prefix}-${container.name}`],
                {
                    stdio: ["ignore", log, log],
                },
            );
            fs.closeSync(log);
            configs.set(container.name, container);
            children.set(container.name, child);
            child.on("exit", (code) => exits.set(container.name, code));
            return child;
        };

        for (const container of pod.spec?.initContainers ?? []) {
            const child = start(container);
            if (container.restartPolicy === "Always") continue; // a native sidecar: keeps running
            const code = await exitCode(child, initTimeoutMs);
            if (code !== 0) {
                const log = fs.readFileSync(path.join(logDir, container.name), "utf8");
                throw new Error(`init container "${container.name}" exited with code ${code}; its log:\n${log}`);
            }
        }
        for (const container of pod.spec?.containers ?? []) start(container);
    } catch (err) {
        await cleanup();
        throw err;
    }

    const kubectlDir = path.join(dir, "bin");
    writeKubectlShim(kubectlDir, { logDir, runcRoot, prefix, pod: pod.metadata?.name ?? "" });
    return {
        kubectlDir,
        exits,
        logs: () => readLogs(logDir),
        probe(name) {
            const command = configs.get(name)?.readinessProbe?.exec?.command;
            if (!command) return undefined;
            return run("runc", ["--root", runcRoot, "exec", `${prefix}-${name}`, ...command]).status ?? undefined;
        },
        stop: cleanup,
    };
}

function makeBusyboxRootfs(rootfs: string): string {
    const bin = path.join(rootfs, "bin");
    fs.mkdirSync(bin, { recursive: true });
    for (const dir of ["proc", "dev", "sys", "etc", "tmp"]) fs.mkdirSync(path.join(rootfs, dir));
    fs.copyFileSync(busyboxPath(), path.join(bin, "busybox"));
    fs.chmodSync(path.join(bin, "busybox"), 0o755);
    const applets = spawnSync(busyboxPath(), ["--list"], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    for (const applet of applets) if (applet !== "busybox") fs.symlinkSync("busybox", path.join(bin, applet));
    fs.writeFileSync(
        path.join(rootfs, "etc", "passwd"),
        "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n",
    );
    fs.writeFileSync(path.join(rootfs, "etc", "group"), "root:x:0:\nnogroup:x:65534:\n");
    return rootfs;
}

function makeVolumes(pod: IPod, configMaps: readonly IConfigMap[], root: string): Record<string, string> {
    const dirs: Record<string, string> = {};
    for (const volume of pod.spec?.volumes ?? []) {
        const dir = (dirs[volume.name] = path.join(root, volume.name));
        fs.mkdirSync(dir, { recursive: true });
        if (volume.emptyDir) {
            fs.chmodSync(dir, 0o777); // as the kubelet makes an emptyDir: writable by any container user
        } else if (volume.configMap) {
            const configMap = configMaps.find((cm) => cm.metadata?.name === volume.configMap?.name);
            if (!configMap)
                throw new Error(`volume "${volume.name}": ConfigMap ${volume.configMap.name} was not given`);
            for (const [file, text] of Object.entries(configMap.data ?? {}))
                fs.writeFileSync(path.join(dir, file), text, { mode: 0o644 });
        } else {
            throw new Error(`volume "${volume.name}": only emptyDir and configMap volumes are reproduced here`);
        }
    }
    return dirs;
}

function writeKubectlShim(dir: string, paths: { logDir: string; runcRoot: string; prefix: string; pod: string }): void {
    fs.mkdirSync(dir, { recursive: true });
    const script = `#!/bin/sh
# kubectl for one pod run by runc: logs from the captured files (one container's, or with --all-containers
# every one's, each line prefixed as --prefix does), exec through runc, wait = already running.
verb="" container="" tail="" all=""
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; break ;;
    -n|--context|--kubeconfig) shift ;;
    -c) container=$2; shift ;;
    --tail=*) tail=\${1#--tail=} ;;
    --all-containers|--all-containers=true) all=yes ;;
    -*) ;;
    *) [ -z "$verb" ] && verb=$1 ;;
  esac
  shift
done
case "$verb" in
  wait) echo "pod/${paths.pod} condition met" ;;
  logs)
    if [ -n "$all" ]; then
      for f in "${paths.logDir}"/*; do
        [ -f "$f" ] || continue
        if [ -n "$tail" ]; then tail -n "$tail" "$f"; else cat "$f"; fi |
          awk -v prefix="[pod/${paths.pod}/\${f##*/}] " '{ print prefix $0 }'
      done
      exit 0
    fi
    f="${paths.logDir}/$container"
    [ -f "$f" ] || { echo "error: container $container is not valid for pod ${paths.pod}" >&2; exit 1; }
    if [ -n "$tail" ]; then tail -n "$tail" "$f"; else cat "$f"; fi ;;
  exec) exec runc --root "${paths.runcRoot}" exec "${paths.prefix}-$container" "$@" ;;
  *) echo "kubectl shim: unsupported: $verb" >&2; exit 64 ;;
esac
`;
    fs.writeFileSync(path.join(dir, "kubectl"), script, { mode: 0o755 });
}

function readLogs(logDir: string): Record<string, string> {
    if (!fs.existsSync(logDir)) return {};
    return Object.fromEntries(
        fs.readdirSync(logDir).map((name) => [name, fs.readFileSync(path.join(logDir, name), "utf8")]),
    );
}

function exitCode(child: ChildProcess, timeoutMs: number): Promise<number | null> {
    return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => resolve(null), timeoutMs);
        child.on("exit", (code) => {
            clearTimeout(timer);
            resolve(code);
        });
    });
}

async function waitForExit(children: ChildProcess[], timeoutMs: number): Promise<void> {
    await Promise.all(children.map((child) => exitCode(child, timeoutMs)));
}
