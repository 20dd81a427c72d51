import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { htpasswdLine } from "../../components/build/basicAuth";
import { renderManifest } from "../../components/outputs/manifests";
import { buildVerifyScript, credentialsInput } from "../../components/verify/script";
import { SCRIPT_ID_ENV, scriptId, VERIFY_COMMAND } from "../../components/verify/scriptStore";
import type { PodDefinition } from "../../components/model";
import { sidecarMonitoringExample } from "../../examples/sidecar-monitoring";
import { sidecarProxyExample } from "../../examples/sidecar-proxy";
import { sidecarSecurityExample } from "../../examples/sidecar-security";

// The nginx configurations of the monitoring, proxy and security examples, run by Debian's nginx in a
// private network namespace with busybox httpd as the app. This checks our configuration and our bcrypt
// user file (and the sha512-crypt one the kubectl manifest's header makes), not the images: Debian's nginx is 1.22, the examples pull nginx-unprivileged 1.27.

const tool = (name: string) => spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
const unavailable =
    process.getuid?.() !== 0
        ? "needs root (unshare -n)"
        : ["nginx", "busybox", "unshare"]
              .find((name) => !tool(name))
              ?.concat(" is not installed (apt-get install nginx busybox-static)");

const SALT = Buffer.from("0123456789abcdef", "hex");
const FAST = {
    tailLines: 5,
    waitTimeoutSeconds: 5,
    attempts: 1,
    retryDelaySeconds: 0,
    evidenceTimeoutSeconds: 30,
    requestTimeoutSeconds: 20,
};
const q = (s: string) => `'${s.replace(/'/g, `'"'"'`)}'`;

function nginxConf(def: PodDefinition): string {
    const volume = def.volumes.find((v) => v.configFiles !== undefined);
    // The bundled examples are plain data: every content is a string.
    return volume!.configFiles!.files["nginx.conf"] as string;
}

/**
 * Runs `requests` against the example's nginx.conf; returns each output. A request is a busybox wget argument
 * list, or `{ sh }`: a shell command run as is (in the test's directory, $DIR). The app serves `page`.
 */
