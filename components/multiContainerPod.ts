import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PodExampleDefinition } from "../examples/types";
import { basicAuthSecretName, htpasswdLine, needsBasicAuth } from "./basicAuth";
import { collisionHook } from "./collisionHook";
import { PodDescription } from "./describe";
import { KubectlTarget } from "./kubectl";
import { instanceLabel } from "./labels";
import { planPod } from "./podPlan";
import { SidecarMode, withSecretNames } from "./podSpec";
import {
    buildVerifyScript,
    credentialsInput,
    DEFAULT_VERIFY_OPTIONS,
    needsCredentials,
    parseVerifyOutput,
    SCRIPT_ENV,
    VERIFY_COMMAND,
    VerifyOptions,
} from "./verify/script";

export interface BasicAuthCredentials {
    readonly user: string;
    /** Made secret here if it is not already, so it never reaches the state in clear. */
    readonly password: pulumi.Input<string>;
    /** The {SSHA} salt: SALT_BYTES random bytes as hex, kept in state (see credentials.ts). */
    readonly saltHex: pulumi.Input<string>;
}

export interface MultiContainerPodArgs {
    /** The example to deploy. Validated, built and schema-checked before anything is registered. */
    readonly definition: PodExampleDefinition;
    /** Namespace of every object; it must exist, or be created by a resource in `opts.dependsOn`. Default "default". */
    readonly namespace?: string;
    /** Where sidecars run: "classic" app containers or "native" restartable init containers. Default "classic". */
    readonly sidecarMode?: SidecarMode;
    /**
     * Context and kubeconfig path written into the printed commands and used by verification. They must be the
     * Kubernetes provider's (components/kubeAccess.ts decides both for the program). Default: none, i.e.
     * kubectl's current context.
     */
    readonly kubeContext?: string;
    readonly kubeconfig?: string;
    /** `app.kubernetes.io/instance` of every object; the Service selects on it. Default `<project>-<stack>`. */
    readonly instance?: string;
    /** Required when the definition has a basicAuthSecret volume or evidence that needs credentials. */
    readonly basicAuth?: BasicAuthCredentials;
    /**
     * When creating the pod, Service or a ConfigMap fails because an object of that name exists (the kubectl
     * flow's, another stack's), also print the way out (components/collision.ts). It is an error hook: it
     * needs Pulumi CLI 3.217 or later, and Pulumi's unit-test mocks cannot register one. Default false.
     */
    readonly collisionHints?: boolean;
    /** Check the deployed pod with kubectl (see components/verify), or `false` to skip. Default: on, with DEFAULT_VERIFY_OPTIONS. */
    readonly verify?: false | Partial<VerifyOptions>;
}

/**
 * One example pod with its ConfigMaps, Secret and Service, plus an optional verification that the pattern
 * works on the cluster. Children wait for everything in `opts.dependsOn` (a namespace created beside it).
 * Give it a Kubernetes provider with `enableServerSideApply: false`, as index.ts does: in server-side apply
 * mode the preview of a pod replacement is a dry-run update of the live pod, which the API server refuses.
 */
export class MultiContainerPod extends pulumi.ComponentResource {
    /** Names, roles and the kubectl commands for every container; plain data, known at preview. */
    public readonly description: PodDescription;
    public readonly pod: k8s.core.v1.Pod;
    /** Container → last log lines, captured by verification; undefined when verification is off. */
    public readonly logs?: pulumi.Output<Record<string, string[]>>;

