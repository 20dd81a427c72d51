import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { needsCredentials } from "../model/helpers";
import { buildGroupVerifyScript, GroupMember, parseGroupOutput } from "../verify/groupScript";
import { credentialsInput, DEFAULT_VERIFY_OPTIONS, VerifySettings } from "../verify/script";
import { storeVerifyScript } from "../verify/scriptStore";
import type { MultiContainerPod } from "./multiContainerPod";
import { PodSubject, podSubjectOf } from "./podSubjects";
import { verifyCommand } from "./verification";

// One verification for many bare pods (verify/groupScript.ts): one Command instead of one per pod. At scale each
// resource costs Pulumi a save of the whole state, twice, and each pod's own verification costs its kubectl
// processes; the group is one resource and a few kubectl calls per namespace.

export interface PodVerificationArgs {
    /**
     * The bare pods to verify: MultiContainerPods of workload kind Pod, each with `verify: false` (this group
     * verifies it instead), all on the same cluster (kubeContext, kubeconfig, kubeconfigContent); any namespaces.
     */
    readonly pods: readonly MultiContainerPod[];
    /** How verification waits and retries, and how many log lines it reads. Default: DEFAULT_VERIFY_OPTIONS. */
    readonly options?: VerifySettings;
}

const COMPONENT_TYPE = "multi-container-pods:index:PodVerification";

/**
 * Verifies many bare pods at once: what each pod's own verification proves (it is the pod Pulumi deployed, it is
 * Ready, every piece of its evidence appears, its Service has a ready endpoint), with one Command for all of them
 * and kubectl calls per namespace, not per pod. It runs again when any pod is new (its uid), or when a pod joins
 * or leaves the group. A failure names each pod that misses evidence and what is missing.
 *
 * Its members have `verify: false`, so an image change replaces the pod (the in-place image update needs the
 * pod's own verification). TypeScript only: the package's schema cannot carry references to other components.
 */
export class PodVerification extends pulumi.ComponentResource {
    /** The Command that runs the verification. */
    public readonly command: command.local.Command;
    /** `namespace/pod` → the pieces of evidence it showed (its Service's ready endpoint counts as one). */
    public readonly verified: pulumi.Output<Record<string, number>>;

    constructor(name: string, args: PodVerificationArgs, opts?: pulumi.ComponentResourceOptions) {
        const subjects = checkedSubjects(name, args);
        super(COMPONENT_TYPE, name, {}, opts);
        const first = subjects[0];
        const options = { ...DEFAULT_VERIFY_OPTIONS, ...args.options };
        const members = pulumi
            .all(subjects.map((subject) => subject.member()))
            .apply((found) => found.map((member, i): GroupMember => ({ ...member, def: subjects[i].def })));
        const kubeconfigInEnv = first.kubeconfigContent !== undefined;
        const scriptId = members.apply((list) =>
            storeVerifyScript(buildGroupVerifyScript(list, { ...first.cluster, kubeconfigInEnv }, options)),
        );
        const withCredentials = subjects.filter((subject) => needsCredentials(subject.def));
        const stdin =
            withCredentials.length > 0
                ? pulumi.secret(
                      pulumi
                          .all(withCredentials.map((subject) => subject.credentials!))
                          .apply((all) => all.map((auth) => credentialsInput(auth.user, auth.password)).join("")),
                  )
                : undefined;
        this.command = verifyCommand(
            `${name}-verify`,
            {
                scriptId,
                kubeconfigContent: first.kubeconfigContent,
                stdin,
                // Again for a new pod, and when a pod joins or leaves the group.
                triggers: [members.apply((list) => list.map((member) => member.uid))],
            },
            { parent: this, dependsOn: subjects.flatMap((subject) => subject.resources) },
        );
        // The output holds no credentials; it is marked secret only because an input is.
        this.verified = pulumi.unsecret(this.command.stdout).apply((stdout) => parseGroupOutput(stdout ?? ""));
        this.registerOutputs({ command: this.command, verified: this.verified });
    }
}

/** Each pod's subject, or one error that names the group and every pod that cannot be a member, and why. */
function checkedSubjects(name: string, args: PodVerificationArgs): PodSubject[] {
    if (!Array.isArray(args?.pods) || args.pods.length === 0) {
        throw new Error(`PodVerification ${name}: pods must be a non-empty list of MultiContainerPods`);
    }
    const problems: string[] = [];
    const subjects: PodSubject[] = [];
    args.pods.forEach((pod, i) => {
        const subject = podSubjectOf(pod);
        if (subject === undefined) {
            problems.push(`pods[${i}] is not a MultiContainerPod`);
            return;
        }
        const which = `pods[${i}] (MultiContainerPod ${subject.name}, pod "${subject.def.name}")`;
        if (subjects.some((other) => other.name === subject.name)) problems.push(`${which} is listed twice`);
        if (subject.kind !== "Pod") {
            problems.push(
                `${which} runs as a ${subject.kind}: a group verifies bare pods; a controller's own verification already checks all its pods at once (give it verify: true and leave it out)`,
            );
        }
        if (subject.verifiesItself) {
            problems.push(`${which} verifies itself: give it verify: false, so that this group verifies it instead`);
        }
        const first = subjects[0] ?? subject;
        if (
            subject.cluster.context !== first.cluster.context ||
            subject.cluster.kubeconfig !== first.cluster.kubeconfig ||
            subject.kubeconfigContentArg !== first.kubeconfigContentArg
        ) {
            problems.push(
                `${which} is on another cluster than pods[0] (kubeContext, kubeconfig or kubeconfigContent differ): one group per cluster`,
            );
        }
        subjects.push(subject);
    });
    if (problems.length > 0) throw new Error(`PodVerification ${name}:\n  - ${problems.join("\n  - ")}`);
    return subjects;
}