function serve(
    def: PodDefinition,
    requests: Array<string[] | { sh: string }>,
    htpasswd = "",
    page = "the app's page\n",
): { test: string; responses: string[] } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nginx-conf-"));
    fs.chmodSync(dir, 0o755); // nginx workers run as nobody, as a pod's do as uid 101
    try {
        // Only paths move: the pod's /tmp emptyDir and the Secret's mount become directories of this test.
        const conf = nginxConf(def)
            .replace(/\/tmp\//g, `${dir}/`)
            .replace("/etc/nginx/auth/", `${dir}/`);
        fs.writeFileSync(path.join(dir, "nginx.conf"), conf);
        fs.writeFileSync(path.join(dir, "htpasswd"), htpasswd);
        fs.mkdirSync(path.join(dir, "site"));
        fs.writeFileSync(path.join(dir, "site", "index.html"), page);
        const script = [
            "ip link set lo up 2>/dev/null || busybox ip link set lo up",
            // nginx opens /dev/stdout and /dev/stderr itself, which fails on node's socket pipes: use files,
            // as containerd gives a container.
            `nginx -t -c ${dir}/nginx.conf -e stderr >${dir}/test.out 2>&1; cat ${dir}/test.out`,
            ...(def.name === sidecarMonitoringExample.name
                ? []
                : [`busybox httpd -p 127.0.0.1:8080 -h ${dir}/site 2>/dev/null`]),
            `nginx -c ${dir}/nginx.conf -e stderr -g 'daemon on;' >${dir}/nginx.out 2>&1`,
            "sleep 0.3",
            ...requests.map((request) =>
                Array.isArray(request)
                    ? `echo '=== response'; busybox wget -q -O - ${request.map(q).join(" ")} 2>&1`
                    : `echo '=== response'; (cd ${dir} && DIR=${dir} && ${request.sh}) 2>&1`,
            ),
            `kill $(cat ${dir}/nginx.pid); pkill -f 'busybox httpd -p 127.0.0.1:8080 -h ${dir}/site'`,
        ].join("\n");
        const run = spawnSync("unshare", ["-n", "sh", "-c", script], { encoding: "utf8", timeout: 15_000 });
        const [test, ...responses] = run.stdout.split("=== response\n");
        return { test, responses };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("the examples' nginx configurations, served by nginx", function () {
    before(function () {
        if (unavailable) {
            console.log(`      nginx configuration tests skipped: ${unavailable}`);
            this.skip();
        }
    });

    it("monitoring: nginx serves its page and a stub_status the exporter can scrape from localhost", () => {
        const { test, responses } = serve(sidecarMonitoringExample, [
            ["http://127.0.0.1:8080/"],
            ["http://127.0.0.1:8080/stub_status"],
        ]);
        assert.match(test, /syntax is ok/);
        assert.equal(responses[0], "Hello from web-container (nginx), watched by metrics-exporter\n");
        assert.match(responses[1], /^Active connections: 1 \nserver accepts handled requests\n/);
    });

    it("proxying: the proxy forwards to the app on localhost and answers its health check", () => {
        const { test, responses } = serve(sidecarProxyExample, [
            ["http://127.0.0.1:8081/"],
            ["http://127.0.0.1:8081/healthz"],
        ]);
        assert.match(test, /syntax is ok/);
        assert.deepEqual(responses, ["the app's page\n", "ok\n"]);
    });

    it("security: refuses anonymous and wrong credentials, forwards the right ones, and keeps /healthz open", () => {
        const basic = (user: string, password: string) =>
            `Authorization: Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
        const url = "http://127.0.0.1:8081/";
        const { test, responses } = serve(
            sidecarSecurityExample,
            [
                [url],
                ["--header", basic("demo", "wrong"), url],
                ["--header", basic("demo", "s3cret pass"), url],
                ["http://127.0.0.1:8081/healthz"],
            ],
            htpasswdLine("demo", "s3cret pass", SALT),
        );
        assert.match(htpasswdLine("demo", "s3cret pass", SALT), /^demo:\$2b\$10\$/, "a bcrypt user file");
        assert.match(test, /syntax is ok/);
        assert.deepEqual(responses, [
            "wget: server returned error: HTTP/1.1 401 Unauthorized\n",
            "wget: server returned error: HTTP/1.1 401 Unauthorized\n",
            "the app's page\n",
            "ok\n",
        ]);
    });

    it("security: nginx accepts the user file the manifest header's command makes, which puts no secret on argv", () => {
        const header = renderManifest(sidecarSecurityExample).split("\n---")[0];
        const line = header
            .replace(/\\\n#\s*/g, " ")
            .split("\n")
            .map((l) => l.replace(/^#\s+/, ""))
            .find((l) => l.includes("kubectl create secret"))!;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "header-"));
        try {
            // kubectl stands in for the API server: it records its argv and what --from-file=KEY=/dev/stdin read.
            fs.mkdirSync(path.join(dir, "bin"));
            fs.writeFileSync(
                path.join(dir, "bin", "kubectl"),
                `#!/bin/sh\nprintf '%s\\n' "$@" >${dir}/argv\ncat >${dir}/userfile\n`,
                { mode: 0o755 },
            );
            const password = "header pass 7";
            // No terminal here: openssl reads the password (and its confirmation) from standard input.
            const run = spawnSync("sh", ["-c", line], {
                encoding: "utf8",
                input: `${password}\n${password}\n`,
                env: { ...process.env, PATH: `${dir}/bin:${process.env.PATH}` },
            });
            assert.equal(run.status, 0, run.stderr);
            const userFile = fs.readFileSync(path.join(dir, "userfile"), "utf8");
            assert.match(userFile, /^demo:\$6\$[^$]+\$[./A-Za-z0-9]+\n$/);
            const argv = fs.readFileSync(path.join(dir, "argv"), "utf8");
            assert.ok(!argv.includes(password) && !argv.includes("$6$"), argv);
            assert.ok(!line.includes(password));
            const basic = (pw: string) => `Authorization: Basic ${Buffer.from(`demo:${pw}`).toString("base64")}`;
            const url = "http://127.0.0.1:8081/";
            const { responses } = serve(
                sidecarSecurityExample,
                [
                    ["--header", basic(password), url],
                    ["--header", basic("wrong"), url],
                ],
                userFile,
            );
            assert.deepEqual(responses, [
                "the app's page\n",
                "wget: server returned error: HTTP/1.1 401 Unauthorized\n",
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("security: verification's own script sees 401 anonymously and the app with credentials, through nginx", () => {
        // kubectl stands in for the cluster: `exec` runs the command here, in nginx's network namespace.
        const kubectl = [
            "#!/bin/sh",
            'while [ $# -gt 0 ] && [ "$1" != -- ]; do',
            // The Service's endpoints are the cluster's business, not nginx's: report one ready.
            '  case "$1" in wait|logs) exit 0 ;; get) echo true; exit 0 ;; esac',
            "  shift",
            "done",
            'shift; exec "$@"',
        ].join("\n");
        const script = buildVerifyScript(sidecarSecurityExample, { namespace: "default" }, FAST);
        const run = [
            `mkdir bin && printf '%s\\n' ${q(kubectl)} >bin/kubectl && chmod +x bin/kubectl`,
            `mkdir -p cache/verify && printf '%s' ${q(script)} >cache/verify/${scriptId(script)}.sh`,
            `printf '%s' ${q(credentialsInput("demo", "s3cret pass"))} |`,
            `  PATH="$DIR/bin:$PATH" MCP_CACHE_DIR="$DIR/cache" ${SCRIPT_ID_ENV}=${scriptId(script)} /bin/sh -c ${q(VERIFY_COMMAND)}; echo "exit $?"`,
        ].join("\n");
        const app = "Hello from app-container: you are authenticated\n";
        const good = serve(sidecarSecurityExample, [{ sh: run }], htpasswdLine("demo", "s3cret pass", SALT), app);
        assert.match(
            good.responses[0],
            /=== verified: pod security-sidecar-test showed all 2 pieces of evidence\nexit 0\n$/,
        );
        const bad = serve(sidecarSecurityExample, [{ sh: run }], htpasswdLine("demo", "other", SALT), app);
        assert.match(
            bad.responses[0],
            /evidence missing in pod security-sidecar-test: auth-proxy forwards a request with the stack's credentials/,
        );
        assert.match(bad.responses[0], /exit 1\n$/);
    });
});
