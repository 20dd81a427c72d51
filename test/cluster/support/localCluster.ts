import * as fs from "fs";
import * as path from "path";
import { ClusterEnv, REPO } from "./cluster";
import { Finished, run } from "./processes";

// The processes of the local cluster (`npm run cluster:up`), stopped and started by scripts/cluster/restart.sh
// with up.sh's own command lines: how the fault tests take the kubelet away or restart the API server. Only the
// local cluster, never one MCP_TEST_KUBECONFIG names (its processes are not ours), and only as root.

export type Component = "kubelet" | "kube-apiserver";

export class LocalCluster {
    constructor(
        readonly stateDir: string,
        private readonly cluster: ClusterEnv,
    ) {}

    /** `restart.sh ACTION COMPONENT`; its output; throws when it fails. */
    async control(action: "stop" | "start" | "restart", component: Component): Promise<Finished> {
        const result = await run(path.join(REPO, "scripts", "cluster", "restart.sh"), [action, component], {
            env: { ...this.cluster.env, MCP_CLUSTER_DIR: this.stateDir },
            timeoutMs: 3 * 60 * 1000,
        });
        if (result.status !== 0) {
            throw new Error(
                `restart.sh ${action} ${component} exited ${result.status}:\n${result.stdout}${result.stderr}`,
            );
        }
        return result;
    }

    /** The component's pid, from its pid file. */
    pid(component: Component): number {
        return Number(fs.readFileSync(path.join(this.stateDir, "pids", component), "utf8").trim());
    }

    /** The running component's command line, as /proc has it. */
    commandLine(component: Component): string[] {
        return fs
            .readFileSync(`/proc/${this.pid(component)}/cmdline`, "utf8")
            .split("\0")
            .filter(Boolean);
    }

    /** Starts whatever a test stopped (a no-op for what runs): the cluster is shared and must be left whole. */
    async ensureRunning(): Promise<void> {
        for (const component of ["kube-apiserver", "kubelet"] as const) await this.control("start", component);
    }
}

/** The local cluster behind `cluster`, or why its processes cannot be controlled here. */
export function localCluster(cluster: ClusterEnv): LocalCluster | string {
    const stateDir = path.dirname(cluster.kubeconfig);
    if (!fs.existsSync(path.join(stateDir, "pids", "kubelet"))) {
        return `${cluster.kubeconfig} is not the local cluster of npm run cluster:up (no pids/ beside it)`;
    }
    if (process.getuid?.() !== 0) return "stopping the local cluster's processes needs root";
    return new LocalCluster(stateDir, cluster);
}
