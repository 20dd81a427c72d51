import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { manifestFileName, renderManifest } from "../../../components/outputs/manifests";
import { buildPodSpec } from "../../../components/build/pod";
import { workloadKind } from "../../../components/model/helpers";
import { assertSchemaValid } from "../../../components/validation/schema";
import { allExamples } from "../../../examples";

const EXAMPLES_DIR = path.join(__dirname, "..", "..", "..", "examples");

describe("kubectl manifests (examples/*.yaml)", () => {
    it("keep the seed's file names for its two examples", () => {
        assert.deepEqual(
            allExamples.slice(0, 2).map((def) => def.manifestFile),
            ["init-container-example.yaml", "side-car-container-example.yaml"],
        );
    });

    for (const def of allExamples) {
        it(`examples/${manifestFileName(def)} is what the definition generates (run \`npm run manifests\` if not)`, () => {
            const committed = fs.readFileSync(path.join(EXAMPLES_DIR, manifestFileName(def)), "utf8");
            assert.equal(committed, renderManifest(def));
        });

        it(`examples/${manifestFileName(def)} holds the identical pod the Pulumi program deploys, as its kind, schema-valid`, () => {
            const objects = parseAllDocuments(renderManifest(def)).map((doc) => doc.toJS());
            const workload = objects.find((object) => object.kind === workloadKind(def));
            const podSpec =
                workload.spec.jobTemplate?.spec.template.spec ?? workload.spec.template?.spec ?? workload.spec;
            assert.deepEqual(podSpec, buildPodSpec(def, { sidecarMode: "classic" }));
            for (const object of objects) assertSchemaValid(object);
            assert.ok(!objects.some((object) => object.kind === "Secret"), "secrets never go into manifests");
            // No stack's labels: a stack's Service, which selects on its instance, never picks up this pod.
            for (const object of objects) {
                assert.equal(object.metadata.labels["app.kubernetes.io/instance"], undefined);
                assert.equal(object.metadata.labels["app.kubernetes.io/managed-by"], undefined);
            }
        });
    }
});
