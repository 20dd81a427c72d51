import { strict as assert } from "assert";
import { buildPod, buildPodTemplate } from "../../../components/build/pod";
import { planPod } from "../../../components/build/plan";
import type { NodeSelectorRequirement, PodDefinition } from "../../../components/model";
import { formatIssue, validateDefinition } from "../../../components/validation/validate";

// Affinity and topology spread: built as Kubernetes takes them (and as its schema accepts them), a pod term
// without labels meaning the workload's own pods, and refused as the API server would refuse them.

const web: PodDefinition = {
    name: "web",
    volumes: [],
    containers: [{ name: "app", image: "registry.example/web:2.0.1" }],
    workload: { deployment: { replicas: 3 } },
    affinity: {
        nodeAffinity: {
            required: [
                { matchExpressions: [{ key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] }] },
            ],
            preferred: [
                {
                    weight: 50,
                    term: { matchExpressions: [{ key: "node.example/cores", operator: "Gt", values: ["8"] }] },
                },
            ],
        },
        podAffinity: {
            preferred: [
                { weight: 10, term: { topologyKey: "topology.kubernetes.io/zone", matchLabels: { app: "cache" } } },
            ],
        },
        podAntiAffinity: { required: [{ topologyKey: "kubernetes.io/hostname" }] },
    },
    topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway" },
    ],
};

const errorsOf = (def: PodDefinition) =>
    validateDefinition(def)
        .filter((issue) => issue.severity === "error")
        .map(formatIssue);

