import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { basicAuthSecretName, htpasswdLine, needsBasicAuth } from "../build/basicAuth";
import { collisionHook } from "./collisionHook";
import { randomCredentials } from "./credentials";
import { KubectlTarget } from "../commands/kubectl";
import { instanceLabel, OWNER_ANNOTATION, ownerUrn } from "../build/labels";
import type { PodDefinition, SidecarMode, WorkloadKind } from "../model";
import { basicAuthFileName } from "../model/helpers";
import { describePod, PodDescription } from "../outputs/describe";
import { planPod } from "../build/plan";
import { withNamesFilledIn } from "../build/fillNames";
import { validateComponentArgs } from "../validation/args";
import type { VerifySettings } from "../verify/script";
import { imageUpdate, withPodShape } from "./imageUpdate";
import { recordPodSubject } from "./podSubjects";
import { assertClientSideApply } from "./providerCheck";
import { verification } from "./verification";
import { registerWorkload } from "./workloadResource";
import { imagesOf, withCheckedValues, withImages } from "./values";
import { configMapName, filesKnown } from "../build/volume";

export interface BasicAuthCredentials {
    /** The user name (no ':' or line break). */
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
    /**
     * The pod. Its structure (containers, volumes, ports, …) is plain data, validated, built and schema-checked
     * before anything is registered. Images, env values, file contents and label and annotation values may be
     * other resources' outputs (secret ones stay secret): each is checked as soon as it is known.
     */
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
    /** The kubeconfig file's path, used as kubeContext is. Default: none ($KUBECONFIG or ~/.kube/config). */
    readonly kubeconfig?: string;
    /**
     * The kubeconfig's content, when the Kubernetes provider is given content rather than a path (as EKS, GKE
     * and AKS programs build theirs): verification and in-place image updates then use exactly that cluster.
     * Kept secret: it reaches kubectl through a private temporary file, never a command line or clear state.
     * Default: none (the path above, else kubectl's own default, as the provider's).
     */
    readonly kubeconfigContent?: pulumi.Input<string>;
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
    readonly verifyOptions?: VerifySettings;
}

const COMPONENT_TYPE = "multi-container-pods:index:MultiContainerPod";
/** The type token before the component became a package (`<package>:index:<Class>`); an alias keeps its stacks. */
const PREVIOUS_TYPE = "multi-container-pods:pods:MultiContainerPod";

/**
 * A multi-container pod, deployed as the workload kind its definition names (a bare Pod by default; a
 * Deployment, StatefulSet, DaemonSet, Job or CronJob), with its ConfigMaps, Secrets and Service, plus an
 * optional verification that the pattern works on the cluster. Children wait for everything in `opts.dependsOn` (a namespace created beside it).
 * Give it a Kubernetes provider with `enableServerSideApply: false` (`{ providers: [provider] }`), as index.ts
 * does: in server-side apply mode a create silently takes over a same-named object applied with kubectl, and the
 * preview of a pod replacement is a dry-run update of the live pod, which the API server refuses. Without any
 * Kubernetes provider it refuses to run, unless the stack's config turns server-side apply off for the default
 * provider (validation/provider.ts). Its Commands (verification, in-place image updates, the basic-auth salt) take
 * a Command provider from the same options, as its Kubernetes objects do: how a program pins the plugin versions
 * it has when its SDKs are other versions (README, "With other SDK versions than the package's").
 */
export class MultiContainerPod extends pulumi.ComponentResource {
    /** Kind, name, roles and the kubectl commands for every container; known at preview when names are fixed. */
    public readonly description: pulumi.Output<PodDescription>;
    /** The workload's kind: "Pod", "Deployment", "StatefulSet", "DaemonSet", "Job" or "CronJob". */
    public readonly kind: WorkloadKind;
    /** The workload object's name: fixed, or the one Pulumi chose. */
    public readonly workloadName: pulumi.Output<string>;
    /** The bare Pod, when the definition runs as one (the default). */
    public readonly pod?: k8s.core.v1.Pod;
    /** The Deployment, when the definition runs as one (workload.deployment). */
    public readonly deployment?: k8s.apps.v1.Deployment;
    /** The StatefulSet, when the definition runs as one (workload.statefulSet). */
    public readonly statefulSet?: k8s.apps.v1.StatefulSet;
    /** The DaemonSet, when the definition runs as one (workload.daemonSet). */
    public readonly daemonSet?: k8s.apps.v1.DaemonSet;
    /** The Job, when the definition runs as one (workload.job). */
    public readonly job?: k8s.batch.v1.Job;
    /** The CronJob, when the definition runs as one (workload.cronJob). */
    public readonly cronJob?: k8s.batch.v1.CronJob;
    /** One per configFiles volume, in volume order. */
    public readonly configMaps: k8s.core.v1.ConfigMap[];
    /** One per basicAuthSecret volume, in volume order. */
    public readonly secrets: k8s.core.v1.Secret[];
    /** In front of the exposed port (a StatefulSet's headless Service); undefined when there is none. */
    public readonly service?: k8s.core.v1.Service;
    /** Container → last log lines, captured by verification (of the first pod); undefined when it is off. */
    public readonly logs?: pulumi.Output<Record<string, string[]>>;

