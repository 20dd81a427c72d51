import { strict as assert } from "assert";
import type { ContainerDefinition, PodDefinition } from "../../components/model";
import { allExamples } from "../../examples";

// The localhost calls the diagrams draw are stated by hand in the definitions; each must be one the pod really
// makes.
function containers(def: PodDefinition): ContainerDefinition[] {
    return [...(def.initContainers ?? []), ...def.containers, ...(def.sidecars ?? [])];
}

/** The container's command and args, plus every config file it mounts: where a URL or listen address lives. */
function configuredText(def: PodDefinition, container: ContainerDefinition): string {
    const mounted = new Set((container.mounts ?? []).map((m) => m.volume));
    const files = def.volumes.flatMap((v) =>
        v.configFiles && mounted.has(v.name) ? Object.values(v.configFiles.files) : [],
    );
    return [...(container.command ?? []), ...(container.args ?? []), ...files].join("\n");
}

describe("the examples' localhost calls (drawn in the diagrams)", () => {
    it("are made by the examples that teach a proxy, an auth proxy and an exporter", () => {
        const withCalls = allExamples.filter((def) => (def.localhostCalls ?? []).length > 0);
        assert.deepEqual(
            withCalls.map((def) => def.name),
            ["monitoring-sidecar-test", "proxy-sidecar-test", "security-sidecar-test", "proxy-deployment-test"],
        );
    });

    for (const def of allExamples) {
        for (const call of def.localhostCalls ?? []) {
            it(`${def.name}: ${call.from} really calls ${call.to} on 127.0.0.1:${call.port}`, () => {
                const from = containers(def).find((c) => c.name === call.from)!;
                const to = containers(def).find((c) => c.name === call.to)!;
                assert.ok(from && to, "both containers exist");
                assert.ok(configuredText(def, from).includes(`127.0.0.1:${call.port}`), "the caller targets the port");
                const listens =
                    (to.ports ?? []).some((p) => p.containerPort === call.port) ||
                    new RegExp(`(127\\.0\\.0\\.1:|listen )${call.port}\\b`).test(configuredText(def, to));
                assert.ok(listens, "the callee listens on the port");
            });
        }
    }
});
