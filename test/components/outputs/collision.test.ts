import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { INSTANCE_LABEL, OWNER_ANNOTATION } from "../../../components/build/labels";
import {
    CollisionDecision,
    CreateInputs,
    decideCollision,
    LiveMetadata,
    MAX_RECREATE_ATTEMPTS,
} from "../../../components/outputs/collision";
import { collisionHook } from "../../../components/resources/collisionHook";
import { PROGRAM_WAY_OUT } from "../../../components/program/collisionAdvice";
import { recordResources } from "../../support/mocks";

// The provider's error when a create meets an object of the same name (client-side apply: a plain create).
const EXISTS = (kind: string, name: string) =>
    `resource "urn:pulumi:dev::multi-container-pods::x" was not successfully created by the Kubernetes API server: ${kind} "${name}" already exists`;

const OURS =
    "urn:pulumi:fault::multi-container-pods::multi-container-pods:index:MultiContainerPod::security-sidecar-test";
const INSTANCE = "multi-container-pods-fault";
const POD = "kubernetes:core/v1:Pod";

/** What the component's create of the security pod carries: this stack's instance label and owner annotation. */
const podInputs: CreateInputs = {
    metadata: {
        name: "security-sidecar-test",
        namespace: "fault-ns",
        labels: { [INSTANCE_LABEL]: INSTANCE, "app.kubernetes.io/managed-by": "pulumi" },
        annotations: { [OWNER_ANNOTATION]: OURS },
    },
};
const live = (labels: Record<string, string>, annotations: Record<string, string> = {}): LiveMetadata => ({
    labels,
    annotations,
});
const NOTHING_CHANGED = "Nothing was changed.";

