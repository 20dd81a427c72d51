import { strict as assert } from "assert";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { configMapName } from "../../../components/build/volume";
import type { PodDefinition } from "../../../components/model";
import { MultiContainerPod } from "../../../components/resources/multiContainerPod";
import { withCheckedValues } from "../../../components/resources/values";
import { scriptOf } from "../../support/scriptCache";
import { defaultProviderClientSide, promiseOf, recordResources, RegisteredResource } from "../../support/mocks";

// Leaf values that come from other resources (images, env values, file contents, labels, annotations), under
// Pulumi's mocks: resolved into the objects exactly where a plain value would be, not checked while unknown at
// preview, checked once known, and a secret one secret wherever it goes and nowhere else.

const IMAGE = "busybox:1.36.1";
const SECRET = "s3cret-env-value";

/** A pod of the given leaf values: the structure is plain, each value may be an Input. */
function podOf(values: {
    image: pulumi.Input<string>;
    env: pulumi.Input<string>;
    file: pulumi.Input<string>;
    label: pulumi.Input<string>;
    annotation: pulumi.Input<string>;
}): PodDefinition {
    return {
        name: "values-test",
        labels: { team: values.label },
        annotations: { "example.com/build": values.annotation },
        volumes: [{ name: "config", configFiles: { files: { "app.conf": values.file } } }],
        containers: [
            {
                name: "app",
                image: values.image,
                command: ["sh", "-c", "cat /etc/app/app.conf; sleep 3600"],
                env: [{ name: "GREETING", value: values.env }],
                mounts: [{ volume: "config", path: "/etc/app", readOnly: true }],
            },
        ],
    };
}

const PLAIN = { image: IMAGE, env: "hello", file: "greeting = hello\n", label: "blue", annotation: "build-42" };

/** Another resource whose outputs carry the values: under the mocks its state is its inputs. */
function source(name: string, values: Record<string, string>) {
    return new k8s.core.v1.ConfigMap(name, { data: values });
}

/** The component's children of `type` (not the source resources a test registers beside it). */
const byType = (resources: RegisteredResource[], type: string) =>
    resources.filter((r) => r.type === type && r.name.startsWith("values-test"));
const single = (resources: RegisteredResource[], type: string) => {
    const found = byType(resources, type);
    assert.equal(found.length, 1, `one ${type} among ${resources.map((r) => r.type).join(", ")}`);
    return found[0];
};

async function deploy(def: PodDefinition) {
    const resources = recordResources();
    const component = new MultiContainerPod("values-test", { definition: def, namespace: "demo" });
    const [logs, description] = await Promise.all([promiseOf(component.logs!), promiseOf(component.description)]);
    return { resources, component, logs, description };
}

