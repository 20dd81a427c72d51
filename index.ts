import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { needsBasicAuth } from "./components/build/basicAuth";
import { collisionHook } from "./components/resources/collisionHook";
import { PROGRAM_WAY_OUT } from "./components/program/collisionAdvice";
import { randomCredentials } from "./components/resources/credentials";
import { resolveKubeAccess, userHome } from "./components/program/kubeAccess";
import { instanceLabel, OWNER_ANNOTATION, ownerUrn } from "./components/build/labels";
import { MultiContainerPod } from "./components/resources/multiContainerPod";
import { buildNamespace, createsNamespace } from "./components/build/namespace";
import { allLogCommands } from "./components/outputs/describe";
import { configValue, InvalidConfigError, readStackSettings } from "./components/program/settings";
import { nativeSidecarPreflight, nativeSidecarUsers } from "./components/program/sidecarPreflight";
import { assertValidDefinitions, InvalidDefinitionError } from "./components/validation/validate";
import { allExamples } from "./examples";

// Reads the stack's config, deploys the selected examples, exports what a user needs to look at them.
// Every check runs before the first resource is registered; a bad value ends the run with its message alone
// (Pulumi prints a RunError without a stack trace).
const config = new pulumi.Config();
const settings = (() => {
    try {
        const read = readStackSettings((key) => config.get(key), allExamples);
        assertValidDefinitions(read.examples, read.sidecarMode);
        return read;
    } catch (err) {
        if (err instanceof InvalidConfigError || err instanceof InvalidDefinitionError) {
            throw new pulumi.RunError(err.message);
        }
        throw err;
    }
})();
const kube = resolveKubeAccess(settings, userHome(), process.cwd());
const instance = instanceLabel(pulumi.getProject(), pulumi.getStack());
// Native sidecars on a cluster without them would leave their pods waiting in Init: ask the cluster first.
const nativeUsers = nativeSidecarUsers(settings.examples, settings.sidecarMode);
if (nativeUsers.length > 0) {
    const preflight = nativeSidecarPreflight({ namespace: settings.namespace, ...kube }, nativeUsers);
    if (preflight.kind === "refused") throw new pulumi.RunError(preflight.message);
    if (preflight.kind === "skipped") pulumi.log.warn(preflight.reason);
}

// Client-side apply: a create is a plain create, which fails on an object of the same name instead of
// adopting it (server-side apply's upsert would take over, and destroy would delete, a pod applied with
// kubectl or a team's existing namespace), and a replaced pod's preview makes no server-side dry run, which the
// API server refuses for the live pod of the same name ("pod updates may not add or remove containers").
const provider = new k8s.Provider("kubernetes", {
    context: kube.context,
    kubeconfig: kube.kubeconfig,
    enableServerSideApply: false,
});
// The namespace says it is this stack's (its own URN in the owner annotation), so one an interrupted `up` created
// but never recorded is recognised, deleted and created again by the next (components/outputs/collision.ts).
const NAMESPACE_TYPE = "kubernetes:core/v1:Namespace";
const createdNamespace = createsNamespace(settings)
    ? new k8s.core.v1.Namespace(
          "namespace",
          {
              metadata: {
                  ...(buildNamespace(settings.namespace, instance).metadata as k8s.types.input.meta.v1.ObjectMeta),
                  annotations: {
                      [OWNER_ANNOTATION]: ownerUrn(pulumi.getProject(), pulumi.getStack(), NAMESPACE_TYPE, "namespace"),
                  },
              },
          },
          { provider, hooks: { onError: [collisionHook("namespace", undefined, kube, undefined, PROGRAM_WAY_OUT)] } },
      )
    : undefined;

// Basic auth: the configured password wins; without one, a generated password. The salt is always random.
const credentials = settings.examples.some(needsBasicAuth) ? randomCredentials("basic-auth-random") : undefined;
const basicAuthCredentials = credentials && {
    user: settings.basicAuthUser,
    password: pulumi
        .all([config.getSecret("basicAuthPassword"), credentials.password])
        .apply(([configured, generated]) => configValue(configured) ?? generated),
    saltHex: credentials.saltHex,
};

const examplePods = settings.examples.map(
    (definition) =>
        new MultiContainerPod(
            definition.name,
            {
                definition,
                namespace: settings.namespace,
                sidecarMode: settings.sidecarMode,
                kubeContext: kube.context,
                kubeconfig: kube.kubeconfig,
                instance,
                collisionHints: true,
                basicAuth: needsBasicAuth(definition) ? basicAuthCredentials : undefined,
                verify: settings.verify,
                verifyOptions: { tailLines: settings.logTailLines },
            },
            { providers: [provider], dependsOn: createdNamespace ? [createdNamespace] : [] },
        ),
);

export const namespace = settings.namespace;
export const sidecarMode = settings.sidecarMode;
const byPodName = <T>(value: (pod: MultiContainerPod) => T) =>
    Object.fromEntries(examplePods.map((pod, i) => [settings.examples[i].name, value(pod)]));
/** Pod name → name, namespace, pattern, containers with roles and `kubectl logs` commands, `kubectl get`. */
export const pods = pulumi.all(byPodName((pod) => pod.description));
/** Every container's `kubectl logs` command, init containers and sidecars included. */
export const logCommands = pulumi.all(examplePods.map((pod) => pod.description)).apply(allLogCommands);
/** Pod → container → last log lines, as verification captured them (absent when verify is false). */
export const logs = settings.verify ? pulumi.all(byPodName((pod) => pod.logs!)) : undefined;
/** The user and password the security example accepts (secret: `pulumi stack output basicAuth --show-secrets`). */
export const basicAuth = basicAuthCredentials
    ? pulumi.secret({ user: basicAuthCredentials.user, password: basicAuthCredentials.password })
    : undefined;