    constructor(name: string, args: MultiContainerPodArgs, opts?: pulumi.ComponentResourceOptions) {
        if (pulumi.Output.isInstance(args.definition)) {
            throw new Error(
                `MultiContainerPod ${name}: the definition must be plain data; only its images, env values, file ` +
                    "contents and label and annotation values may be outputs",
            );
        }
        validateComponentArgs(name, args);
        // Values that come from other resources are checked when known; the objects carry the checked outputs.
        const def = withCheckedValues(args.definition);
        const instance = args.instance ?? instanceLabel(pulumi.getProject(), pulumi.getStack());
        const plan = planPod(def, args.sidecarMode ?? "classic", instance);
        if (needsBasicAuth(def) && !args.basicAuth) {
            throw new Error(`pod "${def.name}" needs basic-auth credentials (args.basicAuth)`);
        }
        super(COMPONENT_TYPE, name, {}, withAlias(opts));
        assertClientSideApply(this, name);
        for (const warning of plan.warnings) pulumi.log.warn(warning, this);
        const before = explicitDependencies(opts?.dependsOn);
        const fixedName = plan.name !== undefined;
        // Objects with fixed names may collide with another stack's or the kubectl flow's: say the way out, and
        // take back what an interrupted `up` of this very stack left behind.
        const cluster = { context: args.kubeContext, kubeconfig: args.kubeconfig };
        const hooks = args.collisionHints && fixedName ? { onError: [collisionHook(name, this, cluster)] } : undefined;
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
        const labels = plan.workload.metadata?.labels;

        // A fixed-name workload's ConfigMap and Secret names carry a hash of their content; an unnamed one's are
        // chosen by Pulumi, which replaces them when their data changes. Either way a change is a new object,
        // created before the pods move to it and deleted after: none needs delete-before-replace, and the new
        // name in the pod template is what rolls a controller's pods.
        this.configMaps = plan.configMaps.map(({ volume, configMap }) => {
            // Files that come from other resources: the content hash in a fixed name waits for them.
            const files = def.volumes.find((v) => v.name === volume)!;
            const metadata =
                fixedName && !filesKnown(files)
                    ? {
                          ...configMap.metadata,
                          name: pulumi
                              .all(files.configFiles!.files)
                              .apply((known) => configMapName(def, files, known)) as unknown as string,
                      }
                    : configMap.metadata;
            return new k8s.core.v1.ConfigMap(
                `${name}-${volume}`,
                { metadata: inNamespace(metadata), data: configMap.data },
                { parent: this, dependsOn: before, hooks },
            );
        });
        const objectNames: Record<string, pulumi.Output<string>> = {};
        plan.configMaps.forEach(({ volume }, i) => (objectNames[volume] = this.configMaps[i].metadata.name));
        const secretVolumes = def.volumes.filter((volume) => volume.basicAuthSecret !== undefined);
        const htpasswd = secretVolumes.length > 0 ? userFileLine(name, args.basicAuth!, this) : undefined;
        this.secrets = secretVolumes.map((volume) => {
            // Unsecret: the name shows 32 bits of a hash of a salted hash, which reveals nothing usable;
            // a secret name would hide the whole pod spec in every diff.
            const secretName = fixedName
                ? pulumi.unsecret(htpasswd!.apply((line) => basicAuthSecretName(def, volume, line)))
                : undefined;
            const secret = new k8s.core.v1.Secret(
                `${name}-${volume.name}`,
                {
                    metadata: inNamespace({ name: secretName, labels }),
                    type: "Opaque",
                    stringData: { [basicAuthFileName(volume)]: pulumi.secret(htpasswd!) },
                },
                { parent: this, hooks, dependsOn: before },
            );
            objectNames[volume.name] = pulumi.unsecret(secret.metadata.name);
            return secret;
        });
        // Needs nothing but its namespace: created beside the workload. The provider's Service await would hold
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
                  { parent: this, hooks, deleteBeforeReplace: fixedName, dependsOn: before },
              )
            : undefined;