describe("MultiContainerPod with values from other resources", () => {
    defaultProviderClientSide("all");

    it("registers exactly the objects plain values give, once the other resource's outputs are known", async () => {
        const plain = await deploy(podOf(PLAIN));
        const resources = recordResources();
        const data = source("values-source", PLAIN).data;
        const from = (key: keyof typeof PLAIN) => data.apply((d) => d[key]);
        const component = new MultiContainerPod("values-test", {
            definition: podOf({
                image: from("image"),
                env: from("env"),
                file: from("file"),
                label: from("label"),
                annotation: from("annotation"),
            }),
            namespace: "demo",
        });
        const description = await promiseOf(component.description);
        await promiseOf(component.logs!);

        for (const type of ["kubernetes:core/v1:Pod", "kubernetes:core/v1:ConfigMap"]) {
            assert.deepEqual(single(resources, type).inputs, single(plain.resources, type).inputs, type);
        }
        const pod = single(resources, "kubernetes:core/v1:Pod").inputs;
        assert.equal(pod.spec.containers[0].image, IMAGE);
        assert.deepEqual(pod.spec.containers[0].env, [{ name: "GREETING", value: "hello" }]);
        assert.equal(pod.metadata.labels.team, "blue");
        assert.equal(pod.metadata.annotations["example.com/build"], "build-42");
        // The fixed-name ConfigMap is named after the content it got, and the pod mounts that name.
        const configMap = single(resources, "kubernetes:core/v1:ConfigMap").inputs;
        const expected = configMapName(podOf(PLAIN), podOf(PLAIN).volumes[0]);
        assert.equal(configMap.metadata.name, expected);
        assert.equal(pod.spec.volumes[0].configMap.name, expected);
        // The image set in place and the one the description prints are the output's value.
        const [setImage, verify] = byType(resources, "command:local:Command");
        assert.match(setImage.inputs.create, /kubectl set image pod\/values-test .*app=busybox:1\.36\.1/);
        assert.equal(description.containers[0].image, IMAGE);
        assert.deepEqual(description, plain.description);
        assert.ok(scriptOf(verify));
    });

    it("registers the pod at preview with values still unknown, unchecked until they are known", async () => {
        const registered: { type: string; inputs: any }[] = [];
        await pulumi.runtime.setMocks(
            {
                newResource(args) {
                    registered.push({ type: args.type, inputs: args.inputs });
                    // The other resource is being created: at preview none of its outputs is known.
                    const state = args.name === "later" ? {} : args.inputs;
                    return { id: `${args.name}-id`, state };
                },
                call: (args) => args.inputs,
            },
            "multi-container-pods",
            "test",
            true,
        );
        const later = new k8s.core.v1.ConfigMap("later", { data: { image: "not even an image:latest" } });
        const unknown = later.data.apply((d) => d.image);
        const component = new MultiContainerPod("values-test", {
            definition: podOf({ ...PLAIN, image: unknown, env: unknown, label: unknown }),
            namespace: "demo",
            verify: false,
        });
        await promiseOf(component.pod!.urn);
        const pod = registered.find((r) => r.type === "kubernetes:core/v1:Pod")!.inputs;
        // Unknown values reach the engine as unknowns, where the plain values sit beside them.
        const isUnknown = (value: unknown) => typeof value !== "string" && value !== undefined;
        assert.ok(isUnknown(pod.spec.containers[0].image), JSON.stringify(pod.spec.containers[0]));
        assert.ok(isUnknown(pod.spec.containers[0].env[0].value));
        assert.ok(isUnknown(pod.metadata.labels.team));
        assert.equal(pod.metadata.annotations["example.com/build"], "build-42");
        assert.equal(pod.spec.containers[0].name, "app");
    });

    it("checks a value when it is known, and fails with the validator's message naming pod, container and field", async () => {
        recordResources();
        const data = source("bad-source", { image: "busybox:latest", label: "not a label value!" }).data;
        const def = withCheckedValues(
            podOf({ ...PLAIN, image: data.apply((d) => d.image), label: data.apply((d) => d.label) }),
        );
        // The objects carry the checked outputs: these are what the pod's registration waits for.
        await assert.rejects(
            settled(def.containers[0].image),
            /pod "values-test", container "app", field containers\[0\]\.image: "busybox:latest" uses the moving tag "latest"/,
        );
        await assert.rejects(
            settled(def.labels!.team),
            /pod "values-test", field labels\["team"\]: label value "not a label value!"/,
        );
        // The plain ones are left as they are: validated before anything was registered.
        assert.equal(def.annotations!["example.com/build"], "build-42");
    });

    it("still refuses a bad plain value before registering anything", () => {
        const resources = recordResources();
        assert.throws(
            () => new MultiContainerPod("values-test", { definition: podOf({ ...PLAIN, image: "busybox" }) }),
            /containers\[0\]\.image: "busybox" has no tag/,
        );
        assert.deepEqual(resources, []);
    });

    describe("a secret env value", () => {
        let run: Awaited<ReturnType<typeof deploy>>;
        before(async () => {
            run = await deploy(podOf({ ...PLAIN, env: pulumi.secret(SECRET) }));
        });

        it("reaches the engine as a secret in the pod's spec, with its value where a plain one would be", () => {
            const pod = single(run.resources, "kubernetes:core/v1:Pod");
            assert.equal(pod.inputs.spec.containers[0].env[0].value, SECRET);
            const where = "spec.containers[0].env[0].value";
            assert.ok(
                pod.secrets.some((path) => where.startsWith(path)),
                `${where} is not inside a secret: ${pod.secrets}`,
            );
        });

        it("is in no other resource's inputs, and never in the verification's or the image update's command", () => {
            const others = run.resources.filter((r) => r.type !== "kubernetes:core/v1:Pod");
            for (const resource of others) {
                assert.ok(!JSON.stringify(resource.inputs).includes(SECRET), `${resource.name} holds the secret`);
            }
            for (const command of byType(run.resources, "command:local:Command")) {
                assert.deepEqual(command.secrets, [], `${command.name}: nothing secret reaches it`);
            }
        });

        it("keeps the Commands' triggers in clear when the provider returns the pod's metadata secret", async () => {
            // The real provider does: a secret unknown at preview (the uid) would then fail the Command there.
            const resources = recordResources({ secretOutputs: true });
            const component = new MultiContainerPod("values-test", {
                definition: podOf({ ...PLAIN, env: pulumi.secret(SECRET) }),
                namespace: "demo",
            });
            await promiseOf(component.logs!);
            assert.equal(await pulumi.isSecret(component.pod!.metadata), true, "the mocks return it secret");
            const commands = byType(resources, "command:local:Command");
            assert.deepEqual(
                commands.map((c) => c.name),
                ["values-test-images", "values-test-verify"],
            );
            for (const command of commands) {
                assert.deepEqual(command.secrets, [], `${command.name}: nothing secret reaches it`);
                assert.equal(command.inputs.triggers[0], "uid-of-values-test", `${command.name}: the pod's uid`);
            }
        });

        it("leaves the outputs in clear: description, workload name and logs", async () => {
            const { component } = run;
            const outputs: pulumi.Output<unknown>[] = [component.description, component.workloadName, component.logs!];
            for (const output of outputs) {
                assert.equal(await pulumi.isSecret(output), false);
            }
            assert.equal(run.description.name, "values-test");
            assert.ok(!JSON.stringify(run.description).includes(SECRET));
            assert.ok(!JSON.stringify(run.logs).includes(SECRET));
        });
    });
});

/**
 * An Output's eventual value, or its error: the SDK's own promise of it (apply never sees a failed one). Used
 * only to read the error a value check throws, which the engine would report for the pod.
 */
function settled(value: pulumi.Input<string> | undefined): Promise<unknown> {
    return (value as unknown as { promise(): Promise<unknown> }).promise();
}
