import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { NOTES_APP_IMAGE } from "../../examples/images";
import { REPO, requireCluster } from "./support/cluster";
import { getJson, kubectl, runPrinted } from "./support/pods";
import { Background, eventually, run } from "./support/processes";
import { TestProject } from "./support/stack";

// A team's own app wrapped end to end (real-app-example/, the README's "Wrap your own app"): notes-app, its image
// built here from Debian packages, with its API key from a Secret, its notes on a PersistentVolumeClaim and the
// monitoring sidecar, deployed through the component as a Deployment by the real CLI. The program is run as
// written, its import of the package pointed at the checkout's components/ (installing the packed package is
// test/package/pack.test.ts's part). The local cluster has no volume provisioner: the test is the cluster admin
// who makes real-app-example/local-volume.yaml's volume on a fresh directory of the node (this machine), and
// removes both after.

const NAMESPACE = "mcp-test-realapp";
const VOLUME = "mcp-test-realapp-notes";
const API_KEY = "notes-key-5f2c9a1e7b";

/** real-app-example/ as a user has it, its package import pointed at the copied components/. */
function populate(dir: string): void {
    const example = path.join(REPO, "real-app-example");
    for (const file of ["Pulumi.yaml", "tsconfig.json"])
        fs.copyFileSync(path.join(example, file), path.join(dir, file));
    const program = fs.readFileSync(path.join(example, "index.ts"), "utf8");
    assert.match(program, /from "multi-container-pods";/);
    fs.writeFileSync(
        path.join(dir, "index.ts"),
        program.replace('from "multi-container-pods";', 'from "./components";'),
    );
    fs.cpSync(path.join(REPO, "components"), path.join(dir, "components"), { recursive: true });
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
}

/** Requests through the printed `kubectl port-forward`, all over one forward; retried while a new pod settles. */
async function throughForward<T>(env: NodeJS.ProcessEnv, line: string, requests: () => Promise<T>): Promise<T> {
    return eventually(async () => {
        const forward = new Background(line, { env });
        try {
            await forward.waitFor(/Forwarding from 127\.0\.0\.1:/);
            return await requests();
        } finally {
            await forward.stop();
        }
    }, 60000);
}

async function request(url: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: await response.text() };
}