describe("affinity and topology spread", () => {
    it("validates a real spread of replicas: nothing to say", () => {
        assert.deepEqual(validateDefinition(web).map(formatIssue), []);
    });

    it("builds them under Kubernetes' long names; a term naming no pods selects the workload's own", () => {
        const spec = buildPodTemplate(web, { sidecarMode: "classic", instance: "shop-dev" }).spec!;
        const own = { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": "shop-dev" };
        assert.deepEqual(spec.affinity, {
            nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                    nodeSelectorTerms: [
                        {
                            matchExpressions: [
                                { key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] },
                            ],
                        },
                    ],
                },
                preferredDuringSchedulingIgnoredDuringExecution: [
                    {
                        weight: 50,
                        preference: {
                            matchExpressions: [{ key: "node.example/cores", operator: "Gt", values: ["8"] }],
                        },
                    },
                ],
            },
            podAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                    {
                        weight: 10,
                        podAffinityTerm: {
                            topologyKey: "topology.kubernetes.io/zone",
                            labelSelector: { matchLabels: { app: "cache" } },
                        },
                    },
                ],
            },
            podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                    { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: own } },
                ],
            },
        });
        assert.deepEqual(spec.topologySpreadConstraints, [
            {
                maxSkew: 1,
                topologyKey: "topology.kubernetes.io/zone",
                whenUnsatisfiable: "ScheduleAnyway",
                labelSelector: { matchLabels: own },
            },
        ]);
        // The own pods are exactly what the Deployment's selector matches, so the rule spreads its replicas.
        assert.deepEqual(
            (planPod(web, "classic", "shop-dev").workload as { spec: { selector: unknown } }).spec.selector,
            { matchLabels: own },
        );
    });

    it("leaves a pod without them as it was", () => {
        const { affinity: _a, topologySpreadConstraints: _t, ...plain } = web;
        const spec = buildPod(plain, { sidecarMode: "classic" }).spec!;
        assert.equal(spec.affinity, undefined);
        assert.equal(spec.topologySpreadConstraints, undefined);
    });

    it("passes the Kubernetes schema check of the plan", () => {
        assert.doesNotThrow(() => planPod(web, "classic", "shop-dev"));
    });

    const cases: [string, (def: PodDefinition) => PodDefinition, string][] = [
        [
            "In without values",
            (d) => withNode(d, [{ key: "zone", operator: "In" }]),
            "field affinity.nodeAffinity.required[0].matchExpressions[0].values: operator In needs at least one value",
        ],
        [
            "Exists with values",
            (d) => withNode(d, [{ key: "zone", operator: "Exists", values: ["a"] }]),
            "field affinity.nodeAffinity.required[0].matchExpressions[0].values: operator Exists takes no values",
        ],
        [
            "Gt with a value that is no integer",
            (d) => withNode(d, [{ key: "cores", operator: "Gt", values: ["many"] }]),
            "field affinity.nodeAffinity.required[0].matchExpressions[0].values: operator Gt needs exactly one integer value",
        ],
        [
            "an operator Kubernetes does not know",
            (d) => withNode(d, [{ key: "zone", operator: "Near" as never, values: ["a"] }]),
            'field affinity.nodeAffinity.required[0].matchExpressions[0].operator: "Near" must be one of: Exists, In, NotIn, DoesNotExist, Gt, Lt',
        ],
        [
            "a required node affinity without terms",
            (d) => ({ ...d, affinity: { nodeAffinity: { required: [] } } }),
            "field affinity.nodeAffinity.required: needs at least one term (an empty list matches no node)",
        ],
        [
            "a weight above 100",
            (d) => ({
                ...d,
                affinity: {
                    podAntiAffinity: { preferred: [{ weight: 150, term: { topologyKey: "kubernetes.io/hostname" } }] },
                },
            }),
            "field affinity.podAntiAffinity.preferred[0].weight: 150 must be a whole number from 1 to 100",
        ],
        [
            "a pod term without topologyKey",
            (d) => ({ ...d, affinity: { podAntiAffinity: { required: [{ topologyKey: "" }] } } }),
            "field affinity.podAntiAffinity.required[0].topologyKey: must name a node label, e.g. kubernetes.io/hostname",
        ],
        [
            "a pod label value Kubernetes refuses",
            (d) => ({
                ...d,
                affinity: {
                    podAffinity: {
                        required: [
                            {
                                topologyKey: "kubernetes.io/hostname",
                                matchExpressions: [{ key: "app", operator: "In", values: ["a b"] }],
                            },
                        ],
                    },
                },
            }),
            `field affinity.podAffinity.required[0].matchExpressions[0].values[0]: label value "a b" must be at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends`,
        ],
        [
            "minDomains with ScheduleAnyway",
            (d) => ({
                ...d,
                topologySpreadConstraints: [
                    {
                        maxSkew: 1,
                        topologyKey: "topology.kubernetes.io/zone",
                        whenUnsatisfiable: "ScheduleAnyway",
                        minDomains: 2,
                    },
                ],
            }),
            "field topologySpreadConstraints[0].minDomains: applies only with whenUnsatisfiable DoNotSchedule",
        ],
        [
            "a maxSkew of 0",
            (d) => ({
                ...d,
                topologySpreadConstraints: [
                    { maxSkew: 0, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule" },
                ],
            }),
            "field topologySpreadConstraints[0].maxSkew: 0 must be a whole number, at least 1",
        ],
        [
            "two constraints on one key and action",
            (d) => ({
                ...d,
                topologySpreadConstraints: [
                    { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule" },
                    { maxSkew: 2, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule" },
                ],
            }),
            'field topologySpreadConstraints[1]: a second constraint on "kubernetes.io/hostname" with DoNotSchedule',
        ],
    ];
    for (const [title, change, expected] of cases) {
        it(`refuses ${title}, naming the field, before anything is built`, () => {
            const def = change(web);
            assert.deepEqual(
                errorsOf(def).map((e) => e.replace(/^pod "web", /, "")),
                [expected],
            );
            assert.throws(() => planPod(def, "classic"), /invalid multi-container pod definition/);
        });
    }
});

function withNode(def: PodDefinition, matchExpressions: NodeSelectorRequirement[]): PodDefinition {
    return { ...def, affinity: { nodeAffinity: { required: [{ matchExpressions }] } } };
}
