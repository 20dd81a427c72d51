import { strict as assert } from "assert";
import { addSidecars, attachableKind, SidecarAttachmentError } from "../../../components/build/addSidecars";
import { buildContainer } from "../../../components/build/container";
import { selectorMatches } from "../../../components/build/labelSelector";
import { buildWorkload } from "../../../components/build/workload";
import type { KubernetesObject, LabelSelector, SidecarAttachment } from "../../../components/model/attachment";
import type { WorkloadKind } from "../../../components/model";
import { sidecarLoggingExample } from "../../../examples/sidecar-logging";

// The pure part of attaching sidecars to workloads written without them: a plain object of each kind in, the
// same object with the sidecar, its volume and the app's mount out; no Pulumi anywhere.

const FORWARDER = {
    name: "log-forwarder",
    image: "busybox:1.36.1",
    command: ["sh", "-c", "tail -n +1 -F /logs/app.log"],
    mounts: [{ volume: "app-logs", path: "/logs", readOnly: true }],
};
const NATIVE: SidecarAttachment = {
    sidecars: [FORWARDER],
    volumes: [{ name: "app-logs", emptyDir: { sizeLimit: "10Mi" } }],
    appMounts: [{ volume: "app-logs", path: "/var/log/app" }],
    sidecarMode: "native",
};
const CLASSIC: SidecarAttachment = { ...NATIVE, sidecarMode: "classic" };

const APP = { name: "app", image: "example/app:1.0", command: ["app", "--log=/var/log/app/app.log"] };
const podOf = (labels: Record<string, string> = { app: "web" }) => ({
    metadata: { labels },
    spec: { containers: [APP], restartPolicy: "Always" },
});

/** A workload of `kind` written as a user would, with no sidecar. */
function workload(kind: WorkloadKind, labels?: Record<string, string>): KubernetesObject {
    const pod = podOf(labels);
    const meta = { name: `web-${kind.toLowerCase()}`, namespace: "team" };
    const selector = { matchLabels: pod.metadata.labels };
    const jobPod = { ...pod, spec: { ...pod.spec, restartPolicy: "Never" } };
    switch (kind) {
        case "Pod":
            return { apiVersion: "v1", kind, metadata: { ...meta, labels: pod.metadata.labels }, spec: pod.spec };
        case "Deployment":
        case "StatefulSet":
        case "DaemonSet":
            return { apiVersion: "apps/v1", kind, metadata: meta, spec: { replicas: 2, selector, template: pod } };
        case "Job":
            return { apiVersion: "batch/v1", kind, metadata: meta, spec: { backoffLimit: 1, template: jobPod } };
        case "CronJob":
            return {
                apiVersion: "batch/v1",
                kind,
                metadata: meta,
                spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: jobPod } } },
            };
    }
}

/** The pod spec inside any kind. */
function podSpec(object: KubernetesObject): any {
    const spec = object.spec as any;
    if (object.kind === "Pod") return spec;
    return object.kind === "CronJob" ? spec.jobTemplate.spec.template.spec : spec.template.spec;
}

/** A Deployment with its pod template's `field` replaced. */
function setPodField(object: KubernetesObject, field: string, value: unknown): KubernetesObject {
    const spec = object.spec as any;
    return { ...object, spec: { ...spec, template: { ...spec.template, [field]: value } } };
}

/** A deep copy of `object`, frozen all the way down, so a mutation throws. */
function frozen<T>(object: T): T {
    const copy = JSON.parse(JSON.stringify(object));
    const freeze = (value: any) => {
        if (value && typeof value === "object") {
            Object.values(value).forEach(freeze);
            Object.freeze(value);
        }
    };
    freeze(copy);
    return copy;
}

const KINDS: WorkloadKind[] = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"];

