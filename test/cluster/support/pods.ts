import * as assert from "assert";
import { ClusterEnv } from "./cluster";
import { Background, eventually, run, runShell } from "./processes";

// Looking at what a stack deployed, with kubectl and with the commands the stack printed.

export async function kubectl(cluster: ClusterEnv, args: readonly string[]) {
    return run("kubectl", args, { env: cluster.env, timeoutMs: 60000 });
}

/** `kubectl get … -o json`, parsed; undefined when the object does not exist. */
export async function getJson(cluster: ClusterEnv, args: readonly string[]): Promise<any | undefined> {
    const result = await kubectl(cluster, ["get", ...args, "-o", "json"]);
    if (result.status !== 0) {
        if (/NotFound|not found/.test(result.stderr)) return undefined;
        throw new Error(`kubectl get ${args.join(" ")}: ${result.stderr}`);
    }
    return JSON.parse(result.stdout);
}

/** A printed command, run as printed; its stdout (throws with stderr when it fails). */
export async function runPrinted(cluster: ClusterEnv, line: string): Promise<string> {
    const result = await runShell(line, { env: cluster.env, timeoutMs: 60000 });
    assert.equal(result.status, 0, `\`${line}\` failed: ${result.stderr}`);
    return result.stdout;
}

export interface HttpAnswer {
    readonly status: number;
    readonly body: string;
}

/**
 * Runs a printed `kubectl port-forward` command, then GETs `url` through it. Right after a pod replacement the
 * forward can still reach the old sandbox for a moment, so the request is retried until `accept` is happy.
 */
export async function throughPortForward(
    cluster: ClusterEnv,
    portForward: string,
    url: string,
    accept: (answer: HttpAnswer) => boolean,
    headers: Record<string, string> = {},
): Promise<HttpAnswer> {
    return eventually(async () => {
        const forward = new Background(portForward, { env: cluster.env });
        try {
            await forward.waitFor(/Forwarding from 127\.0\.0\.1:/);
            const response = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
            const answer = { status: response.status, body: await response.text() };
            if (!accept(answer)) throw new Error(`unexpected answer from ${url}: ${answer.status} ${answer.body}`);
            return answer;
        } finally {
            await forward.stop();
        }
    }, 60000);
}

export const basicAuthHeader = (user: string, password: string) => ({
    Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
});
