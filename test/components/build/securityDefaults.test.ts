import { strict as assert } from "assert";
import { allExamples } from "../../../examples";
import { buildPod, SIDECAR_MODES } from "../../../components/build/pod";
import {
    containerSecurityContext,
    DEFAULT_RESOURCES,
    findSecurityViolations,
    resolveResources,
} from "../../../components/build/securityDefaults";
import { initContainerExample } from "../../../examples/init-container";

describe("secure defaults", () => {
    for (const def of allExamples) {
        for (const sidecarMode of SIDECAR_MODES) {
            it(`${def.name} (${sidecarMode}) meets the restricted profile with requests and limits`, () => {
                const pod = buildPod(def, { namespace: "default", sidecarMode });
                assert.deepEqual(findSecurityViolations(pod), []);
                for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
                    for (const kind of ["requests", "limits"] as const) {
                        assert.ok(
                            c.resources?.[kind]?.["ephemeral-storage"],
                            `${c.name} states ${kind}.ephemeral-storage`,
                        );
                    }
                    assert.equal(c.securityContext?.readOnlyRootFilesystem, true, `${c.name} has a writable root`);
                    assert.notEqual(c.securityContext?.runAsUser, 0);
                }
            });
        }
    }

    it("applies overrides only where the definition sets them", () => {
        assert.equal(containerSecurityContext().runAsUser, 65534);
        assert.equal(containerSecurityContext({ runAsUser: 101 }).runAsGroup, 101);
        assert.equal(containerSecurityContext({ readOnlyRootFilesystem: false }).readOnlyRootFilesystem, false);
        assert.deepEqual(resolveResources({ limits: { memory: "128Mi" } }), {
            requests: DEFAULT_RESOURCES.requests,
            limits: { cpu: "100m", memory: "128Mi", "ephemeral-storage": "64Mi" },
        });
        assert.deepEqual(
            resolveResources({ requests: { ephemeralStorage: "1Gi" }, limits: { ephemeralStorage: "2Gi" } }),
            {
                requests: { cpu: "10m", memory: "16Mi", "ephemeral-storage": "1Gi" },
                limits: { cpu: "100m", memory: "64Mi", "ephemeral-storage": "2Gi" },
            },
        );
    });

    it("counts a container without ephemeral-storage request or limit as a violation", () => {
        const pod = buildPod(initContainerExample, { namespace: "default", sidecarMode: "classic" });
        const c = pod.spec!.containers[0];
        delete c.resources!.limits!["ephemeral-storage"];
        assert.deepEqual(findSecurityViolations(pod), [
            'container "displayer-container": resources.limits.ephemeral-storage is not set',
        ]);
    });

    it("lists every violation of a pod that breaks the rules", () => {
        const pod = buildPod(initContainerExample, { namespace: "default", sidecarMode: "classic" });
        const c = pod.spec!.containers[0];
        c.securityContext = { privileged: true, runAsUser: 0, capabilities: { add: ["SYS_ADMIN"] } };
        delete c.resources;
        pod.spec!.securityContext = {};
        pod.spec!.hostNetwork = true;
        pod.spec!.volumes!.push({ name: "host", hostPath: { path: "/" } });
        assert.deepEqual(findSecurityViolations(pod), [
            "pod: spec.hostNetwork must not be true",
            'pod: volume "host" has type hostPath, not allowed by restricted',
            'container "displayer-container": securityContext.privileged must not be true',
            'container "displayer-container": securityContext.allowPrivilegeEscalation must be false',
            'container "displayer-container": securityContext.capabilities.drop must include ALL',
            'container "displayer-container": securityContext.capabilities.add may only hold NET_BIND_SERVICE',
            'container "displayer-container": securityContext.runAsNonRoot must be true',
            'container "displayer-container": securityContext.runAsUser must not be 0',
            'container "displayer-container": securityContext.seccompProfile.type must be RuntimeDefault or Localhost',
            'container "displayer-container": resources.requests.cpu is not set',
            'container "displayer-container": resources.requests.memory is not set',
            'container "displayer-container": resources.requests.ephemeral-storage is not set',
            'container "displayer-container": resources.limits.cpu is not set',
            'container "displayer-container": resources.limits.memory is not set',
            'container "displayer-container": resources.limits.ephemeral-storage is not set',
        ]);
    });
});
