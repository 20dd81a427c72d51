import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { sidecarTransform } from "../../../../components";
import { BUSYBOX_IMAGE } from "../../../../examples/images";

// The cluster test's program for sidecars added to workloads a team already has (test/cluster/transform.test.ts):
// a plain Deployment and a local Helm chart's Deployment, both written with no sidecar, and the logging sidecar
// added by a transform. Config `sidecar`: "stack" (the default) registers it for the whole stack, "chart" gives it
// to the Chart's `transforms` option only (its objects get it, the plain Deployment not), "none" to neither.
const config = new pulumi.Config();
const namespace = config.require("namespace");
const scope = config.get("sidecar") ?? "stack";
const provider = new k8s.Provider("kubernetes", { enableServerSideApply: false });

const logForwarding = sidecarTransform({
    sidecars: [
        {
            name: "log-forwarder",
            image: BUSYBOX_IMAGE,
            // It starts before the app (native): wait for the file, then stream it from its first line.
            command: [
                "sh",
                "-c",
                "until [ -f /var/log/app/app.log ]; do sleep 1; done; exec tail -n +1 -F /var/log/app/app.log",
            ],
            mounts: [{ volume: "app-logs", path: "/var/log/app", readOnly: true }],
        },
    ],
    // The plain Deployment has this volume already, mounted by its app: the sidecar shares it. The chart's gets
    // it, and its app the mount on the directory it writes to (the sidecar sees it at its own path).
    volumes: [{ name: "app-logs", emptyDir: { sizeLimit: "10Mi" } }],
    appMounts: [{ volume: "app-logs", path: "/tmp/log" }],
    sidecarMode: "native",
    match: { selector: { matchLabels: { logs: "forward" } } },
});
if (scope === "stack") pulumi.runtime.registerResourceTransform(logForwarding);

const labels = { app: "plain-app", logs: "forward" };
const plain = new k8s.apps.v1.Deployment(
    "plain-app",
    {
        metadata: { name: "plain-app", namespace, labels: { app: "plain-app" } },
        spec: {
            replicas: 1,
            selector: { matchLabels: { app: "plain-app" } },
            template: {
                metadata: { labels },
                spec: {
                    terminationGracePeriodSeconds: 5,
                    securityContext: {
                        runAsNonRoot: true,
                        runAsUser: 65534,
                        seccompProfile: { type: "RuntimeDefault" },
                    },
                    containers: [
                        {
                            name: "app",
                            image: BUSYBOX_IMAGE,
                            command: [
                                "sh",
                                "-c",
                                'i=0; while true; do i=$((i+1)); echo "plain-app wrote line $i" | tee -a /var/log/app/app.log; sleep 2 & wait $!; done',
                            ],
                            volumeMounts: [{ name: "app-logs", mountPath: "/var/log/app" }],
                            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                        },
                    ],
                    volumes: [{ name: "app-logs", emptyDir: {} }],
                },
            },
        },
    },
    { provider },
);

const chart = new k8s.helm.v4.Chart(
    "logs-chart",
    { chart: "./chart", namespace },
    { providers: [provider], transforms: scope === "chart" ? [logForwarding] : [] },
);

export const deployments = { plain: plain.metadata.name, chart: "logs-chart" };
export const chartResources = chart.resources.apply((resources) => resources.length);
