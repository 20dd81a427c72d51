import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MultiContainerPod, PodDefinition } from "../../../../components";
import { jobNativeSidecarExample } from "../../../../examples/job-native-sidecar";
import { deploymentProxyExample } from "../../../../examples/deployment-proxy";
import { sidecarLoggingExample } from "../../../../examples/sidecar-logging";
import { nginxConfig } from "../../../../examples/nginx";

// The cluster tests' program for workload kinds and isolation (test/cluster/workloads.test.ts): the bundled
// definitions, and the same containers as other kinds, each switched by config, in the namespace the test made.
const config = new pulumi.Config();
const namespace = config.require("namespace");
const enabled = (config.get("deploy") ?? "").split(",").filter(Boolean);
// A kubeconfig given as content, as EKS/GKE/AKS programs build their provider; the component gets the same (or, to
// prove verification fails clearly on the wrong cluster, another one).
const providerKubeconfig = config.getSecret("providerKubeconfig");
const verifyKubeconfig = config.getSecret("verifyKubeconfig") ?? providerKubeconfig;
const provider = new k8s.Provider("kubernetes", {
    enableServerSideApply: false,
    ...(providerKubeconfig ? { kubeconfig: providerKubeconfig } : {}),
});

const logging: PodDefinition = {
    ...sidecarLoggingExample,
    // The isolation test changes the sidecar's image only (another reference to the same image).
    sidecars: sidecarLoggingExample.sidecars!.map((c) => ({ ...c, image: config.get("sidecarImage") ?? c.image })),
};
const proxyDeployment: PodDefinition = {
    ...deploymentProxyExample,
    // The rollout test changes the proxy's configuration only: one more response header.
    volumes: deploymentProxyExample.volumes.map((v) =>
        v.name === "proxy-config" && config.get("proxyHeader")
            ? {
                  ...v,
                  configFiles: {
                      files: {
                          "nginx.conf": nginxConfig(`
listen 8081;
location = /healthz { default_type text/plain; return 200 "ok\\n"; }
location / { proxy_pass http://127.0.0.1:8080; add_header X-Proxy-Version "${config.get("proxyHeader")}"; }
`),
                      },
                  },
              }
            : v,
    ),
};
/** The logging pattern's containers as every other kind: only `workload` differs. */
const asKind = (
    name: string,
    workload: PodDefinition["workload"],
    sidecarMode?: "native" | "classic",
): PodDefinition => ({
    ...sidecarLoggingExample,
    name,
    manifestFile: undefined,
    workload,
    ...(sidecarMode ? { sidecarMode } : {}),
});
const definitions: Record<string, PodDefinition> = {
    pod: logging,
    deployment: proxyDeployment,
    job: jobNativeSidecarExample,
    statefulset: asKind("logging-statefulset", { name: "logging-statefulset", statefulSet: { replicas: 2 } }),
    daemonset: asKind("logging-daemonset", { daemonSet: {} }),
    cronjob: {
        ...jobNativeSidecarExample,
        name: "batch-cronjob",
        // Suspended: verification starts the one run that proves the template.
        workload: { cronJob: { schedule: "0 3 * * *", suspend: true, job: { backoffLimit: 1 } } },
    },
    classicjob: { ...jobNativeSidecarExample, name: "classic-job", sidecarMode: "classic" },
};

const components = enabled.map(
    (key) =>
        new MultiContainerPod(
            definitions[key].name,
            { definition: definitions[key], namespace, kubeconfigContent: verifyKubeconfig },
            { providers: [provider] },
        ),
);
export const descriptions = pulumi.all(Object.fromEntries(components.map((c, i) => [enabled[i], c.description])));
export const logs = pulumi.all(Object.fromEntries(components.map((c, i) => [enabled[i], c.logs!])));