describe("decideCollision", () => {
    const cases: Array<[string, LiveMetadata | null | string, CollisionDecision["action"], RegExp?]> = [
        [
            "a leftover of an interrupted update of this stack (owner annotation is this resource's): recreate",
            live({ [INSTANCE_LABEL]: INSTANCE }, { [OWNER_ANNOTATION]: OURS }),
            "recreate",
            /^Pod security-sidecar-test in namespace fault-ns was created by an interrupted update of this stack .* never recorded in the stack's state: deleting it and creating it again\.$/,
        ],
        [
            "the kubectl flow's object (no instance label): stop, blaming kubectl",
            live({ "app.kubernetes.io/name": "security-sidecar-test" }),
            "stop",
            /^Pod security-sidecar-test in namespace fault-ns already exists, and this stack did not create it: it has no app\.kubernetes\.io\/instance label, so it was applied with kubectl or another tool\. Nothing was changed\. Give the MultiContainerPod another `namespace` argument, or its definition another `name`\.$/,
        ],
        [
            "another stack's object (other instance label): stop, naming both instances",
            live({ [INSTANCE_LABEL]: "multi-container-pods-other" }, { [OWNER_ANNOTATION]: "urn:pulumi:other::x" }),
            "stop",
            /its app\.kubernetes\.io\/instance label is "multi-container-pods-other", this stack's is "multi-container-pods-fault", so another stack deployed it\. Nothing was changed\./,
        ],
        [
            "another stack that copied our owner annotation but not our instance: still ours by annotation",
            live({ [INSTANCE_LABEL]: "elsewhere" }, { [OWNER_ANNOTATION]: OURS }),
            "recreate",
        ],
        [
            "this stack's instance but another resource's owner annotation: stop",
            live({ [INSTANCE_LABEL]: INSTANCE }, { [OWNER_ANNOTATION]: `${OURS}-2` }),
            "stop",
            /another resource of the stack owns it/,
        ],
        [
            "this stack's instance and no owner annotation (a leftover of an older version, or a namesake stack): stop",
            live({ [INSTANCE_LABEL]: INSTANCE }),
            "stop",
            /this stack's app\.kubernetes\.io\/instance label but no multi-container-pods\.pulumi\.com\/owner annotation: .*delete it \(kubectl delete pod security-sidecar-test -n fault-ns --context kind-fault\)/,
        ],
        ["gone by now: create again", null, "retry"],
        [
            "ours, already being deleted: create again (the engine retries after this hook)",
            { ...live({}, { [OWNER_ANNOTATION]: OURS }), deletionTimestamp: "2026-11-30T08:00:00Z" },
            "retry",
        ],
        [
            "unreadable (kubectl failed): stop, saying how to look and what would make it ours",
            "kubectl get: connection refused",
            "stop",
            /reading it to tell whose it is failed \(kubectl get: connection refused\)\. Nothing was changed\. Look: kubectl get pod security-sidecar-test -n fault-ns -o 'jsonpath=\{\.metadata\}' --context kind-fault\./,
        ],
    ];
    for (const [title, state, action, message] of cases) {
        it(title, () => {
            const decision = decideCollision(POD, podInputs, [EXISTS("pods", "security-sidecar-test")], state, {
                context: "kind-fault",
            });
            assert.equal(decision?.action, action);
            if (message) assert.match((decision as { message: string }).message, message);
            if (action === "stop") assert.ok((decision as { message: string }).message.includes(NOTHING_CHANGED));
        });
    }

    it("says nothing about failures other than an existing object", () => {
        assert.equal(decideCollision(POD, podInputs, ['Pod "p" is invalid'], null), undefined);
        assert.equal(decideCollision(POD, podInputs, [], null), undefined);
    });

    it("never takes an object for ours when the create carries no owner annotation (the component without hints)", () => {
        const bare: CreateInputs = { metadata: { name: "p", labels: { [INSTANCE_LABEL]: INSTANCE } } };
        const decision = decideCollision(POD, bare, [EXISTS("pods", "p")], live({ [INSTANCE_LABEL]: INSTANCE }));
        assert.equal(decision?.action, "stop");
    });

    it(`gives up after ${MAX_RECREATE_ATTEMPTS} recreations that did not help`, () => {
        const errors = Array.from({ length: MAX_RECREATE_ATTEMPTS + 1 }, () => EXISTS("pods", "security-sidecar-test"));
        const decision = decideCollision(POD, podInputs, errors, live({}, { [OWNER_ANNOTATION]: OURS }));
        assert.equal(decision?.action, "stop");
        assert.match((decision as { message: string }).message, /creating it again failed 4 times/);
    });

    it("offers the program's createNamespace false for a namespace made outside Pulumi, when the program says so", () => {
        const decision = decideCollision(
            "kubernetes:core/v1:Namespace",
            { metadata: { name: "team-a", labels: { [INSTANCE_LABEL]: INSTANCE } } },
            [EXISTS("namespaces", "team-a")],
            live({ "kubernetes.io/metadata.name": "team-a" }),
            {},
            PROGRAM_WAY_OUT,
        );
        assert.equal(decision?.action, "stop");
        assert.match(
            (decision as { message: string }).message,
            /^Namespace team-a already exists, and this stack did not create it: it has no app\.kubernetes\.io\/instance label, so it was made outside Pulumi .*`pulumi config set createNamespace false`/,
        );
    });
});

