import type { PodDefinition } from "../components/model";
import { BUSYBOX_IMAGE } from "./images";
import { shellScript } from "./shell";

// The seed's sidecar example, the logging use: `main-container` appends timestamped lines to a log file on
// a shared emptyDir; `sidecar-container` follows that file and forwards every line to its own stdout, where
// a cluster's log collector picks it up. The app never has to know about log shipping.

/** Size at which main-container rotates app.log: the 10Mi volume then holds at most ~2 MiB of log. */
export const LOG_MAX_BYTES = 1024 * 1024;

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
            // tee also prints each line to main-container's own log, so the two logs can be compared. The file
            // is rotated as a logging library would: past LOG_MAX_BYTES it becomes app.log.1 (replacing the
            // previous one) and a new app.log starts, so the volume holds at most about 2 × LOG_MAX_BYTES and the
            // pod is never evicted for outgrowing it. The rename happens just before a write, 2 s after the last
            // one, when the sidecar's `tail -F` (which polls every second) has read the old file to its end.
            command: shellScript(
                "i=0",
                "while true; do",
                "  i=$((i+1))",
                '  if [ -f /var/log/app/app.log ] && [ "$(wc -c </var/log/app/app.log)" -ge "$LOG_MAX_BYTES" ]; then',
                "    mv -f /var/log/app/app.log /var/log/app/app.log.1",
                "  fi",
                '  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) main-container handled request $i" | tee -a /var/log/app/app.log',
                "  sleep 2 & wait $!",
                "done",
            ),
            env: [{ name: "LOG_MAX_BYTES", value: String(LOG_MAX_BYTES) }],
            mounts: [{ volume: "app-logs", path: "/var/log/app" }],
        },
    ],
    sidecars: [
        {
            name: "sidecar-container",
            image: BUSYBOX_IMAGE,
            // A native sidecar starts before main-container has created the file: wait for it quietly rather
            // than have tail print "can't open" into the forwarded log. -F follows the file by name across
            // main-container's rotation (it reopens app.log when the name points to a new file).
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
