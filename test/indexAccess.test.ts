import { strict as assert } from "assert";
import * as os from "os";
import * as path from "path";
import { scriptOf } from "./support/scriptCache";
import { RegisteredResource, runProgram } from "./support/mocks";

// Where the program deploys: namespace (created or existing), kubeconfig and context, and the labels that
// tie every object to its stack.

const ofType = (resources: RegisteredResource[], type: string) => resources.filter((r) => r.type === type);
const lastPart = (urn: string) => urn.split("::").pop();
const ONE = { examples: "init-container-test" };

describe("the program: namespace, kubeconfig, context and labels", () => {
    it("creates a namespace other than default, labelled restricted, and every object waits for it", async () => {
        const { resources, outputs } = await runProgram({ ...ONE, namespace: "patterns" });
        const [ns] = ofType(resources, "kubernetes:core/v1:Namespace");
        assert.deepEqual(ns.inputs.metadata, {
            name: "patterns",
            labels: {
                "app.kubernetes.io/name": "multi-container-pods",
                "app.kubernetes.io/part-of": "multi-container-pods",
                "app.kubernetes.io/instance": "multi-container-pods-test",
                "app.kubernetes.io/managed-by": "pulumi",
                "pod-security.kubernetes.io/enforce": "restricted",
                "pod-security.kubernetes.io/audit": "restricted",
                "pod-security.kubernetes.io/warn": "restricted",
            },
            // Its own URN: a namespace an interrupted `up` created but never recorded is recognised as this stack's.
            annotations: {
                "multi-container-pods.pulumi.com/owner":
                    "urn:pulumi:test::multi-container-pods::kubernetes:core/v1:Namespace::namespace",
            },
        });
        assert.deepEqual(ns.errorHooks, ["namespace-already-exists"], "an existing namespace gets the hint");
        const [pod] = ofType(resources, "kubernetes:core/v1:Pod");
        assert.equal(
            pod.inputs.metadata.annotations["multi-container-pods.pulumi.com/owner"],
            "urn:pulumi:test::multi-container-pods::multi-container-pods:index:MultiContainerPod::init-container-test",
        );
        assert.equal(pod.inputs.metadata.namespace, "patterns");
        assert.ok(pod.dependencies.map(lastPart).includes("namespace"), "the pod waits for its namespace");
        assert.equal(outputs.namespace, "patterns");
    });

    it("uses an existing namespace, creating nothing, with createNamespace false; never creates default", async () => {
        const existing = await runProgram({ ...ONE, namespace: "team-a", createNamespace: "false" });
        assert.deepEqual(ofType(existing.resources, "kubernetes:core/v1:Namespace"), []);
        assert.equal(ofType(existing.resources, "kubernetes:core/v1:Pod")[0].inputs.metadata.namespace, "team-a");
        const standard = await runProgram({ ...ONE, createNamespace: "true" });
        assert.deepEqual(ofType(standard.resources, "kubernetes:core/v1:Namespace"), []);
    });

    it("gives the provider, the printed commands and verification one kubeconfig and context", async () => {
        const { resources, outputs } = await runProgram({
            ...ONE,
            namespace: "patterns",
            kubeContext: "kind-patterns",
            kubeconfig: "/tmp/kube config",
        });
        const [provider] = ofType(resources, "pulumi:providers:kubernetes");
        assert.equal(provider.inputs.context, "kind-patterns");
        // Client-side apply: creating over an existing object fails instead of adopting it.
        assert.equal(provider.inputs.enableServerSideApply, "false");
        assert.equal(provider.inputs.kubeconfig, "/tmp/kube config");
        assert.match(ofType(resources, "kubernetes:core/v1:Pod")[0].provider ?? "", /pulumi:providers:kubernetes::/);
        const flags = "--context kind-patterns --kubeconfig '/tmp/kube config'";
        assert.deepEqual(outputs.logCommands, [
            `kubectl logs init-container-test -n patterns -c init-container ${flags}`,
            `kubectl logs init-container-test -n patterns -c displayer-container ${flags}`,
        ]);
        assert.equal(
            (outputs.pods as any)["init-container-test"].get,
            `kubectl get pod init-container-test -n patterns ${flags}`,
        );
        const verify = ofType(resources, "command:local:Command").find((c) => c.name.endsWith("-verify"))!;
        assert.match(
            scriptOf(verify),
            /kubectl '-n' 'patterns' '--context' 'kind-patterns' '--kubeconfig' '\/tmp\/kube config'/,
        );
    });

    it("expands ~ in the kubeconfig path as the provider does, and makes a relative one absolute", async () => {
        const home = os.userInfo().homedir;
        const tilde = await runProgram({ ...ONE, kubeconfig: "~/.kube/other" });
        const [provider] = ofType(tilde.resources, "pulumi:providers:kubernetes");
        assert.equal(provider.inputs.kubeconfig, path.join(home, ".kube/other"));
        assert.equal(
            (tilde.outputs.logCommands as string[])[0],
            `kubectl logs init-container-test -n default -c init-container --kubeconfig ${path.join(home, ".kube/other")}`,
        );
        const relative = await runProgram({ ...ONE, kubeconfig: "kubeconfig.yaml" });
        assert.equal(
            ofType(relative.resources, "pulumi:providers:kubernetes")[0].inputs.kubeconfig,
            path.join(process.cwd(), "kubeconfig.yaml"),
        );
    });

    it("labels every object with the stack's instance; Services select on name and instance", async () => {
        const { resources } = await runProgram({});
        const objects = resources.filter((r) => r.type.startsWith("kubernetes:core/v1:"));
        const workloads = resources.filter((r) => /^kubernetes:(apps|batch)\/v1:/.test(r.type));
        assert.equal(objects.length, 14, "5 pods, 4 ConfigMaps, 1 Secret, 4 Services");
        assert.equal(workloads.length, 2, "a Job and a Deployment");
        objects.push(...workloads);
        for (const object of objects) {
            assert.equal(object.inputs.metadata.labels["app.kubernetes.io/instance"], "multi-container-pods-test");
            assert.equal(object.inputs.metadata.labels["app.kubernetes.io/managed-by"], "pulumi");
        }
        for (const service of ofType(resources, "kubernetes:core/v1:Service")) {
            assert.deepEqual(Object.keys(service.inputs.spec.selector).sort(), [
                "app.kubernetes.io/instance",
                "app.kubernetes.io/name",
            ]);
        }
    });
});
