import type { PodDefinition } from "../components/model";
import { BUSYBOX_IMAGE } from "./images";
import { shellScript } from "./shell";

// The seed's sidecar example, the logging use: `main-container` appends timestamped lines to a log file on
// a shared emptyDir; `sidecar-container` follows that file and forwards every line to its own stdout, where
// a cluster's log collector picks it up. The app never has to know about log shipping.
export const sidecarLoggingExample: PodDefinition = {
    name: "sidecar-container-test",
    pattern: "logging",
    summary: "main-container appends to /var/log/app/app.log; sidecar-container streams that file to its stdout.",
    manifestFile: "side-car-container-example.yaml",
    volumes: [{ name: "app-logs", emptyDir: { sizeLimit: "10Mi" } }],
    containers: [
        {
            name: "main-container",
            image: BUSYBOX_IMAGE,
            // tee also prints each line to main-container's own log, so the two logs can be compared.
            command: shellScript(
                "i=0",
                "while true; do",
                "  i=$((i+1))",
                '  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) main-container handled request $i" | tee -a /var/log/app/app.log',
                "  sleep 2 & wait $!",
                "done",
            ),
            mounts: [{ volume: "app-logs", path: "/var/log/app" }],
        },
    ],
    sidecars: [
        {
            name: "sidecar-container",
            image: BUSYBOX_IMAGE,
            // A native sidecar starts before main-container has created the file: wait for it quietly rather
            // than have tail print "can't open" into the forwarded log. -F follows the file across rotation.
            command: shellScript(
                "until [ -f /var/log/app/app.log ]; do sleep 1 & wait $!; done",
                "tail -n +1 -F /var/log/app/app.log & wait $!",
            ),
            mounts: [{ volume: "app-logs", path: "/var/log/app", readOnly: true }],
        },
    ],
    evidence: [
        { logLine: { container: "main-container", text: "main-container handled request" } },
        {
            relayedLine: {
                from: "main-container",
                to: "sidecar-container",
                marker: "main-container handled request",
            },
        },
    ],
};
