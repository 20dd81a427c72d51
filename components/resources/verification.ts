import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import type { KubectlTarget } from "../commands/kubectl";
import type { PodDefinition } from "../model";
import { needsCredentials } from "../model/helpers";
import {
    buildVerifyScript,
    credentialsInput,
    DEFAULT_VERIFY_OPTIONS,
    parseVerifyOutput,
    VerifySettings,
} from "../verify/script";
import { SCRIPT_ID_ENV, storeVerifyScript, VERIFY_COMMAND } from "../verify/scriptStore";
import { KUBECONFIG_ENV, SubjectNames } from "../verify/subject";

// The verification Command: it runs the script of verify/script.ts once the workload exists, and again only
// when what it checked changed (the triggers), never on an unchanged `pulumi up`. The script is kept in a file
// named by its hash (verify/scriptStore.ts), written as soon as it is known: the state holds only that id.

export interface VerificationArgs {
    readonly def: PodDefinition;
    readonly target: pulumi.Output<KubectlTarget>;
    readonly names: pulumi.Output<SubjectNames>;
    readonly options?: VerifySettings;
    /** What makes it run again: the workload's uid, its generation, the images set in place. */
    readonly triggers: pulumi.Input<unknown>[];
    readonly credentials?: pulumi.Output<{ user: string; password: string }>;
    /** A kubeconfig given as content (secret), handed to the script in its environment. */
    readonly kubeconfigContent?: pulumi.Output<string>;
}

export function verification(
    name: string,
    args: VerificationArgs,
    opts: pulumi.CustomResourceOptions,
): { command: command.local.Command; logs: pulumi.Output<Record<string, string[]>> } {
    const options = { ...DEFAULT_VERIFY_OPTIONS, ...args.options };
    const scriptId = pulumi
        .all([args.target, args.names])
        .apply(([target, names]) => storeVerifyScript(buildVerifyScript(args.def, target, options, names)));
    const stdin =
        needsCredentials(args.def) && args.credentials
            ? pulumi.secret(args.credentials.apply((auth) => credentialsInput(auth.user, auth.password)))
            : undefined;
    const run = verifyCommand(
        `${name}-verify`,
        { scriptId, kubeconfigContent: args.kubeconfigContent, stdin, triggers: args.triggers },
        opts,
    );
    // The script prints logs and never the credentials; the provider marks its output secret only because an
    // input is, and a secret `logs` output would hide every pod's logs behind [secret].
    const logs = pulumi.unsecret(run.stdout).apply((stdout) => parseVerifyOutput(stdout ?? ""));
    return { command: run, logs };
}

/**
 * A Command that runs the stored verification script `scriptId` (verify/scriptStore.ts): credentials on its
 * standard input, a kubeconfig given as content in its environment, again only when a trigger changes.
 */
export function verifyCommand(
    name: string,
    args: {
        readonly scriptId: pulumi.Output<string>;
        readonly kubeconfigContent?: pulumi.Output<string>;
        readonly stdin?: pulumi.Output<string>;
        readonly triggers: pulumi.Input<unknown>[];
    },
    opts: pulumi.CustomResourceOptions,
): command.local.Command {
    return new command.local.Command(
        name,
        {
            create: VERIFY_COMMAND,
            interpreter: ["/bin/sh", "-c"],
            environment: {
                [SCRIPT_ID_ENV]: args.scriptId,
                ...(args.kubeconfigContent ? { [KUBECONFIG_ENV]: args.kubeconfigContent } : {}),
            },
            stdin: args.stdin,
            addPreviousOutputInEnv: false,
            triggers: args.triggers,
        },
        opts,
    );
}
