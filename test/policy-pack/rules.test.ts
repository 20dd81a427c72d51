import { strict as assert } from "assert";
import { buildConfigMaps } from "../../components/build/volume";
import { buildService } from "../../components/build/service";
import { buildWorkload } from "../../components/build/workload";
import { allExamples } from "../../examples";
import { DEPLOYMENT, findings, kubernetesRules, POD, REPLICA_SET, SERVICE } from "./rules";

// The policy pack's rules without the CLI: each rule on the inputs that pass and fail it, and every example's
// built objects as the rules see them. test/cluster/policyPack.test.ts runs the same rules through
// `pulumi preview --policy-pack` on what the program really registers.

/** The Pulumi type token of a Kubernetes object: `kubernetes:<group, or core>/<version>:<kind>`. */
function typeToken(object: { apiVersion?: string; kind?: string }): string {
    const [group, version] = object.apiVersion!.includes("/")
        ? object.apiVersion!.split("/")
        : ["core", object.apiVersion];
    return `kubernetes:${group}/${version}:${object.kind}`;
}

describe("policy pack rules (pulumi/examples' policy-packs/kubernetes-ts, restated)", () => {
    it("keeps the upstream names and enforcement levels", () => {
        assert.deepEqual(
            kubernetesRules.map((rule) => [rule.name, rule.enforcementLevel]),
            [
                ["no-public-services", "mandatory"],
                ["minimum-replica-count", "mandatory"],
                ["pods-are-prohibited", "advisory"],
            ],
        );
    });

    const cases: [string, string, Record<string, any>, string[]][] = [
        ["a LoadBalancer Service", SERVICE, { spec: { type: "LoadBalancer" } }, ["no-public-services"]],
        ["a ClusterIP Service", SERVICE, { spec: { type: "ClusterIP" } }, []],
        ["a NodePort Service (upstream flags LoadBalancer only)", SERVICE, { spec: { type: "NodePort" } }, []],
        ["a Service without spec", SERVICE, {}, []],
        ["a Deployment of 3", DEPLOYMENT, { spec: { replicas: 3 } }, []],
        ["a Deployment of 2", DEPLOYMENT, { spec: { replicas: 2 } }, ["minimum-replica-count"]],
        ["a Deployment of 0", DEPLOYMENT, { spec: { replicas: 0 } }, ["minimum-replica-count"]],
        ["a Deployment without replicas", DEPLOYMENT, { spec: {} }, ["minimum-replica-count"]],
        ["a Deployment without spec", DEPLOYMENT, {}, ["minimum-replica-count"]],
        ["a ReplicaSet of 1", REPLICA_SET, { spec: { replicas: 1 } }, ["minimum-replica-count"]],
        ["a ReplicaSet of 5", REPLICA_SET, { spec: { replicas: 5 } }, []],
        ["any Pod", POD, { spec: { containers: [] } }, ["pods-are-prohibited"]],
        ["a Job", "kubernetes:batch/v1:Job", { spec: {} }, []],
        ["a StatefulSet of 1 (not checked upstream)", "kubernetes:apps/v1:StatefulSet", { spec: { replicas: 1 } }, []],
        ["a Deployment of an older API group", "kubernetes:apps/v1beta1:Deployment", { spec: { replicas: 1 } }, []],
    ];
    for (const [what, type, inputs, expected] of cases) {
        it(`${what}: ${expected.length === 0 ? "nothing" : expected.join(", ")}`, () => {
            assert.deepEqual(
                findings(type, inputs).map((finding) => finding.rule),
                expected,
            );
        });
    }

    it("finds nothing in the workload examples' objects, and one advisory finding per bare pod", () => {
        const seen = Object.fromEntries(
            allExamples.map((def) => {
                const options = { sidecarMode: "classic" as const };
                const service = buildService(def, options);
                const objects = [
                    ...buildConfigMaps(def, options),
                    buildWorkload(def, options),
                    ...(service ? [service] : []),
                ];
                const found = objects.flatMap((object) =>
                    findings(typeToken(object), object).map((finding) => `${finding.enforcementLevel} ${finding.rule}`),
                );
                return [def.name, found];
            }),
        );
        assert.deepEqual(seen, {
            "init-container-test": ["advisory pods-are-prohibited"],
            "sidecar-container-test": ["advisory pods-are-prohibited"],
            "monitoring-sidecar-test": ["advisory pods-are-prohibited"],
            "proxy-sidecar-test": ["advisory pods-are-prohibited"],
            "security-sidecar-test": ["advisory pods-are-prohibited"],
            "batch-job-test": [],
            "proxy-deployment-test": [],
        });
    });
});
