import { strict as assert } from "assert";
import { buildPod } from "../../../components/build/pod";
import type { PodDefinition } from "../../../components/model";
import { formatIssue, validateDefinition } from "../../../components/validation/validate";

// What a real application needs from the model: values from Secrets and ConfigMaps, claims and existing objects
// as volumes, scheduling, its own service account, other probes; built as Kubernetes takes them, validated as
// the API server would.

const app: PodDefinition = {
    name: "shop",
    annotations: { "prometheus.io/scrape": "true" },
    serviceAccountName: "shop-reader",
    nodeSelector: { "kubernetes.io/os": "linux" },
    tolerations: [{ key: "dedicated", operator: "Equal", value: "shop", effect: "NoSchedule" }],
    imagePullSecrets: ["registry-credentials"],
    terminationGracePeriodSeconds: 30,
    fsGroup: 10001,
    volumes: [
        { name: "data", persistentVolumeClaim: { claimName: "shop-data" } },
        { name: "settings", configMap: { name: "shop-settings" } },
        { name: "tls", secret: { secretName: "shop-tls" } },
        { name: "cache", emptyDir: { medium: "Memory", sizeLimit: "32Mi" } },
    ],
    containers: [
        {
            name: "app",
            image: "registry.example/shop:1.4.2",
            imagePullPolicy: "IfNotPresent",
            env: [
                { name: "DB_PASSWORD", secretKeyRef: { name: "shop-db", key: "password" } },
                { name: "MODE", configMapKeyRef: { name: "shop-settings", key: "mode", optional: true } },
            ],
            envFrom: [{ configMapRef: "shop-env", prefix: "SHOP_" }],
            mounts: [
                { volume: "data", path: "/var/lib/shop" },
                { volume: "settings", path: "/etc/shop/app.yaml", subPath: "app.yaml", readOnly: true },
                { volume: "tls", path: "/etc/tls", readOnly: true },
                { volume: "cache", path: "/cache" },
            ],
            ports: [{ name: "grpc", containerPort: 9000 }],
            readinessProbe: { grpc: { port: 9000 }, timeoutSeconds: 2, failureThreshold: 5 },
            livenessProbe: { tcpSocket: { portName: "grpc" }, initialDelaySeconds: 10 },
        },
    ],
};

