import type { KubectlTarget } from "../commands/kubectl";
import { podSelector, workloadLogsCommand } from "../commands/workload";
import type { PodDefinition, WorkloadKind } from "../model";
import { workloadKind } from "../model/helpers";

// What verification looks at: the workload of some kind, by the name it got, and how a person looks at one of
// its containers' logs themselves (the command a failure message ends with).

export interface VerifySubject {
    readonly kind: WorkloadKind;
    /** The workload object's name: a bare pod's, or the controller's, fixed or chosen by Pulumi. */
    readonly name: string;
    /** The Service's name, when the definition has one. */
    readonly service?: string;
    /** `key=value,…` that selects the workload's pods (and no other stack's). */
    readonly selector: string;
    /** The `kubectl logs` command that shows `container`'s log, as the outputs print it. */
    readonly logs: (container: string) => string;
}

export interface SubjectNames {
    readonly workload?: string;
    readonly service?: string;
    readonly instance?: string;
    /**
     * The uid of the object Pulumi deployed: verification first checks that the object it finds has it, so it
     * never passes on another cluster's or namespace's object of the same name.
     */
    readonly uid?: string;
    /**
     * Whether kubectl reads the kubeconfig's content from the environment variable KUBECONFIG_ENV (the
     * component's `kubeconfigContent`, secret) instead of a path: the script writes it to a private file.
     */
    readonly kubeconfigInEnv?: boolean;
}

/** The variable a kubeconfig given as content reaches verification in (never its command line). */
export const KUBECONFIG_ENV = "MCP_KUBECONFIG";

export function verifySubject(def: PodDefinition, target: KubectlTarget, names: SubjectNames = {}): VerifySubject {
    const kind = workloadKind(def);
    const name = names.workload ?? def.name;
    const selector = podSelector(def, names.instance);
    const logs = (container: string) => workloadLogsCommand(target, kind, name, selector, container);
    return { kind, name, service: names.service ?? (def.expose ? name : undefined), selector, logs };
}
