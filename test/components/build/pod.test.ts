import { strict as assert } from "assert";
import { allExamples } from "../../../examples";
import { initContainerExample } from "../../../examples/init-container";
import { sidecarLoggingExample } from "../../../examples/sidecar-logging";
import { sidecarMonitoringExample } from "../../../examples/sidecar-monitoring";
import {
    buildConfigMaps,
    buildPod,
    buildService,
    configMapName,
    SIDECAR_MODES,
    withVolumeObjectNames,
} from "../../../components/build/pod";
import { sidecarProxyExample } from "../../../examples/sidecar-proxy";
import { sidecarSecurityExample } from "../../../examples/sidecar-security";

const containerNames = (list: { name: string }[] | undefined) => (list ?? []).map((c) => c.name);

describe("buildPod", () => {
    it("builds the seed's init-container-test pod with its exact names and shared volume", () => {
        const pod = buildPod(initContainerExample, { namespace: "default", sidecarMode: "classic" });
        assert.equal(pod.metadata?.name, "init-container-test");
        assert.equal(pod.metadata?.namespace, "default");
        assert.deepEqual(containerNames(pod.spec?.initContainers), ["init-container"]);
        assert.deepEqual(containerNames(pod.spec?.containers), ["displayer-container"]);
        assert.deepEqual(pod.spec?.volumes, [{ name: "shared-data", emptyDir: { sizeLimit: "1Mi" } }]);
        assert.deepEqual(pod.spec?.initContainers?.[0].volumeMounts, [
            { name: "shared-data", mountPath: "/shared-data", readOnly: false },
        ]);
        assert.deepEqual(pod.spec?.containers[0].volumeMounts, [
            { name: "shared-data", mountPath: "/shared-data", readOnly: true },
        ]);
        assert.deepEqual(pod.spec?.initContainers?.[0].env, [
            { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
        ]);
        assert.equal(pod.spec?.restartPolicy, "Always");
    });

    it("places the logging sidecar as a second app container in classic mode", () => {
        const pod = buildPod(sidecarLoggingExample, { namespace: "default", sidecarMode: "classic" });
        assert.equal(pod.metadata?.name, "sidecar-container-test");
        assert.equal(pod.spec?.initContainers, undefined);
        assert.deepEqual(containerNames(pod.spec?.containers), ["main-container", "sidecar-container"]);
        assert.equal(pod.spec?.containers[1].restartPolicy, undefined);
        const mounts = pod.spec?.containers.map((c) => c.volumeMounts);
        assert.deepEqual(mounts, [
            [{ name: "app-logs", mountPath: "/var/log/app", readOnly: false }],
            [{ name: "app-logs", mountPath: "/var/log/app", readOnly: true }],
        ]);
    });

    it("places the logging sidecar as a restartable init container in native mode", () => {
        const pod = buildPod(sidecarLoggingExample, { namespace: "default", sidecarMode: "native" });
        assert.deepEqual(containerNames(pod.spec?.initContainers), ["sidecar-container"]);
        assert.equal(pod.spec?.initContainers?.[0].restartPolicy, "Always");
        assert.deepEqual(containerNames(pod.spec?.containers), ["main-container"]);
    });

    it("puts native sidecars after the plain init containers", () => {
        const def = {
            ...sidecarLoggingExample,
            initContainers: initContainerExample.initContainers,
            volumes: [...sidecarLoggingExample.volumes, ...initContainerExample.volumes],
        };
        const pod = buildPod(def, { sidecarMode: "native" });
        assert.deepEqual(containerNames(pod.spec?.initContainers), ["init-container", "sidecar-container"]);
        assert.equal(pod.spec?.initContainers?.[0].restartPolicy, undefined);
    });

    for (const def of allExamples) {
        it(`keeps ${def.name}'s containers, volumes and names identical across sidecar modes`, () => {
            const [classic, native] = SIDECAR_MODES.map((sidecarMode) =>
                buildPod(def, { namespace: "ns", sidecarMode }),
            );
            const all = (pod: typeof classic) =>
                [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
                    .map(({ restartPolicy: _ignored, ...rest }) => rest)
                    .sort((a, b) => a.name.localeCompare(b.name));
            assert.deepEqual(all(native), all(classic));
            assert.deepEqual(native.spec?.volumes, classic.spec?.volumes);
            assert.deepEqual(native.metadata, classic.metadata);
        });
    }

    it("omits the namespace when none is given (the kubectl manifests)", () => {
        const pod = buildPod(initContainerExample, { sidecarMode: "classic" });
        assert.equal("namespace" in (pod.metadata ?? {}), false);
    });

    it("labels the pod so the Service selects it, on the container port's number", () => {
        const options = { namespace: "default", sidecarMode: "native" as const, instance: "p-dev" };
        const pod = buildPod(sidecarMonitoringExample, options);
        const service = buildService(sidecarMonitoringExample, options);
        assert.equal(pod.metadata?.labels?.["app.kubernetes.io/name"], "monitoring-sidecar-test");
        assert.equal(pod.metadata?.labels?.["app.kubernetes.io/instance"], "p-dev");
        assert.deepEqual(service?.spec?.selector, {
            "app.kubernetes.io/name": "monitoring-sidecar-test",
            "app.kubernetes.io/instance": "p-dev",
        });
        for (const [key, value] of Object.entries(service?.spec?.selector ?? {})) {
            assert.equal(pod.metadata?.labels?.[key], value, `the pod carries ${key}`);
        }
        // The number of the sidecar's port, which in native mode sits on a restartable init container.
        const sidecar = pod.spec?.initContainers?.find((c) => c.name === "metrics-exporter");
        assert.deepEqual(service?.spec?.ports, [{ name: "metrics", port: 9113, targetPort: 9113, protocol: "TCP" }]);
        assert.equal(sidecar?.ports?.[0].containerPort, service?.spec?.ports?.[0].targetPort);
        assert.equal(buildService(initContainerExample, { sidecarMode: "classic" }), undefined);
    });

    it("targets the exposed port's number, not the service port", () => {
        const service = buildService(sidecarProxyExample, { sidecarMode: "classic" });
        assert.deepEqual(service?.spec?.ports, [{ name: "proxy", port: 80, targetPort: 8081, protocol: "TCP" }]);
    });

    it("labels nothing with a stack's instance or managed-by without one (the kubectl manifests)", () => {
        const pod = buildPod(sidecarProxyExample, { sidecarMode: "classic" });
        const service = buildService(sidecarProxyExample, { sidecarMode: "classic" });
        for (const labels of [pod.metadata?.labels, service?.metadata?.labels, service?.spec?.selector]) {
            assert.equal(labels?.["app.kubernetes.io/instance"], undefined);
            assert.equal(labels?.["app.kubernetes.io/managed-by"], undefined);
        }
    });
});

describe("withVolumeObjectNames", () => {
    it("points each basicAuthSecret volume at the name given, leaving the others alone", () => {
        const pod = buildPod(sidecarSecurityExample, { sidecarMode: "classic" });
        const spec = withVolumeObjectNames(pod.spec!, { htpasswd: "security-sidecar-test-htpasswd-0123abcd" });
        assert.deepEqual(
            spec.volumes?.find((v) => v.name === "htpasswd"),
            { name: "htpasswd", secret: { secretName: "security-sidecar-test-htpasswd-0123abcd" } },
        );
        assert.deepEqual(
            spec.volumes?.filter((v) => v.name !== "htpasswd"),
            pod.spec?.volumes?.filter((v) => v.name !== "htpasswd"),
        );
        assert.deepEqual(spec.containers, pod.spec?.containers);
    });
});

describe("config files", () => {
    it("mounts a ConfigMap whose name changes with its content, so the pod is replaced on a change", () => {
        const volume = sidecarMonitoringExample.volumes[0];
        assert.ok(volume.configFiles);
        const name = configMapName(sidecarMonitoringExample, volume);
        assert.match(name, /^monitoring-sidecar-test-nginx-config-[0-9a-f]{8}$/);
        const changed = { ...volume, configFiles: { files: { "nginx.conf": "events {}" } } };
        assert.notEqual(configMapName(sidecarMonitoringExample, changed), name);
        const [configMap] = buildConfigMaps(sidecarMonitoringExample, { namespace: "default", sidecarMode: "classic" });
        assert.equal(configMap.metadata?.name, name);
        assert.match(configMap.data?.["nginx.conf"] ?? "", /stub_status/);
        const pod = buildPod(sidecarMonitoringExample, { namespace: "default", sidecarMode: "classic" });
        assert.deepEqual(pod.spec?.volumes?.[0], { name: "nginx-config", configMap: { name } });
    });
});
