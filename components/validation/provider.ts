// Which Kubernetes provider the component's objects would go through, judged before anything is registered. The
// component gives its objects fixed names, and a provider in server-side apply mode turns a create into an upsert:
// it silently takes over an object of that name applied with kubectl (and `pulumi destroy` then deletes it), and
// the preview of a pod replacement is a dry-run update the API server refuses. Pulumi's default Kubernetes provider
// is in that mode unless its stack config or environment turns it off. An explicit provider's settings are its
// own (the SDK keeps a provider's inputs private), so only the default provider can be judged here.

/** What decides the mode of the provider the component would use. */
export interface KubernetesProviderFacts {
    /** A Kubernetes provider reaches the component (opts.provider, opts.providers, or its parent's). */
    readonly explicit: boolean;
    /** The stack's `kubernetes:enableServerSideApply` config, which the default provider reads; undefined when unset. */
    readonly configEnableServerSideApply?: string;
    /** PULUMI_K8S_ENABLE_SERVER_SIDE_APPLY, which the provider reads when its config is unset. */
    readonly envEnableServerSideApply?: string;
}

/** The fix, as a user writes it. */
export const CLIENT_SIDE_PROVIDER = 'new k8s.Provider("k8s", { enableServerSideApply: false })';

/** Why the component must not use the provider the facts describe, or undefined when it may. */
export function serverSideApplyProblem(facts: KubernetesProviderFacts): string | undefined {
    if (facts.explicit) return undefined;
    const setting = facts.configEnableServerSideApply ?? facts.envEnableServerSideApply;
    if (setting !== undefined && setting.trim().toLowerCase() === "false") return undefined;
    return (
        "no Kubernetes provider was given (opts.provider or opts.providers), so its objects would go through " +
        "Pulumi's default Kubernetes provider, which applies them server-side: creating an object would silently " +
        "take over one of the same name applied with kubectl (and `pulumi destroy` would delete it), and replacing " +
        `a pod would fail in preview. Give it a client-side apply provider: ${CLIENT_SIDE_PROVIDER}, passed as ` +
        "{ providers: [provider] }; or turn server-side apply off for the default provider " +
        "(`pulumi config set kubernetes:enableServerSideApply false`)."
    );
}
