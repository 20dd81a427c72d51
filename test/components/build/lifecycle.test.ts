import { strict as assert } from "assert";
import { buildPodSpec } from "../../../components/build/pod";
import { planPod } from "../../../components/build/plan";
import type { ContainerDefinition, PodDefinition } from "../../../components/model";
import { formatIssue, validateDefinition } from "../../../components/validation/validate";

// Lifecycle hooks: exec, httpGet and sleep, built as Kubernetes takes them, on app containers and sidecars (a
// native sidecar is a restartable init container and may have them), never on a plain init container.

const app: ContainerDefinition = {
    name: "app",
    image: "registry.example/shop:1.4.2",
    ports: [{ name: "http", containerPort: 8080 }],
    lifecycle: {
        postStart: { httpGet: { path: "/warm-up", portName: "http" } },
        preStop: { sleep: { seconds: 5 } },
    },
};
const flusher: ContainerDefinition = {
    name: "log-flusher",
    image: "registry.example/flusher:0.3.0",
    lifecycle: { preStop: { exec: ["/bin/flush", "--all"] } },
};
const shop: PodDefinition = { name: "shop", volumes: [], containers: [app], sidecars: [flusher] };

const errorsOf = (def: PodDefinition) =>
    validateDefinition(def)
        .filter((issue) => issue.severity === "error")
        .map(formatIssue);

describe("lifecycle hooks", () => {
    it("validates hooks on an app container and a sidecar: nothing to say", () => {
        assert.deepEqual(validateDefinition(shop).map(formatIssue), []);
    });

    for (const mode of ["classic", "native"] as const) {
        it(`builds each action as Kubernetes takes it (${mode} sidecars), and passes the schema check`, () => {
            const spec = buildPodSpec(shop, { sidecarMode: mode });
            const sidecar = [...(spec.initContainers ?? []), ...spec.containers].find((c) => c.name === "log-flusher");
            assert.deepEqual(spec.containers[0].lifecycle, {
                postStart: { httpGet: { path: "/warm-up", port: "http" } },
                preStop: { sleep: { seconds: 5 } },
            });
            assert.deepEqual(sidecar?.lifecycle, { preStop: { exec: { command: ["/bin/flush", "--all"] } } });
            assert.doesNotThrow(() => planPod(shop, mode));
        });
    }

    it("leaves a container without hooks without a lifecycle", () => {
        const spec = buildPodSpec(
            { ...shop, containers: [{ ...app, lifecycle: undefined }] },
            { sidecarMode: "classic" },
        );
        assert.equal("lifecycle" in spec.containers[0], false);
    });

    const cases: [string, PodDefinition, string][] = [
        [
            "a hook on a plain init container",
            {
                ...shop,
                initContainers: [
                    { name: "migrate", image: "registry.example/migrate:1.0.0", lifecycle: flusher.lifecycle },
                ],
            },
            'container "migrate", field initContainers[0].lifecycle: plain init containers cannot have lifecycle hooks (Kubernetes rejects them)',
        ],
        [
            "a hook with two actions",
            withApp({ preStop: { sleep: { seconds: 1 }, exec: ["true"] } }),
            'container "app", field containers[0].lifecycle.preStop: set exactly one of exec, httpGet, sleep (set: exec and sleep)',
        ],
        [
            "a hook with no action",
            withApp({ postStart: {} }),
            'container "app", field containers[0].lifecycle.postStart: set exactly one of exec, httpGet, sleep (set: none)',
        ],
        [
            "a sleep longer than the default grace period of 10 s",
            withApp({ preStop: { sleep: { seconds: 15 } } }),
            `container "app", field containers[0].lifecycle.preStop.sleep.seconds: 15 must be a whole number from 1 to the pod's terminationGracePeriodSeconds (10)`,
        ],
        [
            "an httpGet on a port the container does not have",
            withApp({ postStart: { httpGet: { path: "/", portName: "admin" } } }),
            'container "app", field containers[0].lifecycle.postStart.httpGet.portName: "admin" is not a port of this container',
        ],
        [
            "an empty exec",
            withApp({ preStop: { exec: [] } }),
            'container "app", field containers[0].lifecycle.preStop.exec: needs a command to run',
        ],
    ];
    for (const [title, def, expected] of cases) {
        it(`refuses ${title}, naming container and field`, () => {
            assert.deepEqual(errorsOf(def), [`pod "shop", ${expected}`]);
        });
    }

    it("lets a sleep last as long as a longer grace period", () => {
        assert.deepEqual(
            errorsOf({ ...withApp({ preStop: { sleep: { seconds: 25 } } }), terminationGracePeriodSeconds: 30 }),
            [],
        );
    });
});

function withApp(lifecycle: ContainerDefinition["lifecycle"]): PodDefinition {
    return { ...shop, containers: [{ ...app, lifecycle }] };
}
