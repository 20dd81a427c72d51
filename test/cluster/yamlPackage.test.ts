import * as assert from "assert";
import { requireCluster } from "./support/cluster";
import { getJson, kubectl, runPrinted } from "./support/pods";
import { CommandLineWatch, eventually } from "./support/processes";
import { clearForms, clearFormsIn } from "./support/secrets";
import { TestProject } from "./support/stack";
import { yamlTestProject } from "./support/yamlProject";

// The component as a source-based package, used from Pulumi YAML with the real CLI: yaml-example/ declares its
// own pod (an init container and a sidecar sharing a volume) in a namespace it creates; `pulumi up` loads this
// repository with the Node.js host, infers the schema, deploys; the app's image (another resource's output) and
// its secret env value (a secret config value) reach the pod, the secret in clear on no command line and nowhere
// in the state; every printed `kubectl logs` command shows its container's real lines; `pulumi destroy` leaves
// nothing behind.

const NAMESPACE = "mcp-test-yaml";
const COMPONENT = "multi-container-pods:index:MultiContainerPod";
const POD = "yaml-example-pod";
/** The app's secret env value, from a secret config value: on no command line, nowhere in the state in clear. */
const API_TOKEN = "yaml-token-3f9c1e7a";
const GREETING = "Hello from prepare, declared in Pulumi YAML";
/** What each container's log must show: the init container's greeting, then the app's lines, relayed. */
const EXPECTED_LOG_LINES: Record<string, RegExp> = {
    prepare: new RegExp(`^${GREETING}$`, "m"),
    app: new RegExp(`^app line \\d+: ${GREETING}$`, "m"),
    "log-forwarder": new RegExp(`^app line \\d+: ${GREETING}$`, "m"),
};

describe("cluster: the component package from a Pulumi YAML program (yaml-example/)", function () {
    const cluster = requireCluster(this);
    let project: TestProject;
    let outputs: Record<string, any>;

    before(async function () {
        // Left by an interrupted run of this test: the program creates the namespace, so it must not exist.
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=true"]);
        project = await yamlTestProject("yaml", cluster());
        await project.newStack("dev", { namespace: NAMESPACE }, { apiToken: API_TOKEN });
    });
    after(async () => project?.dispose());

    it("pulumi up --yes loads the package, infers its schema and deploys the program's pod", async () => {
        const argvWatch = new CommandLineWatch(clearForms(API_TOKEN));
        const up = await project.pulumi(["up", "--yes"]);
        assert.deepEqual(await argvWatch.stop(), [], "the secret env value appeared on a command line");
        assert.match(up.stdout, /Resources:\s*\n\s*\+ 8 created/);
        // The component, by the type token the package's schema names, and under it what it made.
        const state = JSON.parse((await project.pulumi(["stack", "export"])).stdout);
        const component = state.deployment.resources.find((r: any) => r.type === COMPONENT);
        assert.ok(component, `no ${COMPONENT} in the stack`);
        assert.deepEqual(
            state.deployment.resources.filter((r: any) => r.parent === component.urn).map((r: any) => r.type),
            // The pod, the Command that sets its images in place, the verification.
            ["kubernetes:core/v1:Pod", "command:local:Command", "command:local:Command"],
        );
        outputs = await project.outputs();
        assert.equal(outputs.podName, POD);
        assert.deepEqual(Object.keys(outputs.logCommands).sort(), Object.keys(EXPECTED_LOG_LINES).sort());
    });

    it("runs the pod in the namespace the program created, Ready, with the init container done", async () => {
        const namespace = await getJson(cluster(), ["namespace", NAMESPACE]);
        assert.equal(namespace.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
        const pod = await getJson(cluster(), ["pod", POD, "-n", NAMESPACE]);
        assert.equal(pod.status.phase, "Running");
        assert.deepEqual(
            pod.status.initContainerStatuses.map((s: any) => [s.name, s.state.terminated?.exitCode]),
            [["prepare", 0]],
        );
        assert.deepEqual(
            pod.spec.containers.map((c: any) => c.name),
            ["app", "log-forwarder"],
        );
        assert.ok(
            pod.status.containerStatuses.every((s: any) => s.ready),
            "every container is ready",
        );
        // The app's image came from the ConfigMap's data, its env value from the secret config value.
        const app = pod.spec.containers.find((c: any) => c.name === "app");
        assert.equal(app.image, "busybox:1.36.1");
        assert.deepEqual(app.env, [{ name: "API_TOKEN", value: API_TOKEN }]);
    });

    it("keeps the secret env value out of the state in clear, in the pod's outputs too", async () => {
        const state = (await project.pulumi(["stack", "export"])).stdout;
        assert.deepEqual(clearFormsIn(state, [API_TOKEN]), [], "the secret is in the state in clear");
        // It is there, encrypted; provider 4.x writes no kubectl last-applied annotation (a copy in clear).
        const shown = (await project.pulumi(["stack", "export", "--show-secrets"])).stdout;
        assert.ok(shown.includes(API_TOKEN), "the state holds it, encrypted");
        assert.ok(!shown.includes("kubectl.kubernetes.io/last-applied-configuration"));
    });

    it("every printed `kubectl logs` command shows its container's real lines", async () => {
        for (const [container, expected] of Object.entries(EXPECTED_LOG_LINES)) {
            const command: string = outputs.logCommands[container];
            assert.equal(command, `kubectl logs ${POD} -n ${NAMESPACE} -c ${container}`);
            await eventually(async () => assert.match(await runPrinted(cluster(), command), expected), 30000);
        }
        // The sidecar forwards the app's very lines: one the app wrote appears whole in the sidecar's log.
        await eventually(async () => {
            const written = (await runPrinted(cluster(), outputs.logCommands.app)).split("\n").filter(Boolean);
            const forwarded = await runPrinted(cluster(), outputs.logCommands["log-forwarder"]);
            assert.ok(
                written.some((line) => forwarded.split("\n").includes(line)),
                forwarded,
            );
        }, 30000);
    });

    it("a second preview finds nothing to change", async () => {
        await project.pulumi(["preview", "--expect-no-changes"]);
    });

    it("pulumi destroy removes the pod and the namespace", async () => {
        await project.pulumi(["destroy", "--yes"]);
        await eventually(
            async () => assert.equal(await getJson(cluster(), ["namespace", NAMESPACE]), undefined),
            120000,
        );
    });
});
