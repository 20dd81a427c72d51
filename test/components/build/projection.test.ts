import { strict as assert } from "assert";
import { buildPod } from "../../../components/build/pod";
import { planPod } from "../../../components/build/plan";
import { findProfileViolations } from "../../../components/build/securityDefaults";
import { renderPodDiagram } from "../../../components/outputs/diagram";
import type { PodDefinition, VolumeDefinition } from "../../../components/model";
import { formatIssue, validateDefinition } from "../../../components/validation/validate";

// downwardAPI and projected volumes, and resourceFieldRef env vars: built as Kubernetes takes them, allowed by
// the restricted profile, refused as the API server would refuse them.

const podInfo: VolumeDefinition = {
    name: "podinfo",
    downwardAPI: {
        items: [
            { path: "labels", fieldRef: "metadata.labels" },
            {
                path: "memory-limit",
                resourceFieldRef: { containerName: "app", resource: "limits.memory", divisor: "1Mi" },
            },
        ],
    },
};
const bundle: VolumeDefinition = {
    name: "bundle",
    projected: {
        sources: [
            { secret: { name: "shop-tls", items: [{ key: "tls.crt", path: "tls/cert.pem" }] } },
            { configMap: { name: "shop-settings", optional: true } },
            { downwardAPI: { items: [{ path: "name", fieldRef: "metadata.name" }] } },
            { serviceAccountToken: { path: "vault-token", audience: "vault", expirationSeconds: 3600 } },
        ],
    },
};
const shop: PodDefinition = {
    name: "shop",
    volumes: [podInfo, bundle],
    containers: [
        {
            name: "app",
            image: "registry.example/shop:1.4.2",
            env: [
                { name: "MEMORY_MB", resourceFieldRef: { resource: "limits.memory", divisor: "1Mi" } },
                {
                    name: "PROXY_CPU",
                    resourceFieldRef: { containerName: "proxy", resource: "requests.cpu", divisor: "1m" },
                },
            ],
            mounts: [
                { volume: "podinfo", path: "/etc/podinfo", readOnly: true },
                { volume: "bundle", path: "/etc/bundle", readOnly: true },
            ],
        },
    ],
    sidecars: [{ name: "proxy", image: "registry.example/proxy:3.1.0" }],
};

const errorsOf = (def: PodDefinition) =>
    validateDefinition(def)
        .filter((issue) => issue.severity === "error")
        .map(formatIssue);

