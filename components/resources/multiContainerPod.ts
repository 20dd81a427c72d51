import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { basicAuthSecretName, htpasswdLine, needsBasicAuth } from "../build/basicAuth";
import { collisionHook } from "./collisionHook";
import { randomCredentials } from "./credentials";
import { KubectlTarget } from "../commands/kubectl";
import { instanceLabel, OWNER_ANNOTATION, ownerUrn } from "../build/labels";
import type { PodDefinition, SidecarMode } from "../model";
import { basicAuthFileName, needsCredentials } from "../model/helpers";
import { describePod, PodDescription } from "../outputs/describe";
import { planPod } from "../build/plan";
import { validateComponentArgs } from "../validation/args";
import { withSecretNames } from "../build/pod";
import {
    buildVerifyScript,
    credentialsInput,
    DEFAULT_VERIFY_OPTIONS,
    parseVerifyOutput,
    SCRIPT_ENV,
    VERIFY_COMMAND,
    VerifyOptions,
} from "../verify/script";

export interface BasicAuthCredentials {
    readonly user: pulumi.Input<string>;
    /** Made secret here if it is not already, so it never reaches the state in clear. */
    readonly password: pulumi.Input<string>;
    /**
     * The {SSHA} salt: SALT_BYTES random bytes as hex, kept in state. Default: drawn once by a child
     * `${name}-basic-auth-salt` and kept in its state (see credentials.ts).
     */
    readonly saltHex?: pulumi.Input<string>;
}

export interface MultiContainerPodArgs {
    /** The pod. Validated, built and schema-checked before anything is registered: plain data, known at preview. */
    readonly definition: PodDefinition;
    /**
     * Namespace of every object, e.g. another resource's `metadata.name`; it must exist, or be created by a
     * resource in `opts.dependsOn`. Default "default".
     */
    readonly namespace?: pulumi.Input<string>;
    /** Where sidecars run: "classic" app containers or "native" restartable init containers. Default "classic". */
    readonly sidecarMode?: SidecarMode;
    /**
     * Context and kubeconfig path written into the printed commands and used by verification. They must be the
     * Kubernetes provider's (components/program/kubeAccess.ts decides both for the program). Default: none, i.e.
     * kubectl's current context.
     */
    readonly kubeContext?: string;
    readonly kubeconfig?: string;
    /** `app.kubernetes.io/instance` of every object; the Service selects on it. Default `<project>-<stack>`. */
    readonly instance?: string;
    /** Required when the definition has a basicAuthSecret volume or evidence that needs credentials. */
    readonly basicAuth?: pulumi.Input<BasicAuthCredentials>;
    /**
     * When creating the pod, Service or a ConfigMap fails because an object of that name exists (the kubectl
     * flow's, another stack's), also print the way out (components/outputs/collision.ts). It is an error hook: it
     * needs Pulumi CLI 3.217 or later, and Pulumi's unit-test mocks cannot register one. Default false.
     */
    readonly collisionHints?: boolean;
    /** Check the deployed pod with kubectl (see components/verify); needs kubectl on PATH. Default true. */
    readonly verify?: boolean;
    /** How verification waits and retries, and how many log lines it keeps. Default: DEFAULT_VERIFY_OPTIONS. */
    readonly verifyOptions?: Partial<VerifyOptions>;
}

const COMPONENT_TYPE = "multi-container-pods:index:MultiContainerPod";
/** The type token before the component became a package (`<package>:index:<Class>`); an alias keeps its stacks. */
const PREVIOUS_TYPE = "multi-container-pods:pods:MultiContainerPod";

/**
 * A multi-container pod with its ConfigMaps, Secrets and Service, plus an optional verification that the
 * pattern works on the cluster. Children wait for everything in `opts.dependsOn` (a namespace created beside it).
 * Give it a Kubernetes provider with `enableServerSideApply: false`, as index.ts does: in server-side apply
 * mode the preview of a pod replacement is a dry-run update of the live pod, which the API server refuses.
 */
