import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { htpasswdLine } from "../../../components/build/basicAuth";
import { MultiContainerPod } from "../../../components";
import { PodVerification } from "../../../components/verification";
import { basicAuthFileName } from "../../../components/model/helpers";
import { SKIP_AWAIT_ANNOTATION } from "../../../components/resources/multiContainerPod";
import { planPod } from "../../../components/build/plan";
import { secretName } from "../../../components/build/pod";
import { allExamples } from "../../../examples";
import { deploymentProxyExample } from "../../../examples/deployment-proxy";
import type { ContainerDefinition } from "../../../components/model";
import { withBenchCpuRequest } from "./cpuRequest";

// The scale figures of `npm run bench:cluster`: `copies` copies of the five bare-pod examples, one namespace per copy
// `<namespacePrefix>-<i>` (pod names are fixed), created here.
//   variant component (default): through the public component, as a user of the package would write it.
//   variant raw:   Pulumi's own floor for the same objects: the pods, ConfigMaps, Secrets and Services the component
//                  registers, with the same options, as plain resources: no component, no verification.
//   variant deployment: one Deployment of `replicas` replicas of the proxy example through the component, in a
//                  namespace `<namespacePrefix>-0` created here (the Deployment row: against kubectl apply + rollout status).
//   variant graph: Pulumi's own floor for the component's resource graph: the same plain resources, each pod's
//                  under an empty component of the component's type, with a Command that runs `true` where the
//                  verification Command is (same triggers and dependencies; none with verify false): what Pulumi
//                  charges for those resources when they do no work.
const config = new pulumi.Config();
const variant = config.get("variant") ?? "component";
if (!["component", "raw", "graph", "deployment"].includes(variant)) {
    throw new Error(`variant must be component, raw, graph or deployment`);
}
const copies = variant === "deployment" ? 1 : config.requireNumber("copies");
const namespacePrefix = config.get("namespacePrefix") ?? "bench-scale";
const sidecarMode = config.get("sidecarMode") === "native" ? "native" : "classic";
const verify = config.getBoolean("verify") ?? true;
// One PodVerification for every pod (each with verify false) instead of each pod's own; in variant graph, one
// Command that runs `true` in its place.
const verifyGroup = verify && (config.getBoolean("verifyGroup") ?? false);
// A fixed salt keeps the bench free of a random generator; the password comes from the stack's config.
const password = config.requireSecret("basicAuthPassword");
const saltHex = "6d63702d62656e63";
const basicAuth = { user: "demo", password, saltHex };

// As index.ts: client-side apply (see there and the component's doc comment).
const provider = new k8s.Provider("kubernetes", { enableServerSideApply: false });
// The five bare pods: "N pods" are N pods (the workload examples add a Job and a Deployment's replicas).
const seedPods = allExamples.filter((definition) => definition.workload === undefined);
if (variant === "deployment") {
    const replicas = config.requireNumber("replicas");
    const name = `${namespacePrefix}-0`;
    const namespace = new k8s.core.v1.Namespace("namespace-0", { metadata: { name } }, { provider });
    const { workload } = deploymentProxyExample;
    // Each container requests the bench's CPU, as in the kubectl side's manifest (see cpuRequest.ts).
    const small = withBenchCpuRequest<ContainerDefinition>;
    const definition = {
        ...deploymentProxyExample,
        containers: deploymentProxyExample.containers.map(small),
        sidecars: deploymentProxyExample.sidecars?.map(small),
        initContainers: deploymentProxyExample.initContainers?.map(small),
        workload: { ...workload, deployment: { ...workload!.deployment, replicas } },
    };
    new MultiContainerPod(
        "proxy-deployment",
        { definition, namespace: name, sidecarMode, verify },
        { providers: [provider], dependsOn: [namespace] },
    );
}
const grouped: MultiContainerPod[] = [];
const groupedGraph: { pod: k8s.core.v1.Pod; service?: k8s.core.v1.Service }[] = [];
for (let copy = 0; copy < (variant === "deployment" ? 0 : copies); copy++) {
    const name = `${namespacePrefix}-${copy}`;
    const namespace = new k8s.core.v1.Namespace(`namespace-${copy}`, { metadata: { name } }, { provider });
    for (const definition of seedPods) {
        const prefix = `${definition.name}-${copy}`;
        if (variant === "raw") plainResources(prefix, definition, name, namespace);
        if (variant === "graph") graphResources(prefix, definition, name, namespace);
        if (variant !== "component") continue;
        const needsAuth = definition.volumes.some((volume) => volume.basicAuthSecret !== undefined);
        const pod = new MultiContainerPod(
            prefix,
            {
                definition,
                namespace: name,
                sidecarMode,
                basicAuth: needsAuth ? basicAuth : undefined,
                verify: verify && !verifyGroup,
            },
            { providers: [provider], dependsOn: [namespace] },
        );
        grouped.push(pod);
    }
}
if (verifyGroup && grouped.length > 0) {
    new PodVerification("all-pods", { pods: grouped }, { providers: [provider] });
}
if (verifyGroup && groupedGraph.length > 0) {
    const group = new pulumi.ComponentResource("multi-container-pods:index:PodVerification", "all-pods", {});
    new command.local.Command(
        "all-pods-verify",
        {
            create: "true",
            interpreter: ["/bin/sh", "-c"],
            addPreviousOutputInEnv: false,
            triggers: [pulumi.all(groupedGraph.map(({ pod }) => pod.metadata.uid))],
        },
        { parent: group, dependsOn: groupedGraph.flatMap(({ pod, service }) => (service ? [pod, service] : [pod])) },
    );
}

