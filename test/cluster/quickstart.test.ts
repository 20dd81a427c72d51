import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { scriptDirectory } from "../../components/verify/scriptStore";
import { requireCluster } from "./support/cluster";
import { basicAuthHeader, getJson, kubectl, runPrinted, throughPortForward } from "./support/pods";
import { readmeShellBlock } from "./support/readme";
import { TestProject } from "./support/stack";

// A new user on their own cluster: the README's quickstart exactly as written (no config at all), every command
// the stack prints, a no-change preview, drift repaired, and a destroy that leaves nothing behind.

const POD_NAMES = [
    "init-container-test",
    "sidecar-container-test",
    "monitoring-sidecar-test",
    "proxy-sidecar-test",
    "security-sidecar-test",
];
/** The same patterns as workloads: a Job with a native sidecar, a Deployment of three proxied replicas. */
const WORKLOADS: Record<string, string> = { "batch-job-test": "Job", "proxy-deployment-test": "Deployment" };

/** What each container's log must show, as `pod/container` → a line it must contain. */
const EXPECTED_LOG_LINES: Record<string, RegExp> = {
    "init-container-test/init-container": /^Hello from init-container: prepared for pod init-container-test at \S+$/m,
    "init-container-test/displayer-container": /^Hello from init-container: prepared for pod init-container-test at /m,
    "sidecar-container-test/main-container": /main-container handled request/,
    "sidecar-container-test/sidecar-container": /main-container handled request/,
    "monitoring-sidecar-test/web-container": /"GET \/stub_status HTTP\/1\.1" 200/,
    "monitoring-sidecar-test/metrics-exporter": /nginx-prometheus-exporter/,
    "proxy-sidecar-test/app-container": /response:200/,
    "proxy-sidecar-test/proxy-container": /"GET \/ HTTP\/1\.[01]" 200/,
    "security-sidecar-test/app-container": /response:200/,
    "security-sidecar-test/auth-proxy": /"GET \/ HTTP\/1\.[01]" 401/,
    "batch-job-test/batch-step": /^batch-step finished: 5 results$/m,
    "batch-job-test/results-shipper": /^batch-step result 5: 25$/m,
    "proxy-deployment-test/app-container": /response:200/,
    "proxy-deployment-test/proxy-container": /"GET \/healthz HTTP\/1\.1" 200/,
};

