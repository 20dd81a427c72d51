import { strict as assert } from "assert";
import { MultiContainerPod } from "../../components/multiContainerPod";
import { buildVerifyScript, CREDENTIAL_ENV } from "../../components/verify/script";
import { initContainerExample } from "../../examples/init-container";
import { sidecarLoggingExample } from "../../examples/sidecar-logging";
import { sidecarSecurityExample } from "../../examples/sidecar-security";
import { promiseOf, recordResources, RegisteredResource } from "../support/mocks";

const COMPONENT = "multi-container-pods:pods:MultiContainerPod";
const settle = (component: MultiContainerPod) => promiseOf(component.pod.urn);
const byName = (resources: RegisteredResource[], name: string) => resources.find((r) => r.name === name)!;
const urnOf = (resources: RegisteredResource[], name: string) =>
    resources.length && `urn:pulumi:test::multi-container-pods::${urnPath(resources, name)}::${name}`;
function urnPath(resources: RegisteredResource[], name: string): string {
    const resource = byName(resources, name);
    return resource.type === COMPONENT ? COMPONENT : `${COMPONENT}$${resource.type}`;
}

describe("MultiContainerPod", () => {
    it("registers the pod under the component, delete-before-replace, with a three-part type token", async () => {
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
        assert.equal(pod.parent, urnOf(resources, "init-container-test"));
        assert.equal(pod.deleteBeforeReplace, true);
        assert.equal(pod.inputs.metadata.name, "init-container-test");
        assert.equal(pod.inputs.metadata.namespace, "default");
        assert.equal(component.logs, undefined);
    });

    it("runs the verification after the pod, re-run only when the pod is replaced", async () => {
        const resources = recordResources();
        const component = new MultiContainerPod("sidecar-container-test", {
            definition: sidecarLoggingExample,
            namespace: "demo",
            kubeContext: "kind-kind",
            verify: { tailLines: 5 },
        });
        assert.deepEqual(await promiseOf(component.logs!), {
            "main-container": ["log of main-container"],
            "sidecar-container": ["log of sidecar-container"],
        });
        const verify = byName(resources, "sidecar-container-test-verify");
        const pod = byName(resources, "sidecar-container-test-pod");
        assert.equal(verify.type, "command:local:Command");
        assert.equal(verify.parent, urnOf(resources, "sidecar-container-test"));
        assert.deepEqual(verify.dependencies, [
            `urn:pulumi:test::multi-container-pods::${COMPONENT}$kubernetes:core/v1:Pod::sidecar-container-test-pod`,
        ]);
        assert.deepEqual(verify.inputs.triggers, ["uid-of-sidecar-container-test"]);
        assert.equal(
            verify.inputs.create,
            buildVerifyScript(
                sidecarLoggingExample,
                { namespace: "demo", context: "kind-kind" },
                {
                    tailLines: 5,
                    waitTimeoutSeconds: 120,
                    attempts: 10,
                    retryDelaySeconds: 3,
                },
            ),
        );
        assert.equal(verify.inputs.environment, undefined);
        assert.equal(pod.inputs.metadata.namespace, "demo");
    });

    it("makes the security example's Secret from the password, which only reaches the script's environment", async () => {
        const resources = recordResources();
        const component = new MultiContainerPod("security-sidecar-test", {
            definition: sidecarSecurityExample,
            basicAuth: { user: "demo", password: "pw-123" },
        });
        await promiseOf(component.logs!);
        const secret = byName(resources, "security-sidecar-test-htpasswd");
        assert.equal(secret.type, "kubernetes:core/v1:Secret");
        assert.equal(secret.inputs.metadata.name, "security-sidecar-test-htpasswd");
        // The Kubernetes SDK marks stringData secret as a whole; the mock sees Pulumi's secret envelope.
        const SECRET_SIG = "4dabf18193072939515e22adb298388d";
        assert.equal(secret.inputs.stringData[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270");
        assert.match(secret.inputs.stringData.value.htpasswd, /^demo:\{SSHA\}[A-Za-z0-9+/=]+\n$/);
        assert.equal(secret.deleteBeforeReplace, true);
        const verify = byName(resources, "security-sidecar-test-verify");
        assert.deepEqual(verify.inputs.environment, {
            [CREDENTIAL_ENV.user]: "demo",
            [CREDENTIAL_ENV.password]: "pw-123",
        });
        assert.ok(!verify.inputs.create.includes("pw-123"));
        assert.ok(!JSON.stringify(component.description).includes("pw-123"));
        const service = byName(resources, "security-sidecar-test-service");
        assert.equal(service.deleteBeforeReplace, true);
        const pod = byName(resources, "security-sidecar-test-pod");
        assert.ok(pod.dependencies.some((urn) => urn.endsWith("::security-sidecar-test-htpasswd")));
        assert.ok(pod.dependencies.some((urn) => urn.endsWith("::security-sidecar-test-auth-proxy-config")));
    });

    it("refuses a bad definition before registering anything", () => {
        const resources = recordResources();
        assert.throws(
            () => new MultiContainerPod("bad", { definition: { ...initContainerExample, volumes: [] } }),
            /example "init-container-test", container "init-container", field initContainers\[0\]\.mounts\[0\]\.volume: "shared-data" is not a declared volume/,
        );
        assert.throws(
            () => new MultiContainerPod("no-credentials", { definition: sidecarSecurityExample }),
            /example "security-sidecar-test" needs basic-auth credentials/,
        );
        assert.deepEqual(resources, []);
    });
});
