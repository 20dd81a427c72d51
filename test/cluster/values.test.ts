import * as assert from "assert";
import { requireCluster } from "./support/cluster";
import { getJson, kubectl } from "./support/pods";
import { CommandLineWatch } from "./support/processes";
import { clearForms, clearFormsIn } from "./support/secrets";
import { copyTestProgram, TestProject } from "./support/stack";

// Values from other resources with the real CLI and providers (test/cluster/programs/values): a bare pod whose
// image is a Command's stdout made in the same update, and whose env holds a secret config value and a secret
// another Command draws. The preview shows the image unknown and `up` deploys it; the secrets reach the pod's env,
// on no command line and nowhere in the state in clear (no last-applied annotation holding them); an
// image known only during the update is checked then, and an untagged one fails the update naming the field.

const NAMESPACE = "mcp-test-values";
const POD = "values-pod";
const API_TOKEN = "values-token-8d2b6c41";
/** What kubectl's client-side apply (and the Kubernetes provider before 4.0) writes: the applied object. */
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

describe("cluster: values from other resources, secrets among them", function () {
    const cluster = requireCluster(this);
    let project: TestProject;
    let key: string;
    const ns = ["-n", NAMESPACE];
    const pod = () => getJson(cluster(), ["pod", POD, ...ns]);

    before(async function () {
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=true"]);
        assert.equal((await kubectl(cluster(), ["create", "namespace", NAMESPACE])).status, 0);
        project = new TestProject("values", cluster(), copyTestProgram("values"));
        await project.newStack("dev", { namespace: NAMESPACE }, { apiToken: API_TOKEN });
    });
    after(async () => {
        await project?.dispose();
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=false"]);
    });

    it("previews the pod with its image unknown: the Command that prints it runs only in the update", async () => {
        const preview = (await project.pulumi(["preview", "--diff"])).stdout;
        // The pod is registered; its containers hold a secret, so the diff shows them as [secret].
        assert.match(preview, /\+ kubernetes:core\/v1:Pod: \(create\)[\s\S]*containers\s*: \[secret\]/);
        // What the image makes is unknown: the `kubectl set image` command, the description printing it.
        assert.match(preview, /values-pod-images\]\n[^\n]*\n\s*create\s*: \[unknown\]/);
        assert.match(preview, /--outputs:--\n\s*description\s*: \[unknown\]/);
        assert.match(preview, /workloadName: "values-pod"/);
    });

    it("pulumi up deploys and verifies it, with no secret on any command line", async () => {
        const argvWatch = new CommandLineWatch(clearForms(API_TOKEN));
        const up = await project.pulumi(["up", "--yes"]);
        assert.deepEqual(await argvWatch.stop(), [], "the secret config value appeared on a command line");
        assert.match(up.stdout, new RegExp(`=== verified: pod ${POD}`));
        key = (await project.outputs(true)).key;
        assert.match(key, /^[0-9a-f]{24}$/);
        // The outputs stay in clear, and hold neither secret.
        const outputs = (await project.pulumi(["stack", "output", "--json"])).stdout;
        assert.equal(JSON.parse(outputs).workloadName, POD);
        assert.equal(JSON.parse(outputs).description.containers[0].image, "busybox:1.36.1");
        assert.deepEqual(clearFormsIn(outputs, [API_TOKEN, key]), []);
    });

    it("runs the image the Command printed, with both secrets in the app's env", async () => {
        const app = (await pod()).spec.containers.find((c: any) => c.name === "app");
        assert.equal(app.image, "busybox:1.36.1");
        assert.deepEqual(app.env, [
            { name: "API_TOKEN", value: API_TOKEN },
            { name: "SESSION_KEY", value: key },
        ]);
        const env = await kubectl(cluster(), ["exec", POD, ...ns, "-c", "app", "--", "env"]);
        assert.match(env.stdout, new RegExp(`^API_TOKEN=${API_TOKEN}$`, "m"));
        assert.match(env.stdout, new RegExp(`^SESSION_KEY=${key}$`, "m"));
    });

    it("keeps both secrets out of the state in clear, no last-applied annotation holding them", async () => {
        const state = (await project.pulumi(["stack", "export"])).stdout;
        assert.deepEqual(clearFormsIn(state, [API_TOKEN, key]), [], "a secret is in the state in clear");
        // They are there, encrypted. Provider 4.x writes no kubectl last-applied annotation (which held a copy of
        // the object in clear, on the object and in its outputs): not in the state, not on the live pod.
        const shown = (await project.pulumi(["stack", "export", "--show-secrets"])).stdout;
        for (const secret of [API_TOKEN, key]) assert.ok(shown.includes(secret), "the state holds it, encrypted");
        assert.ok(!shown.includes(LAST_APPLIED), "a last-applied annotation in the state");
        assert.equal((await pod()).metadata.annotations[LAST_APPLIED], undefined);
    });

    it("a second preview finds nothing to change", async () => {
        await project.pulumi(["preview", "--expect-no-changes"]);
    });

    it("an untagged image, known only during the update, fails it naming pod, container and field", async () => {
        const before = await pod();
        await project.pulumi(["config", "set", "image", "busybox"]);
        const up = await project.pulumi(["up", "--yes"], "fail");
        assert.match(
            up.stdout + up.stderr,
            /pod "values-pod", container "app", field containers\[0\]\.image: "busybox" has no tag/,
        );
        const after = await pod();
        assert.equal(after.metadata.uid, before.metadata.uid, "the pod was left alone");
        assert.equal(after.spec.containers[0].image, "busybox:1.36.1");
    });
});
