import { strict as assert } from "assert";
import type { PodDefinition } from "../../../components/model";
import { MultiContainerPod } from "../../../components/resources/multiContainerPod";
import { PodVerification } from "../../../components/verification";
import { credentialsInput } from "../../../components/verify/script";
import { SCRIPT_ID_ENV, VERIFY_COMMAND } from "../../../components/verify/scriptStore";
import { initContainerExample } from "../../../examples/init-container";
import { jobNativeSidecarExample } from "../../../examples/job-native-sidecar";
import { sidecarLoggingExample } from "../../../examples/sidecar-logging";
import { sidecarSecurityExample } from "../../../examples/sidecar-security";
import { defaultProviderClientSide, promiseOf, recordResources } from "../../support/mocks";
import { scriptOf } from "../../support/scriptCache";

// PodVerification under Pulumi's mocks: what it registers (one Command for all its pods, after them) and what it
// refuses before registering anything. Its script's behaviour: test/components/verify/groupScript.test.ts.

const pod = (name: string, definition: PodDefinition, namespace: string, extra: object = {}) =>
    new MultiContainerPod(name, { definition, namespace, verify: false, ...extra });
const AUTH = { user: "demo", password: "s3cret-pass", saltHex: "0123456789abcdef" };

describe("PodVerification", () => {
    defaultProviderClientSide();

    it("registers one Command for all its pods, run after each pod and Service, again when a uid changes", async () => {
        const resources = recordResources();
        const pods = [
            pod("init-a", initContainerExample, "a"),
            pod("logging-b", sidecarLoggingExample, "b"),
            pod("security-b", sidecarSecurityExample, "b", { basicAuth: AUTH }),
        ];
        const group = new PodVerification("checks", { pods });
        await promiseOf(group.command.urn);
        await promiseOf(group.verified);
        const commands = resources.filter((r) => r.type === "command:local:Command");
        assert.deepEqual(
            commands.map((c) => c.name),
            ["checks-verify"],
            "the members make no Command of their own (no verification, no image update)",
        );
        const [command] = commands;
        assert.equal(command.inputs.create, VERIFY_COMMAND);
        assert.deepEqual(Object.keys(command.inputs.environment), [SCRIPT_ID_ENV]);
        assert.ok(command.parent.endsWith("multi-container-pods:index:PodVerification::checks"));
        assert.deepEqual(command.inputs.triggers, [
            ["uid-of-init-container-test", "uid-of-sidecar-container-test", "uid-of-security-sidecar-test"],
        ]);
        // After every pod and the Service: each was awaited by the provider before verification looks.
        const waitedFor = command.dependencies.map((urn) => urn.split("::").pop());
        for (const name of ["init-a-pod", "logging-b-pod", "security-b-pod", "security-b-service"]) {
            assert.ok(waitedFor.includes(name), `${name} among ${waitedFor}`);
        }
        // The credentials on standard input, secret; the script names every pod in its namespace.
        assert.equal(command.inputs.stdin, credentialsInput(AUTH.user, AUTH.password));
        assert.ok(command.secrets.includes("stdin"));
        const script = scriptOf(command);
        assert.match(script, /awk -v p='init-container-test'.*"\$work\/live\.a"/);
        assert.match(script, /awk -v p='security-sidecar-test'.*"\$work\/live\.b"/);
        assert.ok(!script.includes(AUTH.password));
    });

    it("refuses, naming each pod and why, before registering anything of its own", () => {
        const resources = recordResources();
        const selfVerifying = new MultiContainerPod("self", { definition: initContainerExample, namespace: "a" });
        const job = pod("job", jobNativeSidecarExample, "a", { sidecarMode: "native" });
        const elsewhere = pod("elsewhere", sidecarLoggingExample, "a", { kubeContext: "other" });
        const before = resources.length;
        assert.throws(
            () => new PodVerification("checks", { pods: [selfVerifying, job, elsewhere, job] }),
            (error: Error) => {
                assert.match(error.message, /^PodVerification checks:/);
                assert.match(
                    error.message,
                    /pods\[0\] \(MultiContainerPod self, pod "init-container-test"\) verifies itself: give it verify: false/,
                );
                assert.match(
                    error.message,
                    /pods\[1\] \(MultiContainerPod job, pod "batch-job-test"\) runs as a Job: a group verifies bare pods/,
                );
                assert.match(error.message, /pods\[2\] .* is on another cluster than pods\[0\]/);
                assert.match(error.message, /pods\[3\] .* is listed twice/);
                return true;
            },
        );
        assert.throws(() => new PodVerification("empty", { pods: [] }), /pods must be a non-empty list/);
        assert.throws(
            () => new PodVerification("odd", { pods: [{} as MultiContainerPod] }),
            /pods\[0\] is not a MultiContainerPod/,
        );
        assert.equal(resources.filter((r) => r.type.endsWith("PodVerification")).length, 0);
        assert.ok(resources.length >= before);
    });
});