describe("cluster: a team's own app wrapped end to end (real-app-example/)", function () {
    const cluster = requireCluster(this);
    let project: TestProject;
    let volumeDir: string;
    let outputs: Record<string, any>;

    before(async function () {
        const nodes = (await getJson(cluster(), ["nodes"])).items;
        const images = nodes.flatMap((n: any) => (n.status.images ?? []).flatMap((i: any) => i.names ?? []));
        if (!images.includes(NOTES_APP_IMAGE)) {
            console.log(`      skipped: no node has ${NOTES_APP_IMAGE} (npm run cluster:up imports it: images.sh)`);
            this.skip();
        }
        if (nodes.length !== 1 || nodes[0].metadata.name !== "mcp-node" || !fs.existsSync("/run/netns/mcp-node")) {
            console.log(
                "      skipped: needs the local cluster, whose node is this machine (it makes the volume's directory)",
            );
            this.skip();
        }
        // Left by an interrupted run.
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=true"]);
        await kubectl(cluster(), ["delete", "pv", VOLUME, "--ignore-not-found", "--wait=true"]);
        // The admin's part: a fresh directory, root's (0700: nobody else may enter), and the example's volume on it
        // for our claim. The pod's fsGroup is what lets the app's user write there: the kubelet hands it the group.
        volumeDir = fs.mkdtempSync(path.join(os.tmpdir(), "mcp-notes-data-"));
        const volume = parse(fs.readFileSync(path.join(REPO, "real-app-example", "local-volume.yaml"), "utf8"));
        volume.metadata.name = VOLUME;
        volume.spec.claimRef.namespace = NAMESPACE;
        volume.spec.local.path = volumeDir;
        const created = await run("kubectl", ["apply", "-f", "-"], { env: cluster().env, input: stringify(volume) });
        assert.equal(created.status, 0, created.stderr);

        project = new TestProject("realapp", cluster(), populate);
        await project.newStack("dev", { namespace: NAMESPACE, storageClassName: "" }, { apiKey: API_KEY });
    });

    after(async () => {
        await project?.dispose();
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=false"]);
        await kubectl(cluster(), ["delete", "pv", VOLUME, "--ignore-not-found", "--wait=true"]);
        if (volumeDir) fs.rmSync(volumeDir, { recursive: true, force: true });
    });

    it("pulumi up --yes deploys the app as a Deployment with its sidecar, and verifies it", async () => {
        const up = await project.pulumi(["up", "--yes"]);
        assert.match(up.stdout, /Resources:\s*\n\s*\+ \d+ created/);
        assert.match(up.stdout, /=== verified: deployment\/notes-app showed all \d+ pieces of evidence/);
        outputs = await project.outputs();
        assert.equal(outputs.workload, "deployment/notes-app");
        assert.deepEqual(Object.keys(outputs.logCommands), ["app", "metrics-exporter"]);
        const deployment = await getJson(cluster(), ["deployment", "notes-app", "-n", NAMESPACE]);
        const spec = deployment.spec.template.spec;
        assert.deepEqual(
            spec.containers.map((c: any) => [c.name, c.image]),
            [
                ["app", NOTES_APP_IMAGE],
                ["metrics-exporter", "nginx/nginx-prometheus-exporter:1.4.1"],
            ],
        );
        // The key reaches the pod by reference only.
        assert.deepEqual(spec.containers[0].env, [
            { name: "APP_API_KEY", valueFrom: { secretKeyRef: { name: "notes-app-api", key: "api-key" } } },
        ]);
        assert.deepEqual(
            spec.volumes.find((v: any) => v.name === "data"),
            { name: "data", persistentVolumeClaim: { claimName: "notes-data" } },
        );
        const claim = await getJson(cluster(), ["pvc", "notes-data", "-n", NAMESPACE]);
        assert.equal(claim.status.phase, "Bound");
        assert.equal(claim.spec.volumeName, VOLUME);
    });

    it("the printed `kubectl logs` commands show the app's and the sidecar's lines, and the verification captured them", async () => {
        assert.match(
            await runPrinted(cluster(), outputs.logCommands.app),
            /^notes-app: serving \/data on :8080 \(0 earlier starts\)$/m,
        );
        assert.match(await runPrinted(cluster(), outputs.logCommands["metrics-exporter"]), /nginx-prometheus-exporter/);
        const logs = (await project.outputs()).logs;
        assert.ok(
            logs.app.some((line: string) => line.startsWith("notes-app: serving /data")),
            logs.app.join("\n"),
        );
    });

    it("the API answers through the printed port-forward only with the key, and stores a note on the volume", async () => {
        const base = "http://localhost:8080";
        const answers = await throughForward(cluster().env, outputs.portForward, async () => ({
            health: await request(`${base}/healthz`),
            refused: await request(`${base}/api/notes/`),
            wrongKey: await request(`${base}/api/notes/`, { headers: { "X-Api-Key": "not-the-key" } }),
            stored: await request(`${base}/api/notes/first.txt`, {
                method: "PUT",
                headers: { "X-Api-Key": API_KEY },
                body: "buy milk\n",
            }),
            listed: await request(`${base}/api/notes/`, { headers: { "X-Api-Key": API_KEY } }),
        }));
        assert.deepEqual(answers.health, { status: 200, body: "ok\n" });
        assert.equal(answers.refused.status, 401);
        assert.equal(answers.wrongKey.status, 401);
        assert.equal(answers.stored.status, 201);
        assert.deepEqual(
            JSON.parse(answers.listed.body).map((n: any) => n.name),
            ["first.txt"],
        );
    });

    it("keeps the key out of the state, the outputs and the app's log in clear", async () => {
        const state = (await project.pulumi(["stack", "export"])).stdout;
        assert.ok(!state.includes(API_KEY), "the key is in `pulumi stack export` in clear");
        const printed = (await project.pulumi(["stack", "output", "--json"])).stdout;
        assert.ok(!printed.includes(API_KEY), "the key is in the stack's outputs");
        assert.ok(!JSON.stringify(outputs.description).includes(API_KEY));
        assert.ok(!(await runPrinted(cluster(), outputs.logCommands.app)).includes(API_KEY));
        assert.ok(!state.includes(Buffer.from(API_KEY).toString("base64")), "the key is in the state in base64");
        // It is there, encrypted: the Secret's inputs hold a Pulumi secret (its ciphertext).
        const secret = JSON.parse(state).deployment.resources.find((r: any) => r.type === "kubernetes:core/v1:Secret");
        assert.match(JSON.stringify(secret.inputs), /"ciphertext"/);
    });

    it("keeps the notes on the claim across a new pod", async () => {
        const before = await getJson(cluster(), ["pods", "-n", NAMESPACE, "-l", "app.kubernetes.io/name=notes-app"]);
        assert.equal(before.items.length, 1);
        const old = before.items[0].metadata.name;
        assert.equal((await kubectl(cluster(), ["delete", "pod", old, "-n", NAMESPACE, "--wait=true"])).status, 0);
        await eventually(async () => {
            const logs = await runPrinted(cluster(), outputs.logCommands.app);
            assert.match(logs, /^notes-app: serving \/data on :8080 \(1 earlier start\)$/m);
        }, 120000);
        const note = await throughForward(cluster().env, outputs.portForward, async () => {
            const answer = await request("http://localhost:8080/api/notes/first.txt", {
                headers: { "X-Api-Key": API_KEY },
            });
            if (answer.status !== 200) throw new Error(`${answer.status} ${answer.body}`);
            return answer.body;
        });
        assert.equal(note, "buy milk\n");
        assert.equal(fs.readFileSync(path.join(volumeDir, "notes", "first.txt"), "utf8"), "buy milk\n");
        assert.equal(fs.readFileSync(path.join(volumeDir, "boot.log"), "utf8").trim().split("\n").length, 2);
    });

    it("pulumi destroy --yes removes the Deployment, the claim, the Secret and the namespace", async () => {
        await project.pulumi(["destroy", "--yes"]);
        await eventually(
            async () => assert.equal(await getJson(cluster(), ["namespace", NAMESPACE]), undefined),
            120000,
        );
        // The admin's volume is released, its data kept (Retain): the test removes it in after().
        const volume = await getJson(cluster(), ["pv", VOLUME]);
        assert.equal(volume.status.phase, "Released");
    });
});
