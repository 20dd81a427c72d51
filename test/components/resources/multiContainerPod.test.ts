import { strict as assert } from "assert";
import bcrypt from "bcryptjs";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { htpasswdLine } from "../../../components/build/basicAuth";
import type { PodDefinition } from "../../../components/model";
import { MultiContainerPod } from "../../../components/resources/multiContainerPod";
import { credentialsInput } from "../../../components/verify/script";
import { VERIFY_COMMAND } from "../../../components/verify/scriptStore";
import { scriptOf } from "../../support/scriptCache";
import { initContainerExample } from "../../../examples/init-container";
import { sidecarLoggingExample } from "../../../examples/sidecar-logging";
import { sidecarSecurityExample } from "../../../examples/sidecar-security";
import { runWithFakeKubectl } from "../../support/fakeKubectl";
import { POD_SHAPE_ANNOTATION } from "../../../components/build/podShape";
import {
    defaultProviderClientSide,
    FAKE_RANDOM_HEX,
    promiseOf,
    recordResources,
    RegisteredResource,
} from "../../support/mocks";

const COMPONENT = "multi-container-pods:index:MultiContainerPod";
const SALT_HEX = "0123456789abcdef";
const settle = (component: MultiContainerPod) => promiseOf(component.pod!.urn);
const byName = (resources: RegisteredResource[], name: string) => {
    const found = resources.find((r) => r.name === name);
    assert.ok(found, `no resource named ${name} among ${resources.map((r) => r.name).join(", ")}`);
    return found;
};
const lastPart = (urn: string) => urn.split("::").pop();

/** The user file's bcrypt entry checks out for `password`. */
function verifiesPassword(htpasswd: string, user: string, password: string): boolean {
    const match = new RegExp(`^${user}:(\\$2b\\$\\d\\d\\$[./A-Za-z0-9]{53})\\n$`).exec(htpasswd);
    return match !== null && bcrypt.compareSync(password, match[1]);
}

async function deploySecurity(password: string) {
    const resources = recordResources();
    const component = new MultiContainerPod("security-sidecar-test", {
        definition: sidecarSecurityExample,
        namespace: "demo",
        basicAuth: { user: "demo", password, saltHex: SALT_HEX },
    });
    await promiseOf(component.logs!);
    return resources;
}

