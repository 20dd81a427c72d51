import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PodExampleDefinition } from "../examples/types";
import { htpasswdLine, needsBasicAuth } from "./basicAuth";
import { PodDescription } from "./describe";
import { KubectlTarget } from "./kubectl";
import { planPod } from "./podPlan";
import { secretName, SidecarMode } from "./podSpec";
import {
    buildVerifyScript,
    CREDENTIAL_ENV,
    DEFAULT_VERIFY_OPTIONS,
    needsCredentials,
    parseVerifyOutput,
    VerifyOptions,
} from "./verify/script";

export interface BasicAuthCredentials {
    readonly user: string;
    readonly password: pulumi.Input<string>;
}

export interface MultiContainerPodArgs {
    /** The example to deploy. Validated, built and schema-checked before anything is registered. */
    readonly definition: PodExampleDefinition;
    /** Namespace of every object; it must exist (or be created by a resource in `dependsOn`). Default "default". */
    readonly namespace?: string;
    /** Where sidecars run: "classic" app containers or "native" restartable init containers. Default "classic". */
    readonly sidecarMode?: SidecarMode;
    /**
     * Context and kubeconfig path written into the printed commands and used by verification. They must match
     * the Kubernetes provider's. Default: none, i.e. kubectl's current context.
     */
    readonly kubeContext?: string;
    readonly kubeconfig?: string;
    /** Required when the definition has a basicAuthSecret volume or evidence that needs credentials. */
    readonly basicAuth?: BasicAuthCredentials;
    /** Check the deployed pod with kubectl (see components/verify), or `false` to skip. Default: on, with DEFAULT_VERIFY_OPTIONS. */
    readonly verify?: false | Partial<VerifyOptions>;
}

/**
 * One example pod with its ConfigMaps, Secret and Service, plus an optional verification that the pattern
 * works on the cluster. Pods keep fixed names, so every named child is replaced delete-before-create.
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
        const plan = planPod(def, target, args.sidecarMode ?? "classic");
        if (needsBasicAuth(def) && !args.basicAuth) {
            throw new Error(`example "${def.name}" needs basic-auth credentials (args.basicAuth)`);
        }
        super("multi-container-pods:pods:MultiContainerPod", name, {}, opts);
        for (const warning of plan.warnings) pulumi.log.warn(warning, this);

        const metadata = (objectName: string) => ({
            name: objectName,
            namespace: target.namespace,
            labels: plan.pod.metadata?.labels,
        });
        const configMaps = plan.configMaps.map(
            ({ volume, configMap }) =>
                new k8s.core.v1.ConfigMap(
                    `${name}-${volume}`,
                    { metadata: configMap.metadata as k8s.types.input.meta.v1.ObjectMeta, data: configMap.data },
                    { parent: this },
                ),
        );
        const secretVolumes = def.volumes.filter((volume) => volume.kind === "basicAuthSecret");
        const secrets = secretVolumes.map(
            (volume) =>
                new k8s.core.v1.Secret(
                    `${name}-${volume.name}`,
                    {
                        metadata: metadata(secretName(def, volume)),
                        type: "Opaque",
                        stringData: {
                            htpasswd: pulumi.secret(
                                pulumi
                                    .output(args.basicAuth!.password)
                                    .apply((password) => htpasswdLine(args.basicAuth!.user, password)),
                            ),
                        },
                    },
                    { parent: this, deleteBeforeReplace: true },
                ),
        );
        this.pod = new k8s.core.v1.Pod(
            `${name}-pod`,
            {
                metadata: plan.pod.metadata as k8s.types.input.meta.v1.ObjectMeta,
                spec: plan.pod.spec as k8s.types.input.core.v1.PodSpec,
            },
            // Fixed name: the old pod must go before the new one can exist. Most pod fields are immutable,
            // so a spec change is a replacement.
            { parent: this, deleteBeforeReplace: true, dependsOn: [...configMaps, ...secrets] },
        );
        const service = plan.service
            ? new k8s.core.v1.Service(
                  `${name}-service`,
                  {
                      metadata: plan.service.metadata as k8s.types.input.meta.v1.ObjectMeta,
                      spec: plan.service.spec as k8s.types.input.core.v1.ServiceSpec,
                  },
                  { parent: this, deleteBeforeReplace: true, dependsOn: [this.pod] },
              )
            : undefined;

        if (args.verify !== false) {
            const options = { ...DEFAULT_VERIFY_OPTIONS, ...args.verify };
            const verification = new command.local.Command(
                `${name}-verify`,
                {
                    create: buildVerifyScript(def, target, options),
                    environment: needsCredentials(def)
                        ? {
                              [CREDENTIAL_ENV.user]: args.basicAuth!.user,
                              [CREDENTIAL_ENV.password]: args.basicAuth!.password,
                          }
                        : undefined,
                    // A new pod (new uid) is checked again; an unchanged pod is not re-checked on every up.
                    triggers: [this.pod.metadata.uid],
                },
                { parent: this, dependsOn: service ? [this.pod, service] : [this.pod] },
            );
            // The script prints logs and never the password; the output is secret only because its
            // environment is, and a secret `logs` output would hide every pod's logs behind [secret].
            this.logs = pulumi.unsecret(verification.stdout).apply((stdout) => parseVerifyOutput(stdout ?? ""));
        }
        this.description = plan.description;
        this.registerOutputs({ description: this.description, pod: this.pod, logs: this.logs });
    }
}
