import type { PodDefinition } from "../components/model";
import { BUSYBOX_IMAGE } from "./images";
import { runThenIdle } from "./shell";

// The seed's init container example: `init-container` prepares data in a shared volume and exits;
// only then does `displayer-container` start, print what it finds, and stay up so the pod becomes Ready.
export const initContainerExample: PodDefinition = {
    name: "init-container-test",
    pattern: "init-container",
    summary: "init-container writes a message into a shared emptyDir and exits; displayer-container prints it.",
    manifestFile: "init-container-example.yaml",
    volumes: [{ name: "shared-data", emptyDir: { sizeLimit: "1Mi" } }],
    initContainers: [
        {
            name: "init-container",
            image: BUSYBOX_IMAGE,
            env: [{ name: "POD_NAME", fieldRef: "metadata.name" }],
            // The pod name and the time prove the line was written by this pod's init container, this run.
            command: [
                "sh",
                "-c",
                'echo "Hello from init-container: prepared for pod $POD_NAME at $(date -u +%Y-%m-%dT%H:%M:%SZ)" | tee /shared-data/message.txt',
            ],
            mounts: [{ volume: "shared-data", path: "/shared-data" }],
        },
    ],
    containers: [
        {
            name: "displayer-container",
            image: BUSYBOX_IMAGE,
            command: runThenIdle(
                'echo "displayer-container found in /shared-data/message.txt:"',
                "cat /shared-data/message.txt",
            ),
            mounts: [{ volume: "shared-data", path: "/shared-data", readOnly: true }],
            readinessProbe: { exec: ["test", "-s", "/shared-data/message.txt"], periodSeconds: 5 },
        },
    ],
    evidence: [
        { logLine: { container: "init-container", text: "Hello from init-container" } },
        { relayedLine: { from: "init-container", to: "displayer-container", marker: "Hello from init-container" } },
    ],
};
