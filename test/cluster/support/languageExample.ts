import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ClusterEnv, REPO } from "./cluster";
import { getJson, kubectl, runPrinted } from "./pods";
import { eventually } from "./processes";
import { addPackage, Language, LanguageProject, languageTestProject } from "./languageProject";

// The checks python-example/ and go-example/ share, as yamlPackage.test.ts makes them for yaml-example/: each
// program declares its own pod (an init container and a sidecar sharing a volume) in a namespace it creates,
// through the component's generated SDK. `pulumi package add` generates that SDK and links it; `pulumi up`
// deploys and verifies; every printed `kubectl logs` command shows its container's real lines; a second preview
// changes nothing; `pulumi destroy` leaves nothing behind.

export const COMPONENT = "multi-container-pods:index:MultiContainerPod";
const PACKAGE = "multi-container-pods";

export interface ExampleFacts {
    readonly language: Language;
    readonly namespace: string;
    readonly pod: string;
    /** The greeting the init container writes, which every container's log shows. */
    readonly greeting: string;
    /** The file `pulumi package add` links the SDK in: it must leave it as committed. */
    readonly linkFile: string;
    /** What else to check of the generated SDK and the program's dependencies once the package is added. */
    readonly checkSdk: (project: LanguageProject) => Promise<void>;
}

/** Defines the example's tests in the calling describe(); `cluster` is requireCluster's. */
export function exampleTests(suite: Mocha.Suite, cluster: () => ClusterEnv, facts: ExampleFacts): void {
    const { language, namespace, pod } = facts;
    const expectedLogLines: Record<string, RegExp> = {
        prepare: new RegExp(`^${facts.greeting}$`, "m"),
        app: new RegExp(`^app line \\d+: ${facts.greeting}$`, "m"),
        "log-forwarder": new RegExp(`^app line \\d+: ${facts.greeting}$`, "m"),
    };
    let project: LanguageProject;
    let outputs: Record<string, any>;
    const timed = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
        const start = Date.now();
        const result = await step();
        console.log(`      (${what}: ${Math.round((Date.now() - start) / 1000)} s)`);
        return result;
    };

    suite.beforeAll(async function () {
        const reason = language.unavailable(cluster().env);
        if (reason) {
            console.log(`      ${language.example} tests skipped: ${reason}`);
            this.skip();
        }
        // Left by an interrupted run of this test: the program creates the namespace, so it must not exist.
        await kubectl(cluster(), ["delete", "namespace", namespace, "--ignore-not-found", "--wait=true"]);
        project = await languageTestProject(language.runtime, cluster(), language);
        await project.newStack("dev", { namespace });
    });
    suite.afterAll(async () => project?.dispose());

    it(`pulumi package add generates the ${language.runtime} SDK, records the package and links it as committed`, async () => {
        const add = await timed("pulumi package add", () => addPackage(project));
        assert.ok(fs.existsSync(path.join(project.dir, "sdks", PACKAGE)), `no sdks/${PACKAGE}:\n${add.stdout}`);
        const program = parse(fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8"));
        assert.equal(program.runtime.name ?? program.runtime, language.runtime);
        assert.deepEqual(program.packages, { [PACKAGE]: project.packageDir });
        // The committed file is what `pulumi package add ..` leaves: a fresh checkout's `pulumi install` works.
        assert.equal(
            fs.readFileSync(path.join(project.dir, facts.linkFile), "utf8"),
            fs.readFileSync(path.join(REPO, language.example, facts.linkFile), "utf8"),
        );
        await facts.checkSdk(project);
    });

    it("pulumi up --yes deploys the program's pod through the component and verifies it", async () => {
        const up = await timed("first pulumi up", () => project.pulumi(["up", "--yes"]));
        assert.match(up.stdout, /Resources:\s*\n\s*\+ \d+ created/);
        const state = JSON.parse((await project.pulumi(["stack", "export"])).stdout);
        const component = state.deployment.resources.find((r: any) => r.type === COMPONENT);
        assert.ok(component, `no ${COMPONENT} in the stack`);
        // Under it the pod, and the Commands that verify it (and set a bare pod's images in place).
        const children: string[] = state.deployment.resources
            .filter((r: any) => r.parent === component.urn)
            .map((r: any) => r.type);
        assert.equal(children.filter((type) => type === "kubernetes:core/v1:Pod").length, 1, children.join(", "));
        assert.deepEqual([...new Set(children)].sort(), ["command:local:Command", "kubernetes:core/v1:Pod"]);
        outputs = await project.outputs();
        assert.equal(outputs.podName, pod);
        assert.deepEqual(Object.keys(outputs.logCommands).sort(), Object.keys(expectedLogLines).sort());
    });

    it("runs the pod in the namespace the program created, Ready, with the init container done", async () => {
        const ns = await getJson(cluster(), ["namespace", namespace]);
        assert.equal(ns.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
        const live = await getJson(cluster(), ["pod", pod, "-n", namespace]);
        assert.equal(live.status.phase, "Running");
        assert.deepEqual(
            live.status.initContainerStatuses.map((s: any) => [s.name, s.state.terminated?.exitCode]),
            [["prepare", 0]],
        );
        assert.deepEqual(
            live.spec.containers.map((c: any) => c.name),
            ["app", "log-forwarder"],
        );
        assert.ok(
            live.status.containerStatuses.every((s: any) => s.ready),
            "every container is ready",
        );
    });

    it("every printed `kubectl logs` command shows its container's real lines", async () => {
        for (const [container, expected] of Object.entries(expectedLogLines)) {
            const command: string = outputs.logCommands[container];
            assert.equal(command, `kubectl logs ${pod} -n ${namespace} -c ${container}`);
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
        await timed("second preview", () => project.pulumi(["preview", "--expect-no-changes"]));
    });

    it("pulumi destroy removes the pod and the namespace", async () => {
        await project.pulumi(["destroy", "--yes"]);
        await eventually(
            async () => assert.equal(await getJson(cluster(), ["namespace", namespace]), undefined),
            120000,
        );
    });
}
