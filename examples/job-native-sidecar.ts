import type { PodDefinition } from "../components/model";
import { BUSYBOX_IMAGE } from "./images";
import { shellScript } from "./shell";

// The headline use of native sidecars (KEP-753): a Job whose sidecar no longer keeps it from completing.
// `batch-step` computes a few results, appends each to a file on a shared emptyDir and exits 0;
// `results-shipper`, a native sidecar, streams that file to its own stdout (where a log collector ships it).
// It starts before the batch step and is stopped by the kubelet once the batch step has exited, so the Job
// completes. As a classic sidecar it would never exit and the Job would run forever: the validator refuses that.
export const jobNativeSidecarExample: PodDefinition = {
    name: "batch-job-test",
    pattern: "logging",
    summary:
        "batch-step writes its results and exits; results-shipper, a native sidecar, ships them; the Job completes.",
    sidecarMode: "native",
    // A fixed name, as the seed's pods have: commands read as the tutorial's, and an interrupted `up`'s leftover
    // is recognised by name (a library user who leaves it out gets a name Pulumi chooses).
    workload: { name: "batch-job-test", job: { backoffLimit: 2, activeDeadlineSeconds: 300 } },
    volumes: [{ name: "results", emptyDir: { sizeLimit: "1Mi" } }],
    containers: [
        {
            name: "batch-step",
            image: BUSYBOX_IMAGE,
            command: shellScript(
                "for i in 1 2 3 4 5; do",
                '  echo "batch-step result $i: $((i * i))" | tee -a /results/results.log',
                "  sleep 1",
                "done",
                'echo "batch-step finished: 5 results"',
                // Give the shipper time to read the last lines before the kubelet stops it.
                "sleep 3",
            ),
            mounts: [{ volume: "results", path: "/results" }],
        },
    ],
    sidecars: [
        {
            name: "results-shipper",
            image: BUSYBOX_IMAGE,
            command: shellScript(
                "until [ -f /results/results.log ]; do sleep 1 & wait $!; done",
                "tail -n +1 -F /results/results.log & wait $!",
            ),
            mounts: [{ volume: "results", path: "/results", readOnly: true }],
        },
    ],
    evidence: [
        { logLine: { container: "batch-step", text: "batch-step finished" } },
        { relayedLine: { from: "batch-step", to: "results-shipper", marker: "batch-step result" } },
    ],
};
