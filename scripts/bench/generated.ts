import { BUSYBOX_IMAGE } from "../../examples/images";
import { runThenIdle, shellScript } from "../../examples/shell";
import type { PodDefinition } from "../../components/model";

/** `count` distinct pods, each an init container, an app container and a sidecar sharing one volume. */
export function generatedDefinitions(count: number): PodDefinition[] {
    return Array.from({ length: count }, (_, i) => {
        const name = `bench-pod-${i}`;
        const mount = { volume: "shared", path: "/shared" };
        return {
            name,
            pattern: "logging",
            summary: `generated pod ${i}`,
            manifestFile: `${name}.yaml`,
            volumes: [{ name: "shared", emptyDir: {} }],
            initContainers: [
                {
                    name: "prepare",
                    image: BUSYBOX_IMAGE,
                    command: ["sh", "-c", `echo ${i} > /shared/id`],
                    mounts: [mount],
                },
            ],
            containers: [
                { name: "app", image: BUSYBOX_IMAGE, command: runThenIdle("cat /shared/id"), mounts: [mount] },
            ],
            sidecars: [
                {
                    name: "helper",
                    image: BUSYBOX_IMAGE,
                    command: shellScript("tail -F /shared/id & wait $!"),
                    mounts: [{ ...mount, readOnly: true }],
                },
            ],
            evidence: [{ relayedLine: { from: "prepare", to: "app", marker: String(i) } }],
        };
    });
}