export class MultiContainerPod extends pulumi.ComponentResource {
    /** Names, roles and the kubectl commands for every container; known at preview. */
    public readonly description: pulumi.Output<PodDescription>;
    public readonly pod: k8s.core.v1.Pod;
    /** One per configFiles volume, in volume order. */
    public readonly configMaps: k8s.core.v1.ConfigMap[];
    /** One per basicAuthSecret volume, in volume order. */
    public readonly secrets: k8s.core.v1.Secret[];
    /** In front of the exposed port; undefined when the definition exposes none. */
    public readonly service?: k8s.core.v1.Service;
    /** Container → last log lines, captured by verification; undefined when verification is off. */
    public readonly logs?: pulumi.Output<Record<string, string[]>>;

    constructor(name: string, args: MultiContainerPodArgs, opts?: pulumi.ComponentResourceOptions) {
        const def = args.definition;
        if (pulumi.Output.isInstance(def)) {
            throw new Error(`MultiContainerPod ${name}: the definition must be plain data, without secrets or outputs`);
        }
        validateComponentArgs(name, args);
        const instance = args.instance ?? instanceLabel(pulumi.getProject(), pulumi.getStack());
        const plan = planPod(def, args.sidecarMode ?? "classic", instance);
        if (needsBasicAuth(def) && !args.basicAuth) {
            throw new Error(`pod "${def.name}" needs basic-auth credentials (args.basicAuth)`);
        }
        super(COMPONENT_TYPE, name, {}, withAlias(opts));
        for (const warning of plan.warnings) pulumi.log.warn(warning, this);
        const before = explicitDependencies(opts?.dependsOn);
        // Pod, Service and ConfigMaps have names another stack or the kubectl flow may have taken.
        const cluster = { context: args.kubeContext, kubeconfig: args.kubeconfig };
        const hooks = args.collisionHints ? { onError: [collisionHook(name, this, cluster)] } : undefined;
        const namespace = pulumi.output(args.namespace ?? "default");
        // Every object says which resource made it (build/labels.ts, OWNER_ANNOTATION): what the collision hook reads.
        const owner = ownerUrn(pulumi.getProject(), pulumi.getStack(), COMPONENT_TYPE, name);
        const inNamespace = (metadata: { readonly annotations?: object } | object | undefined) =>
            ({
                ...metadata,
                namespace,
                annotations: { ...(metadata as { annotations?: object })?.annotations, [OWNER_ANNOTATION]: owner },
            }) as k8s.types.input.meta.v1.ObjectMeta;
        const target = namespace.apply((ns): KubectlTarget => ({
            namespace: ns,
            context: args.kubeContext,
            kubeconfig: args.kubeconfig,
        }));
        const credentials = args.basicAuth && pulumi.output(args.basicAuth);

        // ConfigMap and Secret names carry a hash of their content: a change is a new object, created before
        // the pod is replaced and deleted after, so none of them needs delete-before-replace.
        this.configMaps = plan.configMaps.map(
            ({ volume, configMap }) =>
                new k8s.core.v1.ConfigMap(
                    `${name}-${volume}`,
                    { metadata: inNamespace(configMap.metadata), data: configMap.data },
                    { parent: this, dependsOn: before, hooks },
                ),
        );
        const secretVolumes = def.volumes.filter((volume) => volume.basicAuthSecret !== undefined);
        const htpasswd = secretVolumes.length > 0 ? userFileLine(name, args.basicAuth!, this) : undefined;
        const secretNames: Record<string, pulumi.Output<string>> = {};
        this.secrets = secretVolumes.map((volume) => {
            // Unsecret: the name shows 32 bits of a hash of a salted hash, which reveals nothing usable;
            // a secret name would hide the whole pod spec in every diff.
            const secretName = pulumi.unsecret(htpasswd!.apply((line) => basicAuthSecretName(def, volume, line)));
            secretNames[volume.name] = secretName;
            return new k8s.core.v1.Secret(
                `${name}-${volume.name}`,
                {
                    metadata: inNamespace({ name: secretName, labels: plan.pod.metadata?.labels }),
                    type: "Opaque",
                    stringData: { [basicAuthFileName(volume)]: pulumi.secret(htpasswd!) },
                },
                { parent: this, hooks, dependsOn: before },
            );
        });
        this.pod = new k8s.core.v1.Pod(
            `${name}-pod`,
            {
                metadata: inNamespace(plan.pod.metadata),
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
                dependsOn: [...before, ...this.configMaps, ...this.secrets],
            },
        );
        // Needs nothing but its namespace: created beside the pod. The provider's Service await would hold
        // every `up` 10 s after the last endpoints change (a fixed settle time in its await logic), so it is
        // skipped; verification checks instead that the Service has a ready endpoint, as soon as it does.
        this.service = plan.service
            ? new k8s.core.v1.Service(
                  `${name}-service`,
                  {
                      metadata: {
                          ...inNamespace(plan.service.metadata),
                          annotations: {
                              ...inNamespace(plan.service.metadata).annotations,
                              [SKIP_AWAIT_ANNOTATION]: "true",
                          },
                      },
                      spec: plan.service.spec as k8s.types.input.core.v1.ServiceSpec,
                  },
                  { parent: this, hooks, deleteBeforeReplace: true, dependsOn: before },
              )
            : undefined;

        if (args.verify !== false) {
            const options = { ...DEFAULT_VERIFY_OPTIONS, ...args.verifyOptions };
            const verification = new command.local.Command(
                `${name}-verify`,
                {
                    create: VERIFY_COMMAND,
                    interpreter: ["/bin/sh", "-c"],
                    environment: { [SCRIPT_ENV]: target.apply((t) => buildVerifyScript(def, t, options)) },
                    stdin: needsCredentials(def)
                        ? pulumi.secret(credentials!.apply((auth) => credentialsInput(auth.user, auth.password)))
                        : undefined,
                    addPreviousOutputInEnv: false,
                    // A new pod (new uid) is checked again; an unchanged pod is not re-checked on every up.
                    triggers: [this.pod.metadata.uid],
                },
                { parent: this, dependsOn: this.service ? [this.pod, this.service] : [this.pod] },
            );
            // The script prints logs and never the credentials; the provider marks its output secret only
            // because an input is, and a secret `logs` output would hide every pod's logs behind [secret].
            this.logs = pulumi.unsecret(verification.stdout).apply((stdout) => parseVerifyOutput(stdout ?? ""));
        }
        this.description = target.apply((t) => describePod(def, t));
        // `logs` is left out: the verification Command's stdout already holds it in the state, and Pulumi saves
        // the whole state after every step, so each copy costs every later step of the update its size again.
        this.registerOutputs({
            description: this.description,
            pod: this.pod,
            configMaps: this.configMaps,
            secrets: this.secrets,
            service: this.service,
        });
    }
}