describe("downwardAPI and projected volumes, resourceFieldRef env vars", () => {
    it("validate as the API server would: nothing to say", () => {
        assert.deepEqual(validateDefinition(shop).map(formatIssue), []);
    });

    it("build as Kubernetes takes them, pass the schema check, and stay within the restricted profile", () => {
        const pod = buildPod(shop, { sidecarMode: "classic" });
        assert.deepEqual(pod.spec!.volumes, [
            {
                name: "podinfo",
                downwardAPI: {
                    items: [
                        { path: "labels", fieldRef: { fieldPath: "metadata.labels" } },
                        {
                            path: "memory-limit",
                            resourceFieldRef: { containerName: "app", resource: "limits.memory", divisor: "1Mi" },
                        },
                    ],
                },
            },
            {
                name: "bundle",
                projected: {
                    sources: [
                        { secret: { name: "shop-tls", items: [{ key: "tls.crt", path: "tls/cert.pem" }] } },
                        { configMap: { name: "shop-settings", optional: true } },
                        { downwardAPI: { items: [{ path: "name", fieldRef: { fieldPath: "metadata.name" } }] } },
                        { serviceAccountToken: { path: "vault-token", audience: "vault", expirationSeconds: 3600 } },
                    ],
                },
            },
        ]);
        assert.deepEqual(pod.spec!.containers[0].env, [
            { name: "MEMORY_MB", valueFrom: { resourceFieldRef: { resource: "limits.memory", divisor: "1Mi" } } },
            {
                name: "PROXY_CPU",
                valueFrom: { resourceFieldRef: { containerName: "proxy", resource: "requests.cpu", divisor: "1m" } },
            },
        ]);
        assert.deepEqual(findProfileViolations(pod), []);
        assert.doesNotThrow(() => planPod(shop, "classic"));
    });

    it("draws what backs each volume", () => {
        const diagram = renderPodDiagram(shop);
        assert.match(diagram, /downwardAPI: labels, memory-limit/);
        assert.match(
            diagram,
            /projected: Secret shop-tls, ConfigMap shop-settings, downwardAPI, service account token/,
        );
    });

    const cases: [string, PodDefinition, string][] = [
        [
            "a pod field a file cannot hold",
            withVolume({ name: "podinfo", downwardAPI: { items: [{ path: "ip", fieldRef: "status.podIP" }] } }),
            `field volumes[0].downwardAPI.items[0].fieldRef: "status.podIP" is not a pod field a file can hold: metadata.name, metadata.namespace, metadata.uid, metadata.labels, metadata.annotations, or metadata.labels['key'] / metadata.annotations['key']`,
        ],
        [
            "a resource file without its container",
            withVolume({
                name: "podinfo",
                downwardAPI: { items: [{ path: "cpu", resourceFieldRef: { resource: "limits.cpu" } }] },
            }),
            "field volumes[0].downwardAPI.items[0].resourceFieldRef.containerName: a volume must name the container whose resource it reads",
        ],
        [
            "a file path leaving the volume",
            withVolume({ name: "podinfo", downwardAPI: { items: [{ path: "../etc/x", fieldRef: "metadata.name" }] } }),
            'field volumes[0].downwardAPI.items[0].path: "../etc/x" must be a relative path inside the volume, without ".."',
        ],
        [
            "two projected sources writing one file",
            withVolume({
                name: "podinfo",
                projected: {
                    sources: [
                        { secret: { name: "a", items: [{ key: "k", path: "same" }] } },
                        { configMap: { name: "b", items: [{ key: "k", path: "same" }] } },
                    ],
                },
            }),
            'field volumes[0].projected.sources[1].configMap.items[0].path: "same" is already written by volumes[0].projected.sources[0].secret.items[0].path',
        ],
        [
            "a projected source with two kinds",
            withVolume({
                name: "podinfo",
                projected: { sources: [{ secret: { name: "a" }, configMap: { name: "b" } }] },
            }),
            "field volumes[0].projected.sources[0]: set exactly one of secret, configMap, downwardAPI, serviceAccountToken (set: secret and configMap)",
        ],
        [
            "a token shorter-lived than ten minutes",
            withVolume({
                name: "podinfo",
                projected: { sources: [{ serviceAccountToken: { path: "t", expirationSeconds: 60 } }] },
            }),
            "field volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: 60 must be a whole number from 600 to 4294967296",
        ],
        [
            "a CPU divisor in bytes",
            withEnv({ name: "CPU", resourceFieldRef: { resource: "limits.cpu", divisor: "1Mi" } }),
            'container "app", field containers[0].env[0].resourceFieldRef.divisor: "1Mi" must be one of: 1m, 1',
        ],
        [
            "a resource of a container the pod does not have",
            withEnv({ name: "CPU", resourceFieldRef: { containerName: "db", resource: "limits.cpu" } }),
            'container "app", field containers[0].env[0].resourceFieldRef.containerName: "db" is not a container of this pod',
        ],
    ];
    for (const [title, def, expected] of cases) {
        it(`refuses ${title}, naming the field`, () => {
            assert.deepEqual(errorsOf(def), [`pod "shop", ${expected}`]);
        });
    }
});

function withVolume(volume: VolumeDefinition): PodDefinition {
    return { ...shop, volumes: [volume, bundle] };
}

function withEnv(env: NonNullable<PodDefinition["containers"][number]["env"]>[number]): PodDefinition {
    return { ...shop, containers: [{ ...shop.containers[0], env: [env] }] };
}