describe("cluster: the README's quickstart, as a new user runs it", function () {
    const cluster = requireCluster(this);
    let project: TestProject;
    let outputs: Record<string, any>;

    before(function () {
        project = new TestProject("quickstart", cluster());
    });
    after(async () => project?.dispose());

    it("pulumi up --yes succeeds from a new stack with no configuration", async () => {
        const lines = readmeShellBlock("## Quickstart", "### On your own cluster");
        // Two lines differ from the README, for isolation only: node_modules is already in place (linked from
        // the checkout under test), and the local backend is this test's own directory, not ~/.pulumi.
        const script = lines.map((line) =>
            line.startsWith("npm ci")
                ? ": npm ci"
                : line === "pulumi login --local"
                  ? `pulumi login ${project.backendUrl}`
                  : line,
        );
        fs.mkdirSync(project.backendUrl.slice("file://".length), { recursive: true });
        const result = await project.shell(["set -e", ...script].join("\n"));
        // Later commands use the passphrase the README exported.
        const passphrase = lines.join("\n").match(/^export PULUMI_CONFIG_PASSPHRASE='([^']*)'/m);
        assert.ok(passphrase, "the quickstart sets PULUMI_CONFIG_PASSPHRASE");
        project.env.PULUMI_CONFIG_PASSPHRASE = passphrase[1];
        assert.equal(result.status, 0, `quickstart failed:\n${result.stdout}\n${result.stderr}`);
        assert.match(result.stdout, /Resources:\s*\n\s*\+ \d+ created/);
        outputs = await project.outputs();
        assert.deepEqual(Object.keys(outputs.pods).sort(), [...POD_NAMES, ...Object.keys(WORKLOADS)].sort());
    });

    it("every pod is Running and Ready in the default namespace, seen by its printed `get` command", async () => {
        for (const name of POD_NAMES) {
            const printed = await runPrinted(cluster(), outputs.pods[name].get);
            assert.match(printed, new RegExp(`^${name}\\s+(\\d+)/\\1\\s+Running`, "m"), printed);
            assert.match(await runPrinted(cluster(), outputs.pods[name].describe), /Ready\s+True/);
        }
        const job = outputs.pods["batch-job-test"];
        assert.equal(job.kind, WORKLOADS["batch-job-test"]);
        // kubectl 1.31 and later print a STATUS column ("Complete") before COMPLETIONS; earlier ones do not.
        assert.match(await runPrinted(cluster(), job.get), new RegExp(`^${job.name}\\s+(Complete\\s+)?1/1`, "m"));
        const deployment = outputs.pods["proxy-deployment-test"];
        assert.equal(deployment.kind, WORKLOADS["proxy-deployment-test"]);
        assert.match(
            await runPrinted(cluster(), deployment.get),
            new RegExp(`^${deployment.name}\\s+3/3\\s+3\\s+3`, "m"),
        );
        assert.match(await runPrinted(cluster(), deployment.rolloutStatus), /successfully rolled out/);
    });

    it("every container's printed `kubectl logs` command shows its real lines", async () => {
        const commands: string[] = outputs.logCommands;
        assert.equal(commands.length, Object.keys(EXPECTED_LOG_LINES).length);
        for (const [podContainer, expected] of Object.entries(EXPECTED_LOG_LINES)) {
            const [pod, container] = podContainer.split("/");
            const line = outputs.pods[pod].containers.find((c: any) => c.name === container)?.logs;
            assert.ok(commands.includes(line), `${line} is in logCommands`);
            assert.ok(line, `no logs command for ${podContainer} in ${commands.join("\n")}`);
            assert.match(await runPrinted(cluster(), line!), expected, `${line}`);
        }
    });

    it("the verification's captured logs are in the `logs` output", () => {
        assert.match(
            outputs.logs["init-container-test"]["displayer-container"].join("\n"),
            /Hello from init-container/,
        );
    });

    it("keeps each verification's script in the user's cache, and only its id in the state", async () => {
        const exported = (await project.pulumi(["stack", "export"])).stdout;
        const commands = JSON.parse(exported).deployment.resources.filter(
            (r: any) => r.type === "command:local:Command" && r.urn.endsWith("-verify"),
        );
        assert.equal(commands.length, POD_NAMES.length + Object.keys(WORKLOADS).length);
        // The folder the program's environment gives (it keeps the caller's XDG_CACHE_HOME, as CI with its own caches
        // sets it); scriptStore.test.ts tests how it is derived.
        const dir = scriptDirectory(project.env);
        for (const command of commands) {
            const id = command.inputs.environment.MCP_VERIFY_SCRIPT_ID;
            assert.match(id, /^[0-9a-f]{64}$/);
            assert.equal(command.outputs.environment.MCP_VERIFY_SCRIPT_ID, id);
            assert.match(fs.readFileSync(path.join(dir, `${id}.sh`), "utf8"), /^set -u\n/);
        }
        assert.ok(!exported.includes("trap cleanup EXIT"), "no verification script in the state");
    });

    it("every printed port-forward reaches its pod: the proxied page, the metrics, 401 then 200", async () => {
        const pods = outputs.pods;
        const proxy = await throughPortForward(
            cluster(),
            pods["proxy-sidecar-test"].portForward,
            pods["proxy-sidecar-test"].url,
            (a) => a.status === 200,
        );
        assert.match(proxy.body, /Hello from app-container, reached through proxy-container/);
        const metrics = await throughPortForward(
            cluster(),
            pods["monitoring-sidecar-test"].portForward,
            pods["monitoring-sidecar-test"].url,
            (a) => a.status === 200,
        );
        assert.match(metrics.body, /^nginx_up 1$/m);
        const security = pods["security-sidecar-test"];
        const anonymous = await throughPortForward(
            cluster(),
            security.portForward,
            security.url,
            (a) => a.status === 401,
        );
        assert.equal(anonymous.status, 401);
        const secrets = await project.outputs(true);
        const { user, password } = secrets.basicAuth;
        assert.ok(password.length >= 16, "the generated password is long");
        const authorized = await throughPortForward(
            cluster(),
            security.portForward,
            security.url,
            (a) => a.status === 200,
            basicAuthHeader(user, password),
        );
        assert.match(authorized.body, /you are authenticated/);
    });

    it("`pulumi preview --expect-no-changes` right after up", async () => {
        await project.pulumi(["preview", "--expect-no-changes"]);
    });

    it("a pod deleted behind Pulumi's back is restored by `pulumi refresh` + `pulumi up`", async () => {
        const before = await getJson(cluster(), ["pod", "proxy-sidecar-test", "-n", "default"]);
        assert.equal(
            (await kubectl(cluster(), ["delete", "pod", "proxy-sidecar-test", "-n", "default", "--wait"])).status,
            0,
        );
        await project.pulumi(["refresh", "--yes"]);
        const up = await project.pulumi(["up", "--yes"]);
        assert.match(up.stdout, /\+ 1 created|1 created/);
        const after = await getJson(cluster(), ["pod", "proxy-sidecar-test", "-n", "default"]);
        assert.ok(after, "the pod is back");
        assert.notEqual(after.metadata.uid, before.metadata.uid);
        assert.ok(after.status.conditions.some((c: any) => c.type === "Ready" && c.status === "True"));
    });

    it("`pulumi destroy --yes` leaves nothing the program created", async () => {
        await project.pulumi(["destroy", "--yes"]);
        const left = await kubectl(cluster(), [
            "get",
            "pods,services,configmaps,secrets",
            "-n",
            "default",
            "-l",
            "app.kubernetes.io/managed-by=pulumi",
            "-o",
            "name",
        ]);
        assert.equal(left.status, 0, left.stderr);
        assert.equal(left.stdout.trim(), "", `left behind:\n${left.stdout}`);
        for (const name of POD_NAMES) assert.equal(await getJson(cluster(), ["pod", name, "-n", "default"]), undefined);
    });
});
