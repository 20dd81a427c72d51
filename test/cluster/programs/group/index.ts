import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MultiContainerPod, PodDefinition } from "../../../../components";
import { PodVerification } from "../../../../components/verification";
import { allExamples } from "../../../../examples";
import { sidecarLoggingExample } from "../../../../examples/sidecar-logging";

// The cluster test's program for one verification of many pods (test/cluster/podVerification.test.ts): the five
// bare-pod examples in each of the namespaces the test made, each with verify false, all verified by one
// PodVerification; config adds a pod whose evidence never appears, or one more pod.
const config = new pulumi.Config();
const namespaces = config.require("namespaces").split(",");
const provider = new k8s.Provider("kubernetes", { enableServerSideApply: false });
const basicAuth = { user: "demo", password: config.requireSecret("basicAuthPassword"), saltHex: "6d63702d74657374" };

const pods = namespaces.flatMap((namespace) =>
    allExamples
        .filter((definition) => definition.workload === undefined)
        .map(
            (definition) =>
                new MultiContainerPod(
                    `${definition.name}-${namespace}`,
                    {
                        definition,
                        namespace,
                        verify: false,
                        basicAuth: definition.volumes.some((v) => v.basicAuthSecret) ? basicAuth : undefined,
                    },
                    { providers: [provider] },
                ),
        ),
);
/** A logging pod whose sidecar is said to relay a line nobody writes: its evidence never appears. */
const silent: PodDefinition = {
    ...sidecarLoggingExample,
    name: "silent-logging-test",
    manifestFile: undefined,
    evidence: [{ logLine: { container: "sidecar-container", text: "a line nobody writes" } }],
};
const extra: PodDefinition = { ...sidecarLoggingExample, name: "extra-logging-test", manifestFile: undefined };
const added = [
    ...(config.getBoolean("silentPod") ? [silent] : []),
    ...(config.getBoolean("extraPod") ? [extra] : []),
].map(
    (definition) =>
        new MultiContainerPod(
            definition.name,
            { definition, namespace: namespaces[0], verify: false },
            { providers: [provider] },
        ),
);

const group = new PodVerification(
    "all-pods",
    { pods: [...pods, ...added], options: { evidenceTimeoutSeconds: config.getNumber("evidenceTimeout") ?? 30 } },
    { providers: [provider] },
);
export const verified = group.verified;
export const podNames = pulumi.all([...pods, ...added].map((pod) => pod.workloadName));