describe("collisionHook", () => {
    const logged: Array<[string, string]> = [];
    const originals = { error: pulumi.log.error, warn: pulumi.log.warn };
    const log = pulumi.log as { error: typeof pulumi.log.error; warn: typeof pulumi.log.warn };
    before(() => {
        recordResources(); // an ErrorHook registers itself with the engine: here, the mocks
        log.error = async (message: string) => void logged.push(["error", message]);
        log.warn = async (message: string) => void logged.push(["warn", message]);
    });
    after(() => Object.assign(log, originals));
    beforeEach(() => (logged.length = 0));

    const args = (failedOperation: string, errors: string[]) => ({
        urn: "urn",
        id: "",
        name: "security-sidecar-test-pod",
        type: POD,
        newInputs: podInputs as Record<string, unknown>,
        failedOperation,
        errors,
    });
    /** A kubectl that answers `get` with `metadata` (or fails with it, when an Error) and records every call. */
    const fakeKubectl = (metadata: LiveMetadata | null | Error) => {
        const calls: string[][] = [];
        const run = async (argv: readonly string[]) => {
            calls.push([...argv]);
            if (argv[0] === "get") {
                if (metadata instanceof Error) throw metadata;
                return metadata === null ? "" : JSON.stringify(metadata);
            }
            return `pod "${argv[2]}" deleted\n`;
        };
        return { calls, run };
    };
    const CLUSTER = { context: "kind-fault", kubeconfig: "/home/me/.kube/config" };
    const TARGET = [
        "pod",
        "security-sidecar-test",
        "-n",
        "fault-ns",
        "--context",
        "kind-fault",
        "--kubeconfig",
        "/home/me/.kube/config",
    ];

    it("deletes this stack's leftover on the provider's cluster, then asks the engine to retry the create", async () => {
        const kubectl = fakeKubectl(live({ [INSTANCE_LABEL]: INSTANCE }, { [OWNER_ANNOTATION]: OURS }));
        const hook = collisionHook("ours", undefined, CLUSTER, kubectl.run);
        assert.equal(await hook.callback(args("create", [EXISTS("pods", "security-sidecar-test")])), true);
        assert.deepEqual(kubectl.calls, [
            ["get", ...TARGET, "--ignore-not-found", "-o", "jsonpath={.metadata}"],
            ["delete", ...TARGET, "--ignore-not-found", "--wait=true", "--timeout=120s"],
        ]);
        assert.deepEqual(
            logged.map(([level]) => level),
            ["warn"],
        );
    });

    for (const [whose, metadata] of [
        ["the kubectl flow's", live({ "app.kubernetes.io/name": "security-sidecar-test" })],
        ["another stack's", live({ [INSTANCE_LABEL]: "multi-container-pods-other" })],
        ["an unreadable", new Error("kubectl get: Unauthorized")],
    ] as const) {
        it(`leaves ${whose} object untouched and stops with the collision message`, async () => {
            const kubectl = fakeKubectl(metadata);
            const hook = collisionHook("theirs", undefined, CLUSTER, kubectl.run);
            assert.equal(await hook.callback(args("create", [EXISTS("pods", "security-sidecar-test")])), false);
            assert.deepEqual(
                kubectl.calls.map((call) => call[0]),
                ["get"],
                "only read, never deleted",
            );
            assert.equal(logged.length, 1);
            assert.equal(logged[0][0], "error");
            assert.match(
                logged[0][1],
                /^Pod security-sidecar-test in namespace fault-ns already exists, and this stack/,
            );
        });
    }

    it("retries at once when the object is gone by now, and ignores other failures without calling kubectl", async () => {
        const gone = fakeKubectl(null);
        const hook = collisionHook("gone", undefined, CLUSTER, gone.run);
        assert.equal(await hook.callback(args("create", [EXISTS("pods", "security-sidecar-test")])), true);
        const idle = fakeKubectl(null);
        const other = collisionHook("other", undefined, CLUSTER, idle.run);
        assert.equal(await other.callback(args("create", ["timed out"])), false);
        assert.equal(await other.callback(args("update", [EXISTS("pods", "security-sidecar-test")])), false);
        assert.deepEqual(idle.calls, []);
        assert.deepEqual(logged, []);
    });

    it("stops when deleting the leftover fails", async () => {
        const kubectl = fakeKubectl(live({}, { [OWNER_ANNOTATION]: OURS }));
        const failing = async (argv: readonly string[]) => {
            if (argv[0] === "delete") throw new Error("kubectl delete: forbidden");
            return kubectl.run(argv);
        };
        const hook = collisionHook("forbidden", undefined, CLUSTER, failing);
        assert.equal(await hook.callback(args("create", [EXISTS("pods", "security-sidecar-test")])), false);
        assert.match(logged[logged.length - 1][1], /deleting the leftover failed: Error: kubectl delete: forbidden/);
    });

    it("speaks of the component's arguments, never of a program's config, unless a program passes its own way out", () => {
        const messages = [POD, "kubernetes:core/v1:Namespace"].flatMap((type) =>
            [live({}), "kubectl get: connection refused"].map(
                (state) =>
                    (
                        decideCollision(
                            type,
                            { metadata: { name: "x", namespace: "ns" } },
                            [EXISTS("pods", "x")],
                            state,
                        ) as { message: string }
                    ).message,
            ),
        );
        for (const message of messages) assert.doesNotMatch(message, /pulumi config|createNamespace|examples\//);
        assert.match(messages[0], /another `namespace` argument/);
    });
});