/** The component's resource graph for one pod: its plain objects under an empty component, and a no-op Command. */
function graphResources(
    prefix: string,
    definition: (typeof allExamples)[number],
    namespace: string,
    namespaceResource: k8s.core.v1.Namespace,
) {
    const group = new pulumi.ComponentResource(
        "multi-container-pods:index:MultiContainerPod",
        prefix,
        {},
        {
            providers: [provider],
            dependsOn: [namespaceResource],
        },
    );
    const { pod, service } = plainResources(prefix, definition, namespace, namespaceResource, group);
    if (verifyGroup) groupedGraph.push({ pod, service });
    if (!verify || verifyGroup) return;
    new command.local.Command(
        `${prefix}-verify`,
        { create: "true", interpreter: ["/bin/sh", "-c"], addPreviousOutputInEnv: false, triggers: [pod.metadata.uid] },
        { parent: group, dependsOn: service ? [pod, service] : [pod] },
    );
    // No registerOutputs call: the SDK's ComponentResource registers its (empty) outputs by itself.
}

/** The component's objects for one pod, registered directly with the options the component gives them. */
function plainResources(
    prefix: string,
    definition: (typeof allExamples)[number],
    namespace: string,
    namespaceResource: k8s.core.v1.Namespace,
    parent?: pulumi.Resource,
) {
    const opts = { provider, parent, dependsOn: [namespaceResource] };
    const plan = planPod(definition, sidecarMode, "bench-scale");
    const inNamespace = (metadata: object | undefined) =>
        ({ ...metadata, namespace }) as k8s.types.input.meta.v1.ObjectMeta;
    const configMaps = plan.configMaps.map(
        ({ volume, configMap }) =>
            new k8s.core.v1.ConfigMap(
                `${prefix}-${volume}`,
                { metadata: inNamespace(configMap.metadata), data: configMap.data },
                opts,
            ),
    );
    const secrets = definition.volumes
        .filter((volume) => volume.basicAuthSecret !== undefined)
        .map(
            (volume) =>
                new k8s.core.v1.Secret(
                    `${prefix}-${volume.name}`,
                    {
                        metadata: inNamespace({ name: secretName(definition, volume) }),
                        stringData: {
                            [basicAuthFileName(volume)]: pulumi.secret(
                                password.apply((p) => htpasswdLine("demo", p, Buffer.from(saltHex, "hex"))),
                            ),
                        },
                    },
                    opts,
                ),
        );
    const pod = new k8s.core.v1.Pod(
        `${prefix}-pod`,
        { metadata: inNamespace(plan.workload.metadata), spec: plan.workload.spec as k8s.types.input.core.v1.PodSpec },
        {
            ...opts,
            deleteBeforeReplace: true,
            replaceOnChanges: ["spec"],
            dependsOn: [namespaceResource, ...configMaps, ...secrets],
        },
    );
    if (!plan.service) return { pod };
    const metadata = inNamespace({
        ...plan.service.metadata,
        annotations: { ...plan.service.metadata?.annotations, [SKIP_AWAIT_ANNOTATION]: "true" },
    });
    const service = new k8s.core.v1.Service(
        `${prefix}-service`,
        { metadata, spec: plan.service.spec as k8s.types.input.core.v1.ServiceSpec },
        { ...opts, deleteBeforeReplace: true },
    );
    return { pod, service };
}

export const namespaces = Array.from({ length: copies }, (_, copy) => `${namespacePrefix}-${copy}`);