/** The Kubernetes provider's annotation that skips its await logic for one object. */
export const SKIP_AWAIT_ANNOTATION = "pulumi.com/skipAwait";

/**
 * The resources in a dependsOn option, which children do not inherit from their component on their own. An
 * Output or Promise (of a resource or of a list) stays one element: the SDK resolves nested ones in a list.
 */
function explicitDependencies(dependsOn: pulumi.ResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
    if (dependsOn === undefined) return [];
    if (Array.isArray(dependsOn)) return dependsOn;
    return [dependsOn as pulumi.Input<pulumi.Resource>];
}

/** `opts` with an alias to the component's previous type token, so stacks made before keep their resources. */
function withAlias(opts: pulumi.ComponentResourceOptions | undefined): pulumi.ComponentResourceOptions {
    return { ...opts, aliases: [...(opts?.aliases ?? []), { type: PREVIOUS_TYPE }] };
}

/** The nginx user file's line for `basicAuth`, salted with its saltHex or else a salt drawn once under `parent`. */
function userFileLine(
    name: string,
    basicAuth: pulumi.Input<BasicAuthCredentials>,
    parent: pulumi.Resource,
): pulumi.Output<string> {
    const drawn = hasKnownSalt(basicAuth)
        ? undefined
        : randomCredentials(`${name}-basic-auth-salt`, { parent }).saltHex;
    return pulumi
        .all([pulumi.output(basicAuth), drawn])
        .apply(([auth, salt]) => htpasswdLine(auth.user, auth.password, Buffer.from(auth.saltHex ?? salt!, "hex")));
}

/** Whether `basicAuth` is plain data that already holds a salt (else the component draws one). */
function hasKnownSalt(basicAuth: pulumi.Input<BasicAuthCredentials> | undefined): boolean {
    const plain = basicAuth !== undefined && !pulumi.Output.isInstance(basicAuth) && !(basicAuth instanceof Promise);
    return plain && (basicAuth as BasicAuthCredentials).saltHex !== undefined;
}