        const verify = args.verify !== false;
        // An image changed in place needs kubectl, as verification does: without it, the pod is replaced.
        const inPlaceImages = plan.kind === "Pod" && verify;
        const filled = withNamesFilledIn(
            plan.workload,
            objectNames,
            this.service?.metadata.name,
            inNamespace(plan.workload.metadata),
        );
        // A bare pod whose images change in place is replaced when anything else of its spec changes: its shape.
        const object = inPlaceImages ? withPodShape(filled) : filled;
        const workload = registerWorkload(
            name,
            { kind: plan.kind, object, fixedName, inPlaceImages },
            { parent: this, hooks, dependsOn: [...before, ...this.configMaps, ...this.secrets] },
        );
        this.kind = plan.kind;
        // A secret value in the object (an env value, a label, the pod-shape hash of one) makes Pulumi mark its
        // whole metadata output secret; its name, uid and generation never hold one, and every output and
        // trigger is built from them. A trigger must be in clear anyway: at preview a secret unknown one fails
        // the Command ("malformed RPC secret: missing value for \"triggers\"", command 1.2.1, CLI 3.248).
        const workloadName = pulumi.unsecret(workload.metadata.name);
        const uid = pulumi.unsecret(workload.metadata.uid);
        const generation = pulumi.unsecret(workload.metadata.generation);
        this.workloadName = workloadName;
        this.pod = plan.kind === "Pod" ? (workload as k8s.core.v1.Pod) : undefined;
        this.deployment = plan.kind === "Deployment" ? (workload as k8s.apps.v1.Deployment) : undefined;
        this.statefulSet = plan.kind === "StatefulSet" ? (workload as k8s.apps.v1.StatefulSet) : undefined;
        this.daemonSet = plan.kind === "DaemonSet" ? (workload as k8s.apps.v1.DaemonSet) : undefined;
        this.job = plan.kind === "Job" ? (workload as k8s.batch.v1.Job) : undefined;
        this.cronJob = plan.kind === "CronJob" ? (workload as k8s.batch.v1.CronJob) : undefined;

        const kubeconfigContent =
            args.kubeconfigContent === undefined ? undefined : pulumi.secret(args.kubeconfigContent);
        const names = pulumi
            .all([workloadName, this.service?.metadata.name])
            .apply(([workloadName, service]) => ({ workload: workloadName, service, instance }));
        const images = inPlaceImages
            ? imageUpdate(name, def, uid, target, kubeconfigContent, { parent: this, dependsOn: [workload] })
            : undefined;
        if (verify) {
            const checked = verification(
                name,
                {
                    def,
                    target,
                    // The uid: verification checks it sees the very object Pulumi deployed.
                    names: pulumi
                        .all([names, uid])
                        .apply(([n, uid]) => ({ ...n, uid, kubeconfigInEnv: kubeconfigContent !== undefined })),
                    kubeconfigContent,
                    options: args.verifyOptions,
                    // Again for a new workload (uid), a new template (generation), new images set in place.
                    triggers: [uid, generation, ...(images ? [images.create] : [])],
                    credentials: credentials as pulumi.Output<{ user: string; password: string }> | undefined,
                },
                {
                    parent: this,
                    dependsOn: [workload, ...(this.service ? [this.service] : []), ...(images ? [images] : [])],
                },
            );
            this.logs = checked.logs;
        }
        // What a PodVerification of many pods needs of this one (podVerification.ts).
        recordPodSubject(this, {
            name,
            def,
            kind: plan.kind,
            verifiesItself: verify,
            cluster,
            kubeconfigContentArg: args.kubeconfigContent,
            kubeconfigContent,
            member: () =>
                pulumi.all([namespace, names, uid]).apply(([ns, n, uid]) => ({
                    namespace: ns,
                    pod: n.workload,
                    uid,
                    instance,
                    service: n.service,
                })),
            credentials: credentials as pulumi.Output<{ user: string; password: string }> | undefined,
            resources: [workload, ...(this.service ? [this.service] : [])],
        });
        // Only the images of the values: a secret env value never makes the description secret.
        this.description = pulumi
            .all([target, names, imagesOf(def)])
            .apply(([t, n, images]) => describePod(withImages(def, images), t, n));
        // `logs` is left out: the verification Command's stdout already holds it in the state, and Pulumi saves
        // the whole state after every step, so each copy costs every later step of the update its size again.
        // Only the outputs it has (one workload kind of six): each one costs the SDK a serialization and a promise.
        const outputs: Record<string, unknown> = {
            description: this.description,
            workloadName: this.workloadName,
            pod: this.pod,
            deployment: this.deployment,
            statefulSet: this.statefulSet,
            daemonSet: this.daemonSet,
            job: this.job,
            cronJob: this.cronJob,
            configMaps: this.configMaps,
            secrets: this.secrets,
            service: this.service,
        };
        this.registerOutputs(Object.fromEntries(Object.entries(outputs).filter(([, value]) => value !== undefined)));
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
