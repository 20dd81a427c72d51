import type { HttpEvidence } from "../model";
import { LocalUrl, parseLocalUrl } from "../validation/localUrl";

// How verification makes an HTTP request inside the pod: the request is written to `kubectl exec -i`'s
// standard input and busybox's nc, run in the container the rule names, sends it to the pod's localhost. So
// the request, with its Authorization header, is on no command line: not in the local process list, not in
// the exec request's URI (which the API server's audit log records), not in the container's process list.
// The script keeps nc's input open until nc exits (see script.ts): busybox nc half-closes the connection when
// its input ends, and nginx drops a proxied request whose client did that (status 499, no answer).

/** How long nc may take in the container before it is stopped (a server that never closes the connection). */
export const HTTP_TIMEOUT_SECONDS = 10;

/** What the container runs: busybox (in the busybox image, and in the nginx images) nc, under a timeout. */
const NC_COMMAND = ["busybox", "timeout", String(HTTP_TIMEOUT_SECONDS), "busybox", "nc"];

function localUrl(rule: HttpEvidence): LocalUrl {
    const url = parseLocalUrl(rule.url);
    if (typeof url === "string") throw new Error(url);
    return url;
}

/**
 * The HTTP/1.0 request for `rule` as a printf format: `\r\n` escapes, and `%s` where the base64 credentials go
 * when `withAuth` (printf is a shell builtin, so its arguments are on no command line either).
 */
export function requestFormat(rule: HttpEvidence, withAuth: boolean): string {
    const { host, port, path } = localUrl(rule);
    const auth = withAuth ? "Authorization: Basic %s\\r\\n" : "";
    return `GET ${path.replace(/%/g, "%%")} HTTP/1.0\\r\\nHost: ${host}:${port}\\r\\n${auth}Connection: close\\r\\n\\r\\n`;
}

/** The command kubectl exec runs in the container: nc to the rule's host and port. */
export function ncCommand(rule: HttpEvidence): string[] {
    const { host, port } = localUrl(rule);
    return [...NC_COMMAND, host, String(port)];
}
