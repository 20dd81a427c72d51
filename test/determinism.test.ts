import { strict as assert } from "assert";
import { runProgram, WITH_PASSWORD } from "./support/mocks";

// A second `pulumi up` with no change must show no diff: evaluating the program twice must register the
// same resources, with the same inputs and options, in the same order, and export the same outputs.
describe("determinism", () => {
    for (const sidecarMode of ["classic", "native"]) {
        it(`evaluates identically twice (${sidecarMode} sidecars, all examples, verification on)`, async () => {
            const config = { ...WITH_PASSWORD, sidecarMode, namespace: "patterns", kubeContext: "kind-kind" };
            // The generated password and salt are drawn once and kept in state: the mocks answer the same.
            const first = await runProgram(config, ["basicAuthPassword"]);
            const second = await runProgram(config, ["basicAuthPassword"]);
            const sorted = (run: typeof first) => [...run.resources].sort((a, b) => a.name.localeCompare(b.name));
            // Provider, namespace, random generator; per bare pod: component, pod, in-place images, verification;
            // per workload (the Job, the Deployment): component, workload, verification; plus 4 ConfigMaps,
            // 1 Secret and 4 Services.
            assert.equal(first.resources.length, 3 + 5 * 4 + 2 * 3 + 4 + 1 + 4);
            assert.deepEqual(sorted(second), sorted(first));
            assert.deepEqual(second.outputs, first.outputs);
            // Child order inside each pod is the definition's, not an accident of registration timing.
            const pods = first.resources.filter((r) => r.type === "kubernetes:core/v1:Pod");
            assert.deepEqual(
                pods.map((p) => p.inputs.metadata.name),
                [
                    "init-container-test",
                    "sidecar-container-test",
                    "monitoring-sidecar-test",
                    "proxy-sidecar-test",
                    "security-sidecar-test",
                ],
            );
            assert.ok(!JSON.stringify(first.resources).match(/20\d\d-\d\d-\d\dT\d\d:\d\d/), "no timestamps in inputs");
        });
    }
});