describe("a real app's pod", () => {
    it("validates as the API server would: nothing to say", () => {
        assert.deepEqual(validateDefinition(app).map(formatIssue), []);
    });

    it("builds every field as Kubernetes takes it; the secret value is only a reference", () => {
        const pod = buildPod(app, { sidecarMode: "classic" });
        const spec = pod.spec!;
        const [c] = spec.containers;
        assert.deepEqual(pod.metadata?.annotations, { "prometheus.io/scrape": "true" });
        assert.equal(spec.serviceAccountName, "shop-reader");
        assert.deepEqual(spec.securityContext, {
            runAsNonRoot: true,
            seccompProfile: { type: "RuntimeDefault" },
            fsGroup: 10001,
        });
        assert.equal(spec.automountServiceAccountToken, true, "a pod with its own service account gets its token");
        assert.deepEqual(spec.nodeSelector, { "kubernetes.io/os": "linux" });
        assert.deepEqual(spec.tolerations, [
            { key: "dedicated", operator: "Equal", value: "shop", effect: "NoSchedule" },
        ]);
        assert.deepEqual(spec.imagePullSecrets, [{ name: "registry-credentials" }]);
        assert.equal(spec.terminationGracePeriodSeconds, 30);
        assert.deepEqual(spec.volumes, [
            { name: "data", persistentVolumeClaim: { claimName: "shop-data" } },
            { name: "settings", configMap: { name: "shop-settings" } },
            { name: "tls", secret: { secretName: "shop-tls" } },
            { name: "cache", emptyDir: { sizeLimit: "32Mi", medium: "Memory" } },
        ]);
        assert.deepEqual(c.env, [
            { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "shop-db", key: "password" } } },
            { name: "MODE", valueFrom: { configMapKeyRef: { name: "shop-settings", key: "mode", optional: true } } },
        ]);
        assert.deepEqual(c.envFrom, [{ prefix: "SHOP_", configMapRef: { name: "shop-env" } }]);
        assert.equal(c.imagePullPolicy, "IfNotPresent");
        assert.deepEqual(c.volumeMounts![1], {
            name: "settings",
            mountPath: "/etc/shop/app.yaml",
            readOnly: true,
            subPath: "app.yaml",
        });
        assert.deepEqual(c.readinessProbe, {
            grpc: { port: 9000 },
            periodSeconds: 10,
            timeoutSeconds: 2,
            failureThreshold: 5,
        });
        assert.deepEqual(c.livenessProbe, { tcpSocket: { port: "grpc" }, periodSeconds: 10, initialDelaySeconds: 10 });
    });

    it("keeps the secure default of no API token without a service account of its own", () => {
        const { serviceAccountName: _, ...plain } = app;
        assert.equal(buildPod(plain, { sidecarMode: "classic" }).spec!.automountServiceAccountToken, false);
    });

    const cases: [string, (def: PodDefinition) => PodDefinition, RegExp][] = [
        [
            "an env var with two sources",
            (d) => withContainer(d, { env: [{ name: "X", value: "1", secretKeyRef: { name: "s", key: "k" } }] }),
            /containers\[0\]\.env\[0\]: env "X" needs exactly one of value, fieldRef, resourceFieldRef, secretKeyRef, configMapKeyRef/,
        ],
        [
            "a Secret name that is no DNS subdomain",
            (d) => withContainer(d, { env: [{ name: "X", secretKeyRef: { name: "Shop_DB", key: "k" } }] }),
            /env\[0\]\.secretKeyRef\.name: "Shop_DB" is not a DNS-1123 subdomain/,
        ],
        [
            "a probe with two actions",
            (d) => withContainer(d, { readinessProbe: { grpc: { port: 9000 }, exec: ["true"] } }),
            /readinessProbe: set exactly one of httpGet, exec, tcpSocket, grpc/,
        ],
        [
            "a liveness probe asking for two successes",
            (d) => withContainer(d, { livenessProbe: { tcpSocket: { port: 9000 }, successThreshold: 2 } }),
            /livenessProbe\.successThreshold: must be 1/,
        ],
        [
            "a subPath leaving the volume",
            (d) => withContainer(d, { mounts: [{ volume: "data", path: "/x", subPath: "../etc" }] }),
            /mounts\[0\]\.subPath: "\.\.\/etc" must be a relative path inside the volume/,
        ],
        [
            "a toleration of Exists with a value",
            (d) => ({ ...d, tolerations: [{ key: "a", operator: "Exists", value: "b" }] }),
            /tolerations\[0\]\.value: must be empty with operator Exists/,
        ],
        [
            "a negative grace period",
            (d) => ({ ...d, terminationGracePeriodSeconds: -1 }),
            /terminationGracePeriodSeconds: -1 must be a whole number/,
        ],
        [
            "an fsGroup beyond a group id",
            (d) => ({ ...d, fsGroup: 2147483648 }),
            /fsGroup: 2147483648 must be a whole number from 0 to 2147483647/,
        ],
        [
            "a claim name that is no DNS subdomain",
            (d) => ({
                ...d,
                volumes: [{ name: "data", persistentVolumeClaim: { claimName: "Data!" } }, ...d.volumes.slice(1)],
            }),
            /volumes\[0\]: "Data!" is not a DNS-1123 subdomain/,
        ],
    ];
    for (const [title, change, message] of cases) {
        it(`refuses ${title}, naming pod, container and field`, () => {
            const errors = validateDefinition(change(app))
                .filter((i) => i.severity === "error")
                .map(formatIssue);
            assert.ok(
                errors.some((e) => message.test(e)),
                errors.join("\n"),
            );
        });
    }
});

function withContainer(def: PodDefinition, change: Partial<PodDefinition["containers"][number]>): PodDefinition {
    return { ...def, containers: [{ ...def.containers[0], ...change }] };
}
