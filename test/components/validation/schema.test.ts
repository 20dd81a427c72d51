import { strict as assert } from "assert";
import { allExamples } from "../../../examples";
import { buildConfigMaps, buildPod, buildService, SIDECAR_MODES } from "../../../components/build/pod";
import { assertSchemaValid } from "../../../components/validation/schema";
import { initContainerExample } from "../../../examples/init-container";

describe("Kubernetes schema validation", () => {
    for (const def of allExamples) {
        for (const sidecarMode of SIDECAR_MODES) {
            it(`${def.name} (${sidecarMode}): pod, ConfigMaps and Service match the OpenAPI schema`, () => {
                const options = { namespace: "default", sidecarMode };
                for (const object of [buildPod(def, options), ...buildConfigMaps(def, options)])
                    assertSchemaValid(object);
                const service = buildService(def, options);
                if (service) assertSchemaValid(service);
            });
        }
    }

    it("rejects a malformed pod with the schema's own message", () => {
        const pod = buildPod(initContainerExample, { sidecarMode: "classic" });
        (pod.spec!.containers[0] as any).ports = [{ containerPort: "eighty" }];
        assert.throws(
            () => assertSchemaValid(pod),
            /Pod "init-container-test" does not match the Kubernetes schema: .*containerPort must be integer/,
        );
    });
});