    constructor(name: string, args: MultiContainerPodArgs, opts?: pulumi.ComponentResourceOptions) {
        const def = args.definition;
        const target: KubectlTarget = {
            namespace: args.namespace ?? "default",
            context: args.kubeContext,
            kubeconfig: args.kubeconfig,
        };
        const instance = args.instance ?? instanceLabel(pulumi.getProject(), pulumi.getStack());
        const plan = planPod(def, target, args.sidecarMode ?? "classic", instance);
        if (needsBasicAuth(def) && !args.basicAuth) {
            throw new Error(`example "${def.name}" needs basic-auth credentials (args.basicAuth)`);
        }
        super("multi-container-pods:pods:MultiContainerPod", name, {}, opts);
        for (const warning of plan.warnings) pulumi.log.warn(warning, this);
        const before = explicitDependencies(opts?.dependsOn);
        // Pod, Service and ConfigMaps have names another stack or the kubectl flow may have taken.
        const hooks = args.collisionHints ? { onError: [collisionHook(name, this)] } : undefined;
        const password = args.basicAuth && pulumi.secret(args.basicAuth.password);

        // ConfigMap and Secret names carry a hash of their content: a change is a new object, created before
        // the pod is replaced and deleted after, so none of them needs delete-before-replace.
        const configMaps = plan.configMaps.map(
            ({ volume, configMap }) =>
                new k8s.core.v1.ConfigMap(
                    `${name}-${volume}`,
                    { metadata: configMap.metadata as k8s.types.input.meta.v1.ObjectMeta, data: configMap.data },
                    { parent: this, dependsOn: before, hooks },
                ),
        );
        const secretNames: Record<string, pulumi.Output<string>> = {};
        const secrets = def.volumes
            .filter((volume) => volume.kind === "basicAuthSecret")
            .map((volume) => {
                const htpasswd = pulumi
                    .all([password!, args.basicAuth!.saltHex])
                    .apply(([pw, salt]) => htpasswdLine(args.basicAuth!.user, pw, Buffer.from(salt, "hex")));
                // Unsecret: the name shows 32 bits of a hash of a salted hash, which reveals nothing usable;
                // a secret name would hide the whole pod spec in every diff.
                const secretName = pulumi.unsecret(htpasswd.apply((line) => basicAuthSecretName(def, volume, line)));
                const secret = new k8s.core.v1.Secret(
                    `${name}-${volume.name}`,
                    {
                        metadata: { name: secretName, namespace: target.namespace, labels: plan.pod.metadata?.labels },
                        type: "Opaque",
                        stringData: { htpasswd: pulumi.secret(htpasswd) },
                    },
                    { parent: this, dependsOn: before },
                );
                secretNames[volume.name] = secretName;
                return secret;
            });
        this.pod = new k8s.core.v1.Pod(
            `${name}-pod`,
            {
                metadata: plan.pod.metadata as k8s.types.input.meta.v1.ObjectMeta,
                spec: withSecretNames(plan.pod.spec!, secretNames) as k8s.types.input.core.v1.PodSpec,
            },
            // Pod fields are immutable, and the provider's diff would plan an in-place update for some spec
            // changes (adding a container) that the API server then refuses: every spec change replaces the
            // pod. The name is fixed, so the old pod must go first.
            {
                parent: this,
                hooks,
                deleteBeforeReplace: true,
                replaceOnChanges: ["spec"],
                dependsOn: [...before, ...configMaps, ...secrets],
            },
        );
        // Needs nothing but its namespace: created beside the pod. The provider's Service await would hold
        // every `up` 10 s after the last endpoints change (a fixed settle time in its await logic), so it is
        // skipped; verification checks instead that the Service has a ready endpoint, as soon as it does.
        const service = plan.service
            ? new k8s.core.v1.Service(
                  `${name}-service`,
                  {
                      metadata: {
                          ...(plan.service.metadata as k8s.types.input.meta.v1.ObjectMeta),
                          annotations: { ...plan.service.metadata?.annotations, [SKIP_AWAIT_ANNOTATION]: "true" },
                      },
                      spec: plan.service.spec as k8s.types.input.core.v1.ServiceSpec,
                  },
                  { parent: this, hooks, deleteBeforeReplace: true, dependsOn: before },
              )
            : undefined;

        if (args.verify !== false) {
            const options = { ...DEFAULT_VERIFY_OPTIONS, ...args.verify };
            const verification = new command.local.Command(
                `${name}-verify`,
                {
                    create: VERIFY_COMMAND,
                    interpreter: ["/bin/sh", "-c"],
                    environment: { [SCRIPT_ENV]: buildVerifyScript(def, target, options) },
                    stdin: needsCredentials(def)
                        ? pulumi.secret(password!.apply((pw) => credentialsInput(args.basicAuth!.user, pw)))
                        : undefined,
                    addPreviousOutputInEnv: false,
                    // A new pod (new uid) is checked again; an unchanged pod is not re-checked on every up.
                    triggers: [this.pod.metadata.uid],
                },
                { parent: this, dependsOn: service ? [this.pod, service] : [this.pod] },
            );
            // The script prints logs and never the credentials; the provider marks its output secret only
            // because an input is, and a secret `logs` output would hide every pod's logs behind [secret].
            this.logs = pulumi.unsecret(verification.stdout).apply((stdout) => parseVerifyOutput(stdout ?? ""));
        }
        this.description = plan.description;
        this.registerOutputs({ description: this.description, pod: this.pod, logs: this.logs });
    }
}

/** The Kubernetes provider's annotation that skips its await logic for one object. */
const SKIP_AWAIT_ANNOTATION = "pulumi.com/skipAwait";

/** The resources in a dependsOn option, which children do not inherit from their component on their own. */
function explicitDependencies(dependsOn: pulumi.ResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
    if (dependsOn === undefined) return [];
    if (Array.isArray(dependsOn)) return dependsOn;
    if (pulumi.Resource.isInstance(dependsOn)) return [dependsOn];
    throw new Error("MultiContainerPod: pass opts.dependsOn as a resource or an array of resources");
}
