import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { allLogCommands } from "./components/describe";
import { MultiContainerPod } from "./components/multiContainerPod";
import { readStackSettings, requireBasicAuthPassword } from "./components/settings";
import { assertValidExamples } from "./components/validate";
import { allExamples } from "./examples";

// Reads the stack's config, deploys the selected examples, exports what a user needs to look at them.
// Every check runs before the first resource is registered.
const config = new pulumi.Config();
const settings = readStackSettings((key) => config.get(key), allExamples);
assertValidExamples(settings.examples);
const basicAuthPassword = requireBasicAuthPassword(settings.examples, config.getSecret("basicAuthPassword"));

const provider = new k8s.Provider("kubernetes", { context: settings.kubeContext, kubeconfig: settings.kubeconfig });
const createdNamespace =
    settings.namespace === "default"
        ? undefined
        : new k8s.core.v1.Namespace("namespace", { metadata: { name: settings.namespace } }, { provider });

const examplePods = settings.examples.map(
    (definition) =>
        new MultiContainerPod(
            definition.name,
            {
                definition,
                namespace: settings.namespace,
                sidecarMode: settings.sidecarMode,
                kubeContext: settings.kubeContext,
                kubeconfig: settings.kubeconfig,
                basicAuth: basicAuthPassword && { user: settings.basicAuthUser, password: basicAuthPassword },
                verify: settings.verify && { tailLines: settings.logTailLines },
            },
            { providers: [provider], dependsOn: createdNamespace ? [createdNamespace] : [] },
        ),
);

export const namespace = settings.namespace;
export const sidecarMode = settings.sidecarMode;
/** Pod name → name, namespace, pattern, containers with roles and `kubectl logs` commands, `kubectl get`. */
export const pods = Object.fromEntries(examplePods.map((p) => [p.description.name, p.description]));
/** Every container's `kubectl logs` command, init containers and sidecars included. */
export const logCommands = allLogCommands(examplePods.map((p) => p.description));
/** Pod → container → last log lines, as verification captured them (absent when verify is false). */
export const logs = settings.verify
    ? pulumi.all(Object.fromEntries(examplePods.map((p) => [p.description.name, p.logs!])))
    : undefined;
