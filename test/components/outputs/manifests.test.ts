import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { manifestFileName, renderManifest } from "../../../components/outputs/manifests";
import { buildPodSpec } from "../../../components/build/pod";
import { workloadKind } from "../../../components/model/helpers";
import { secretName } from "../../../components/build/pod";
import { OWNER_ANNOTATION } from "../../../components/build/labels";
import { POD_SHAPE_ANNOTATION } from "../../../components/build/podShape";
import { INSTANCE_LABEL, MANAGED_BY_LABEL } from "../../../components/model/defaults";
import { assertSchemaValid } from "../../../components/validation/schema";
import { allExamples } from "../../../examples";
import { ProgramRun, runProgram, WITH_PASSWORD } from "../../support/mocks";

const EXAMPLES_DIR = path.join(__dirname, "..", "..", "..", "examples");

/**
 * What the program registered for `def` (index.ts under the mocks, every example, classic sidecars), minus
 * exactly what a stack adds and the kubectl flow leaves out: the namespace (kubectl's -n), the stack's
 * instance and managed-by labels (also in the Service's selector), the owner and the provider's skip-await
 * annotations, and
 * the content hash in the Secret's name (the kubectl user creates theirs under the plain name).
 */
function deployedObjects(run: ProgramRun, def: (typeof allExamples)[number]): object[] {
    const ours = run.resources.filter(
        (r) => r.type.startsWith("kubernetes:core/v1:") && r.type !== "kubernetes:core/v1:Secret",
    );
    const children = ours.filter((r) => r.parent.endsWith(`::${def.name}`));
    const withoutStack = (labels: Record<string, string> | undefined) => {
        const { [INSTANCE_LABEL]: instance, [MANAGED_BY_LABEL]: managedBy, ...rest } = labels ?? {};
        assert.ok(instance && managedBy === "pulumi", "the program's objects carry the stack's labels");
        return rest;
    };
    const selectorWithoutStack = (selector: Record<string, string>) => {
        const { [INSTANCE_LABEL]: instance, ...rest } = selector;
        assert.ok(instance, "the program's Service selects its own stack's pod");
        return rest;
    };
    return children.map(({ inputs }) => {
        const { namespace, annotations, ...metadata } = inputs.metadata;
        assert.equal(namespace, "default");
        const {
            ["pulumi.com/skipAwait"]: _skip,
            [POD_SHAPE_ANNOTATION]: _shape,
            [OWNER_ANNOTATION]: owner,
            ...otherAnnotations
        } = annotations ?? {};
        assert.match(
            owner,
            /^urn:pulumi:test::multi-container-pods::.*MultiContainerPod::/,
            "says which resource made it",
        );
        const object: any = {
            ...inputs,
            metadata: {
                ...metadata,
                labels: withoutStack(metadata.labels),
                ...(Object.keys(otherAnnotations).length > 0 ? { annotations: otherAnnotations } : {}),
            },
        };
        if (object.kind === "Service")
            object.spec = { ...object.spec, selector: selectorWithoutStack(object.spec.selector) };
        if (object.kind === "Pod") {
            object.spec = {
                ...object.spec,
                volumes: object.spec.volumes.map((volume: any) => {
                    const declared = def.volumes.find((v) => v.name === volume.name)!;
                    return volume.secret
                        ? { ...volume, secret: { ...volume.secret, secretName: secretName(def, declared) } }
                        : volume;
                }),
            };
        }
        return object;
    });
}

describe("kubectl manifests (examples/*.yaml)", () => {
    let deployed: ProgramRun;
    before(async () => {
        deployed = await runProgram(WITH_PASSWORD, ["basicAuthPassword"]);
    });

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

        it(`examples/${manifestFileName(def)} holds the identical objects the Pulumi program deploys, schema-valid`, () => {
            const objects = parseAllDocuments(renderManifest(def)).map((doc) => doc.toJS());
            if (workloadKind(def) === "Pod") {
                // ConfigMaps, Pod, Service: the same objects as the program registers (in whatever order it did).
                const byKindAndName = (list: any[]) =>
                    [...list].sort((a, b) =>
                        `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`),
                    );
                assert.deepEqual(byKindAndName(objects), byKindAndName(deployedObjects(deployed, def)));
            } else {
                // A controller the program lets Pulumi name: the manifest names it; its pod is the program's.
                const workload = objects.find((object) => object.kind === workloadKind(def));
                const podSpec =
                    workload.spec.jobTemplate?.spec.template.spec ?? workload.spec.template?.spec ?? workload.spec;
                assert.deepEqual(podSpec, buildPodSpec(def, { sidecarMode: "classic" }));
            }
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