describe("MultiContainerPod", () => {
    defaultProviderClientSide();

    it("registers the pod under the component, replaced (old one deleted first) on any spec change", async () => {
        const resources = recordResources();
        const component = new MultiContainerPod("init-container-test", {
            definition: initContainerExample,
            verify: false,
        });
        await settle(component);
        assert.deepEqual(
            resources.map((r) => [r.type, r.name]),
            [
                [COMPONENT, "init-container-test"],
                ["kubernetes:core/v1:Pod", "init-container-test-pod"],
            ],
        );
        const pod = byName(resources, "init-container-test-pod");
        assert.equal(pod.parent, `urn:pulumi:test::multi-container-pods::${COMPONENT}::init-container-test`);
        assert.equal(pod.deleteBeforeReplace, true);
        assert.deepEqual(pod.replaceOnChanges, ["spec"]);
        assert.equal(pod.inputs.metadata.name, "init-container-test");
        assert.equal(pod.inputs.metadata.namespace, "default");
        assert.equal(component.logs, undefined);
    });

    it("labels every object with the stack's instance (default <project>-<stack>) and managed-by pulumi", async () => {
        const resources = recordResources();
        await promiseOf(
            new MultiContainerPod("proxy", {
                definition: sidecarSecurityExample,
                verify: false,
                basicAuth: CREDS,
                collisionHints: true,
            }).pod!.urn,
        );
        const objects = resources.filter((r) => r.type.startsWith("kubernetes:"));
        assert.deepEqual(objects.map((r) => r.type).sort(), [
            "kubernetes:core/v1:ConfigMap",
            "kubernetes:core/v1:Pod",
            "kubernetes:core/v1:Secret",
            "kubernetes:core/v1:Service",
        ]);
        for (const object of objects) {
            assert.equal(object.inputs.metadata.labels["app.kubernetes.io/instance"], "multi-container-pods-test");
            assert.equal(object.inputs.metadata.labels["app.kubernetes.io/managed-by"], "pulumi");
            assert.equal(object.inputs.metadata.labels["app.kubernetes.io/name"], "security-sidecar-test");
        }
        // Every object says which resource made it, and a failed create of any of them (an interrupted update
        // of this stack may have left one behind, the kubectl flow or another stack may hold the name) goes to
        // the collision hook.
        for (const object of objects) {
            assert.deepEqual(object.errorHooks, ["proxy-already-exists"], object.name);
            assert.equal(
                object.inputs.metadata.annotations["multi-container-pods.pulumi.com/owner"],
                `urn:pulumi:test::multi-container-pods::${COMPONENT}::proxy`,
                object.name,
            );
        }
        const service = objects.find((r) => r.type === "kubernetes:core/v1:Service")!;
        assert.deepEqual(service.inputs.spec.selector, {
            "app.kubernetes.io/name": "security-sidecar-test",
            "app.kubernetes.io/instance": "multi-container-pods-test",
        });
        assert.equal(service.inputs.spec.ports[0].targetPort, 8081);
    });

    it("verifies after the pod with a one-line command whose script (in its environment) checks this pod", async () => {
        const resources = recordResources();
        const component = new MultiContainerPod("sidecar-container-test", {
            definition: sidecarLoggingExample,
            namespace: "demo",
            kubeContext: "kind-kind",
            verifyOptions: { tailLines: 5, attempts: 1 },
        });
        const handled = "main-container handled request";
        assert.deepEqual(await promiseOf(component.logs!), {
            "main-container": ["log of main-container", `evidence: ${handled}`, `relayed: ${handled}`],
            "sidecar-container": ["log of sidecar-container", `relayed: ${handled}`],
        });
        const verify = byName(resources, "sidecar-container-test-verify");
        assert.equal(verify.type, "command:local:Command");
        assert.equal(verify.parent, `urn:pulumi:test::multi-container-pods::${COMPONENT}::sidecar-container-test`);
        // After the pod and the images set in place; again for a new pod, a new generation, new images.
        assert.deepEqual(verify.dependencies.map(lastPart), [
            "sidecar-container-test-pod",
            "sidecar-container-test-images",
        ]);
        const images = byName(resources, "sidecar-container-test-images");
        assert.deepEqual(verify.inputs.triggers, ["uid-of-sidecar-container-test", null, images.inputs.create]);
        assert.equal(verify.inputs.create, VERIFY_COMMAND);
        assert.deepEqual(verify.inputs.interpreter, ["/bin/sh", "-c"]);
        assert.equal(verify.inputs.stdin, undefined);

        // What the registered script does: the pod's namespace, context and tail length, on a fake kubectl.
        const line = "2026-11-24T10:00:01Z main-container handled request 1";
        const run = runWithFakeKubectl(scriptOf(verify), {
            logs: { "main-container": line, "sidecar-container": line },
            uid: "uid-of-sidecar-container-test",
        });
        assert.equal(run.status, 0, run.stderr);
        // After the wait, every container's log in one call.
        assert.deepEqual(
            run.calls.find((call) => call.includes("logs")),
            [
                "-n",
                "demo",
                "--context",
                "kind-kind",
                "logs",
                "sidecar-container-test",
                "--all-containers=true",
                "--prefix=true",
                "--ignore-errors=true",
                "--tail=5",
                "--request-timeout=20s",
            ],
        );
    });

    describe("the security example's Secret", () => {
        it("holds a bcrypt user file of the password with the given salt, as a secret", async () => {
            const resources = await deploySecurity("pw-123");
            const secret = resources.find((r) => r.type === "kubernetes:core/v1:Secret")!;
            assert.ok(verifiesPassword(secret.inputs.stringData.htpasswd, "demo", "pw-123"));
            assert.ok(!verifiesPassword(secret.inputs.stringData.htpasswd, "demo", "pw-124"));
            assert.equal(
                secret.inputs.stringData.htpasswd,
                htpasswdLine("demo", "pw-123", Buffer.from(SALT_HEX, "hex")),
                "salted with the given salt",
            );
            assert.ok(secret.secrets.some((at) => at === "stringData" || at === "stringData.htpasswd"));
        });

        it("is named after its content, so a new password replaces the pod that mounts it", async () => {
            const names = [];
            const shapes = [];
            for (const password of ["pw-123", "pw-456"]) {
                const resources = await deploySecurity(password);
                const secret = resources.find((r) => r.type === "kubernetes:core/v1:Secret")!;
                const pod = resources.find((r) => r.type === "kubernetes:core/v1:Pod")!;
                assert.match(secret.inputs.metadata.name, /^security-sidecar-test-htpasswd-[0-9a-f]{8}$/);
                assert.deepEqual(
                    pod.inputs.spec.volumes.find((v: any) => v.name === "htpasswd"),
                    { name: "htpasswd", secret: { secretName: secret.inputs.metadata.name } },
                );
                // Replaced when anything but an image changes: the pod's shape, in an annotation.
                assert.deepEqual(pod.replaceOnChanges, [`metadata.annotations["${POD_SHAPE_ANNOTATION}"]`]);
                assert.equal(secret.deleteBeforeReplace, false, "the new Secret is made before the old one goes");
                names.push(secret.inputs.metadata.name);
                shapes.push(pod.inputs.metadata.annotations[POD_SHAPE_ANNOTATION]);
            }
            assert.notEqual(names[0], names[1]);
            assert.notEqual(shapes[0], shapes[1], "a new Secret name is a new shape: the pod is replaced");
        });

        it("reaches verification only as a secret on standard input, never in its command or environment", async () => {
            const resources = await deploySecurity("pw-123");
            const verify = byName(resources, "security-sidecar-test-verify");
            assert.equal(verify.inputs.stdin, credentialsInput("demo", "pw-123"));
            assert.ok(verify.secrets.includes("stdin"));
            assert.ok(!JSON.stringify([verify.inputs.create, verify.inputs.environment]).includes("pw-123"));
            const base64 = Buffer.from("demo:pw-123").toString("base64");
            assert.ok(!JSON.stringify([verify.inputs.create, verify.inputs.environment]).includes(base64));
        });
    });

    it("creates ConfigMaps before the pod, without delete-before-replace (their names change with content)", async () => {
        const resources = await deploySecurity("pw");
        const configMap = resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap")!;
        assert.match(configMap.inputs.metadata.name, /^security-sidecar-test-auth-proxy-config-[0-9a-f]{8}$/);
        assert.equal(configMap.deleteBeforeReplace, false);
        const pod = byName(resources, "security-sidecar-test-pod");
        assert.ok(pod.dependencies.some((urn) => urn.endsWith("::security-sidecar-test-auth-proxy-config")));
        assert.ok(pod.dependencies.some((urn) => urn.endsWith("::security-sidecar-test-htpasswd")));
        const service = byName(resources, "security-sidecar-test-service");
        assert.equal(service.deleteBeforeReplace, true, "fixed name");
        assert.deepEqual(service.dependencies, [], "the Service waits for nothing");
    });

    it("binds no error hook unless asked (Pulumi's mocks in a consumer's tests cannot register one)", async () => {
        const resources = recordResources();
        await settle(new MultiContainerPod("plain", { definition: initContainerExample, verify: false }));
        assert.deepEqual(
            resources.map((r) => r.errorHooks),
            [[], []],
        );
    });

    it("makes every child wait for what the component depends on (a namespace created beside it)", async () => {
        const resources = recordResources();
        const namespace = new k8s.core.v1.Namespace("namespace", { metadata: { name: "demo" } });
        await promiseOf(
            new MultiContainerPod(
                "security-sidecar-test",
                { definition: sidecarSecurityExample, namespace: "demo", basicAuth: CREDS },
                { dependsOn: [namespace] },
            ).logs!,
        );
        const children = resources.filter((r) => r.type.startsWith("kubernetes:core/v1:") && r.name !== "namespace");
        assert.equal(children.length, 4);
        for (const child of children) {
            assert.ok(child.dependencies.map(lastPart).includes("namespace"), `${child.name} waits for the namespace`);
        }
    });

    for (const [form, wrap] of [
        ["an Output of a list", (r: pulumi.Resource) => pulumi.output([r])],
        ["an Output of one resource", (r: pulumi.Resource) => pulumi.output(r)],
        ["a Promise of a list", (r: pulumi.Resource) => Promise.resolve([r])],
    ] as const) {
        it(`accepts opts.dependsOn as ${form} (Pulumi's Input<Resource[]>), and every child waits for it`, async () => {
            const resources = recordResources();
            const namespace = new k8s.core.v1.Namespace("namespace", { metadata: { name: "demo" } });
            const component = new MultiContainerPod(
                "sidecar-container-test",
                { definition: sidecarLoggingExample, namespace: "demo", verify: false },
                { dependsOn: wrap(namespace) as pulumi.Input<pulumi.Resource[]> },
            );
            await settle(component);
            const pod = byName(resources, "sidecar-container-test-pod");
            assert.ok(pod.dependencies.map(lastPart).includes("namespace"), "the pod waits for the namespace");
        });
    }

    it("deploys a pod of just a name, volumes and containers, and describes it with no pattern or summary", async () => {
        const resources = recordResources();
        const definition: PodDefinition = {
            name: "minimal",
            volumes: [{ name: "shared", emptyDir: {} }],
            initContainers: [{ name: "prepare", image: "busybox:1.36.1", mounts: [{ volume: "shared", path: "/s" }] }],
            containers: [{ name: "app", image: "busybox:1.36.1", mounts: [{ volume: "shared", path: "/s" }] }],
        };
        const component = new MultiContainerPod("minimal", { definition });
        await promiseOf(component.logs!);
        const description = await promiseOf(component.description);
        assert.deepEqual(
            resources.map((r) => [r.type, r.name]),
            [
                [COMPONENT, "minimal"],
                ["kubernetes:core/v1:Pod", "minimal-pod"],
                ["command:local:Command", "minimal-images"],
                ["command:local:Command", "minimal-verify"],
            ],
        );
        const pod = byName(resources, "minimal-pod");
        assert.deepEqual(pod.inputs.spec.volumes, [{ name: "shared", emptyDir: {} }]);
        assert.ok(!("app.kubernetes.io/component" in pod.inputs.metadata.labels));
        assert.deepEqual(description, {
            name: "minimal",
            namespace: "default",
            containers: [
                {
                    name: "prepare",
                    role: "init",
                    image: "busybox:1.36.1",
                    logs: "kubectl logs minimal -n default -c prepare",
                },
                { name: "app", role: "app", image: "busybox:1.36.1", logs: "kubectl logs minimal -n default -c app" },
            ],
            get: "kubectl get pod minimal -n default",
            kind: "Pod",
            describe: "kubectl describe pod minimal -n default",
        });
        assert.deepEqual([component.configMaps, component.secrets, component.service], [[], [], undefined]);
    });

    it("takes its namespace from another resource's output, into every object, command and the verification", async () => {
        const resources = recordResources();
        const namespace = new k8s.core.v1.Namespace("team", { metadata: { name: "team-a" } });
        const component = new MultiContainerPod("sidecar-container-test", {
            definition: sidecarLoggingExample,
            namespace: namespace.metadata.name,
            verifyOptions: { attempts: 1 },
        });
        const description = await promiseOf(component.description);
        await promiseOf(component.logs!);
        assert.equal(byName(resources, "sidecar-container-test-pod").inputs.metadata.namespace, "team-a");
        assert.equal(description.namespace, "team-a");
        assert.ok(description.containers.every((c) => c.logs.includes(" -n team-a ")));
        const script = scriptOf(byName(resources, "sidecar-container-test-verify"));
        const run = runWithFakeKubectl(script, { logs: {} });
        assert.deepEqual(run.calls[0].slice(0, 2), ["-n", "team-a"]);
    });

    it("hands a kubeconfig given as content to verification and image updates only as a secret, never in a command", async () => {
        const resources = recordResources();
        const content = "apiVersion: v1\nkind: Config\nusers: [{name: u, user: {token: not-in-clear}}]\n";
        const component = new MultiContainerPod("sidecar-container-test", {
            definition: sidecarLoggingExample,
            kubeconfigContent: content,
        });
        await promiseOf(component.logs!);
        for (const name of ["sidecar-container-test-verify", "sidecar-container-test-images"]) {
            const command = byName(resources, name);
            assert.equal(command.inputs.environment.MCP_KUBECONFIG, content);
            assert.ok(
                command.secrets.some((at) => at === "environment" || at === "environment.MCP_KUBECONFIG"),
                `${name}: secret at ${command.secrets}`,
            );
            assert.ok(!JSON.stringify([command.inputs.create, command.inputs.update]).includes("not-in-clear"));
        }
        for (const resource of resources.filter((r) => !r.name.endsWith("-verify") && !r.name.endsWith("-images"))) {
            assert.ok(!JSON.stringify(resource.inputs).includes("not-in-clear"), resource.name);
        }
    });

    it("exposes what it created: the pod, its ConfigMap, Secret and Service", async () => {
        const resources = recordResources();
        const component = new MultiContainerPod("security-sidecar-test", {
            definition: sidecarSecurityExample,
            basicAuth: CREDS,
            verify: false,
        });
        const urns = await promiseOf(
            pulumi.all(
                [component.pod!, ...component.configMaps, ...component.secrets, component.service!].map((r) => r.urn),
            ),
        );
        assert.deepEqual(urns.map(lastPart), [
            "security-sidecar-test-pod",
            "security-sidecar-test-auth-proxy-config",
            "security-sidecar-test-htpasswd",
            "security-sidecar-test-service",
        ]);
        assert.equal(resources.filter((r) => r.type.startsWith("kubernetes:")).length, urns.length);
    });

    it("draws the salt itself, once, when the credentials bring none", async () => {
        const resources = recordResources();
        const component = new MultiContainerPod("security-sidecar-test", {
            definition: sidecarSecurityExample,
            // As the component package host hands them over: one output holding the whole object.
            basicAuth: pulumi.output({ user: "demo", password: pulumi.secret("pw-123") }),
            verify: false,
        });
        await settle(component);
        const salt = byName(resources, "security-sidecar-test-basic-auth-salt");
        assert.equal(salt.type, "command:local:Command");
        assert.equal(salt.parent, `urn:pulumi:test::multi-container-pods::${COMPONENT}::security-sidecar-test`);
        const htpasswd = resources.find((r) => r.type === "kubernetes:core/v1:Secret")!.inputs.stringData.htpasswd;
        assert.ok(verifiesPassword(htpasswd, "demo", "pw-123"));
        assert.equal(htpasswd, htpasswdLine("demo", "pw-123", Buffer.from(FAKE_RANDOM_HEX.slice(32), "hex")));
    });

    it("answers to its type token from before it was a package, so earlier stacks keep their pods", async () => {
        const resources = recordResources();
        await settle(new MultiContainerPod("plain", { definition: initContainerExample, verify: false }));
        assert.deepEqual(byName(resources, "plain").aliasTypes, ["multi-container-pods:pods:MultiContainerPod"]);
    });

    it("refuses a bad definition before registering anything", () => {
        const resources = recordResources();
        assert.throws(
            () => new MultiContainerPod("bad", { definition: { ...initContainerExample, volumes: [] } }),
            /pod "init-container-test", container "init-container", field initContainers\[0\]\.mounts\[0\]\.volume: "shared-data" is not a declared volume/,
        );
        assert.throws(
            () => new MultiContainerPod("no-credentials", { definition: sidecarSecurityExample }),
            /pod "security-sidecar-test" needs basic-auth credentials/,
        );
        // Arguments as a YAML program may pass them, unchecked by any type system.
        const unchecked = (args: Record<string, unknown>) => ({ definition: initContainerExample, ...args }) as never;
        assert.throws(
            () => new MultiContainerPod("yaml", unchecked({ sidecarMode: "Native" })),
            /^Error: MultiContainerPod yaml: invalid argument: sidecarMode: "Native" must be one of "classic", "native"/,
        );
        assert.throws(
            () => new MultiContainerPod("tail", unchecked({ verifyOptions: { tailLines: 0 } })),
            /MultiContainerPod tail: invalid argument: verifyOptions\.tailLines: 0 must be a whole number from 1/,
        );
        assert.throws(
            () => new MultiContainerPod("label", unchecked({ instance: "my stack!" })),
            /MultiContainerPod label: invalid argument: instance: label value "my stack!"/,
        );
        assert.deepEqual(resources, []);
    });
});

const CREDS = { user: "demo", password: "pw", saltHex: SALT_HEX };
