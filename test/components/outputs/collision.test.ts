import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { alreadyExistsHint } from "../../../components/outputs/collision";
import { collisionHook } from "../../../components/resources/collisionHook";
import { recordResources } from "../../support/mocks";

// The provider's error when a create meets an object of the same name (client-side apply: a plain create).
const EXISTS = (kind: string, name: string) =>
    `resource "urn:pulumi:dev::multi-container-pods::x" was not successfully created by the Kubernetes API server: ${kind} "${name}" already exists`;

describe("alreadyExistsHint", () => {
    it("names the object and the fix, another namespace, when a pod, Service or ConfigMap exists already", () => {
        assert.equal(
            alreadyExistsHint(
                "kubernetes:core/v1:Pod",
                { metadata: { name: "sidecar-container-test", namespace: "team-a" } },
                [EXISTS("pods", "sidecar-container-test")],
            ),
            "Pod sidecar-container-test already exists in namespace team-a, and this stack did not create it: it was applied with kubectl from examples/*.yaml, or another stack deployed it. Deploy this stack into another namespace: `pulumi config set namespace <name>` (the program creates it).",
        );
        assert.match(
            alreadyExistsHint("kubernetes:core/v1:Service", { metadata: { name: "proxy-sidecar-test" } }, [
                EXISTS("services", "proxy-sidecar-test"),
            ]) ?? "",
            /^Service proxy-sidecar-test already exists in namespace default,/,
        );
    });

    it("offers createNamespace false when the namespace to create exists already", () => {
        assert.match(
            alreadyExistsHint("kubernetes:core/v1:Namespace", { metadata: { name: "team-a" } }, [
                EXISTS("namespaces", "team-a"),
            ]) ?? "",
            /^namespace team-a already exists, .*`pulumi config set createNamespace false`/,
        );
    });

    it("says nothing about other failures", () => {
        assert.equal(
            alreadyExistsHint("kubernetes:core/v1:Pod", { metadata: { name: "p" } }, ['Pod "p" is invalid']),
            undefined,
        );
    });
});

describe("collisionHook", () => {
    const logged: string[] = [];
    const original = pulumi.log.error;
    before(() => {
        recordResources(); // an ErrorHook registers itself with the engine: here, the mocks
        (pulumi.log as { error: typeof pulumi.log.error }).error = async (message: string) => {
            logged.push(message);
        };
    });
    after(() => {
        (pulumi.log as { error: typeof pulumi.log.error }).error = original;
    });

    const args = (failedOperation: string, errors: string[]) => ({
        urn: "urn",
        id: "",
        name: "p-pod",
        type: "kubernetes:core/v1:Pod",
        newInputs: { metadata: { name: "p", namespace: "default" } },
        failedOperation,
        errors,
    });

    it("prints the hint for a failed create of an existing object, and never retries", async () => {
        logged.length = 0;
        const hook = collisionHook("hint-test");
        assert.equal(hook.name, "hint-test-already-exists");
        assert.equal(await hook.callback(args("create", [EXISTS("pods", "p")])), false);
        assert.equal(await hook.callback(args("create", ["timed out"])), false);
        assert.equal(await hook.callback(args("update", [EXISTS("pods", "p")])), false);
        assert.equal(logged.length, 1);
        assert.match(logged[0], /^Pod p already exists in namespace default/);
    });
});