describe("addSidecars", () => {
    for (const kind of KINDS) {
        it(`${kind}: a native sidecar with the secure defaults, its volume, and the app's mount`, () => {
            const before = frozen(workload(kind));
            const after = addSidecars(before, NATIVE);
            const spec = podSpec(after);
            assert.deepEqual(spec.initContainers, [buildContainer(FORWARDER, "Always")]);
            assert.equal(spec.initContainers[0].restartPolicy, "Always");
            assert.equal(spec.initContainers[0].securityContext.runAsNonRoot, true);
            assert.deepEqual(spec.containers, [
                { ...APP, volumeMounts: [{ name: "app-logs", mountPath: "/var/log/app", readOnly: false }] },
            ]);
            assert.deepEqual(spec.volumes, [{ name: "app-logs", emptyDir: { sizeLimit: "10Mi" } }]);
            // Everything else is the user's, untouched.
            const { initContainers, containers, volumes, ...rest } = spec;
            const { containers: oldContainers, ...oldRest } = podSpec(before);
            assert.deepEqual(rest, oldRest);
            assert.deepEqual(oldContainers, [APP]);
            assert.deepEqual(after.metadata, before.metadata);
            assert.ok(initContainers && containers && volumes);
        });
    }

    for (const kind of ["Pod", "Deployment", "StatefulSet", "DaemonSet"] as const) {
        it(`${kind}: a classic sidecar is an app container after the app's`, () => {
            const spec = podSpec(addSidecars(frozen(workload(kind)), CLASSIC));
            assert.deepEqual(
                spec.containers.map((c: any) => c.name),
                ["app", "log-forwarder"],
            );
            assert.deepEqual(spec.containers[1], buildContainer(FORWARDER));
            assert.equal(spec.initContainers, undefined);
        });
    }

    const completing: [string, KubernetesObject][] = [
        ["Job", workload("Job")],
        ["CronJob", workload("CronJob")],
        ["Pod with restartPolicy Never", { ...workload("Pod"), spec: { ...podOf().spec, restartPolicy: "Never" } }],
    ];
    for (const [what, object] of completing) {
        it(`${what}: refuses a classic sidecar, naming the workload and sidecarMode: "native"`, () => {
            assert.throws(
                () => addSidecars(object, CLASSIC),
                (error: Error) =>
                    error instanceof SidecarAttachmentError &&
                    /team\/web-.* runs to completion.*never exits.*sidecarMode: "native"/.test(error.message),
            );
        });
    }

    const untouched: [string, KubernetesObject][] = [
        ["a Service", { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: {} }],
        ["a ConfigMap", { apiVersion: "v1", kind: "ConfigMap", data: {} }],
        ["a Deployment of another API version", { ...workload("Deployment"), apiVersion: "apps/v1beta1" }],
        ["a Deployment whose pod spec is unknown yet", { ...workload("Deployment"), spec: { template: {} } }],
        [
            "a Deployment whose pod labels are unknown yet (a preview's value, an instance)",
            setPodField(workload("Deployment"), "metadata", { labels: new (class Unknown {})() }),
        ],
        [
            "a Deployment whose containers are unknown yet",
            setPodField(workload("Deployment"), "spec", new (class Unknown {})()),
        ],
    ];
    for (const [what, object] of untouched) {
        it(`leaves ${what} as it is (the very same object)`, () => {
            assert.equal(addSidecars(object, NATIVE), object);
        });
    }

    it("matches by kind, by pod labels and by predicate, all given criteria together", () => {
        const table: [string, Parameters<typeof addSidecars>[2], KubernetesObject, boolean][] = [
            ["no criteria", {}, workload("Deployment"), true],
            ["kind listed", { kinds: ["Deployment"] }, workload("Deployment"), true],
            ["kind not listed", { kinds: ["StatefulSet"] }, workload("Deployment"), false],
            ["pod label", { selector: { matchLabels: { app: "web" } } }, workload("Deployment"), true],
            ["other label", { selector: { matchLabels: { app: "db" } } }, workload("Deployment"), false],
            ["CronJob pod label", { selector: { matchLabels: { app: "web" } } }, workload("CronJob"), true],
            ["Pod's own label", { selector: { matchLabels: { app: "web" } } }, workload("Pod"), true],
            ["predicate yes", { predicate: (o) => o.metadata?.namespace === "team" }, workload("Job"), true],
            ["predicate no", { predicate: (o) => o.metadata?.name === "other" }, workload("Job"), false],
            [
                "label and predicate, predicate fails",
                { selector: { matchLabels: { app: "web" } }, predicate: () => false },
                workload("Deployment"),
                false,
            ],
        ];
        for (const [what, match, object, expected] of table) {
            assert.equal(addSidecars(object, NATIVE, match) !== object, expected, what);
        }
    });

    it("is idempotent: a second pass changes nothing", () => {
        for (const attachment of [NATIVE, CLASSIC]) {
            const once = addSidecars(workload("Deployment"), attachment);
            assert.equal(addSidecars(once, attachment), once);
        }
    });

    it("adds nothing to a workload registered with the sidecar already (the component's own logging pod)", () => {
        const sidecar = sidecarLoggingExample.sidecars![0];
        const attachment: SidecarAttachment = {
            sidecars: [sidecar],
            volumes: [{ name: "app-logs", emptyDir: {} }],
            sidecarMode: "native",
        };
        for (const mode of ["classic", "native"] as const) {
            const built = buildWorkload(sidecarLoggingExample, { namespace: "team", sidecarMode: mode });
            assert.equal(addSidecars(built as KubernetesObject, attachment), built, mode);
        }
    });

    it("shares a volume of the same name the pod already has, and leaves an app mount of it alone", () => {
        const object = workload("Deployment") as any;
        object.spec.template.spec.volumes = [{ name: "app-logs", emptyDir: {} }];
        object.spec.template.spec.containers = [
            { ...APP, volumeMounts: [{ name: "app-logs", mountPath: "/srv/logs" }] },
        ];
        const spec = podSpec(addSidecars(object, NATIVE));
        assert.deepEqual(spec.volumes, [{ name: "app-logs", emptyDir: {} }]);
        assert.deepEqual(spec.containers[0].volumeMounts, [{ name: "app-logs", mountPath: "/srv/logs" }]);
        assert.equal(spec.initContainers[0].name, "log-forwarder");
    });

    it("adds a volume of any source that needs no object of its own, and a mount of one file in it", () => {
        const attachment: SidecarAttachment = {
            ...NATIVE,
            volumes: [{ name: "app-logs", persistentVolumeClaim: { claimName: "logs" } }],
            appMounts: [{ volume: "app-logs", path: "/var/log/app/app.log", subPath: "app.log" }],
        };
        const spec = podSpec(addSidecars(workload("StatefulSet"), attachment));
        assert.deepEqual(spec.volumes, [{ name: "app-logs", persistentVolumeClaim: { claimName: "logs" } }]);
        assert.deepEqual(spec.containers[0].volumeMounts, [
            { name: "app-logs", mountPath: "/var/log/app/app.log", readOnly: false, subPath: "app.log" },
        ]);
    });

    it("mounts into the named app containers only", () => {
        const object = workload("Deployment") as any;
        object.spec.template.spec.containers = [APP, { name: "worker", image: "example/worker:1.0" }];
        const attachment = { ...NATIVE, appMounts: [{ ...NATIVE.appMounts![0], containers: ["worker"] }] };
        const spec = podSpec(addSidecars(object, attachment));
        assert.equal(spec.containers[0].volumeMounts, undefined);
        assert.equal(spec.containers[1].volumeMounts.length, 1);
    });

    it("refuses what Kubernetes would reject or the user did not mean, naming the workload", () => {
        const clash = workload("Deployment") as any;
        clash.spec.template.spec.containers = [{ ...APP, name: "log-forwarder" }];
        const pathTaken = workload("Deployment") as any;
        pathTaken.spec.template.spec.containers = [
            { ...APP, volumeMounts: [{ name: "data", mountPath: "/var/log/app" }] },
        ];
        const table: [string, KubernetesObject, SidecarAttachment, RegExp][] = [
            ["same name, other image", clash, NATIVE, /team\/web-deployment already has a container "log-forwarder"/],
            ["mount path taken", pathTaken, NATIVE, /container "app" already mounts volume "data" at \/var\/log\/app/],
            [
                "named container missing",
                workload("Deployment"),
                { ...NATIVE, appMounts: [{ volume: "app-logs", path: "/x", containers: ["nope"] }] },
                /has no app container "nope".*its app containers: app/,
            ],
        ];
        for (const [what, object, attachment, message] of table) {
            assert.throws(() => addSidecars(object, attachment), message, what);
        }
    });

    it("takes a workload of a class (a kubernetes-models Deployment, say) as data", () => {
        class Deployment {
            constructor(fields: object) {
                Object.assign(this, fields);
            }
        }
        const object = new Deployment(workload("Deployment")) as KubernetesObject;
        const spec = podSpec(addSidecars(object, NATIVE));
        assert.equal(spec.initContainers[0].name, "log-forwarder");
        assert.equal(spec.containers[0].name, "app");
    });

    it("knows which objects it can attach to", () => {
        assert.equal(attachableKind(workload("CronJob")), "CronJob");
        assert.equal(attachableKind({ apiVersion: "batch/v1", kind: "Deployment" }), undefined);
    });
});

describe("selectorMatches", () => {
    const labels = { app: "web", tier: "front" };
    const table: [LabelSelector, boolean][] = [
        [{}, true],
        [{ matchLabels: { app: "web" } }, true],
        [{ matchLabels: { app: "web", tier: "back" } }, false],
        [{ matchExpressions: [{ key: "tier", operator: "In", values: ["front", "edge"] }] }, true],
        [{ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["front"] }] }, false],
        [{ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a"] }] }, true],
        [{ matchExpressions: [{ key: "app", operator: "Exists" }] }, true],
        [{ matchExpressions: [{ key: "app", operator: "DoesNotExist" }] }, false],
        [{ matchLabels: { app: "web" }, matchExpressions: [{ key: "zone", operator: "Exists" }] }, false],
    ];
    for (const [selector, expected] of table) {
        it(`${JSON.stringify(selector)} → ${expected}`, () =>
            assert.equal(selectorMatches(selector, labels), expected));
    }
});
