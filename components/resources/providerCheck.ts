import * as pulumi from "@pulumi/pulumi";
import { serverSideApplyProblem } from "../validation/provider";

// Gathers what validation/provider.ts judges: whether a Kubernetes provider reaches the component (the SDK has
// already combined opts.provider, opts.providers and the parent's into the component's own), the stack's config
// for the default provider, and the environment the provider reads when that config is unset.

const PACKAGE = "kubernetes";

/**
 * Throws a ResourceError on `component` when its objects would go through a server-side apply default provider.
 * Called first thing after `super`: before any child is registered.
 */
export function assertClientSideApply(component: pulumi.ComponentResource, name: string): void {
    const problem = serverSideApplyProblem({
        explicit: component.getProvider(`${PACKAGE}::`) !== undefined,
        configEnableServerSideApply: new pulumi.Config(PACKAGE).get("enableServerSideApply"),
        envEnableServerSideApply: process.env.PULUMI_K8S_ENABLE_SERVER_SIDE_APPLY,
    });
    if (problem !== undefined) throw new pulumi.ResourceError(`MultiContainerPod ${name}: ${problem}`, component, true);
}
