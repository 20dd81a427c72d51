import * as pulumi from "@pulumi/pulumi";
import type { PodDefinition } from "../model";
import { mapValueLeaves, valueLeaves } from "../model/values";
import { formatIssue } from "../validation/validate";
import { pendingValueIssue } from "../validation/values";

// The definition's leaf values that come from other resources (model/values.ts), checked when they are known.
// The structure was validated before anything was registered; each value known only later becomes an output
// that checks it, and it is that output the objects carry: an invalid value fails the resources that use it, with
// the validator's message, at preview when it is known then and during the update otherwise. An unknown value
// is not checked at preview. The check returns the value itself, so a secret stays a secret.

/** `def` with each leaf value not known yet replaced by an output of it that checks it once known. */
export function withCheckedValues(def: PodDefinition): PodDefinition {
    return mapValueLeaves(def, (leaf) => {
        if (typeof leaf.value === "string") return leaf.value;
        return pulumi.output(leaf.value).apply((value) => {
            const issue = pendingValueIssue(def, leaf, value);
            // A RunError: Pulumi prints its message alone, as it does a validation error at preview.
            if (issue) throw new pulumi.RunError(`invalid multi-container pod definition: ${formatIssue(issue)}`);
            return value;
        });
    });
}

/** Each container's image in the pod's container order (init containers, app containers, sidecars), as outputs. */
export function imagesOf(def: PodDefinition): pulumi.Output<string[]> {
    return pulumi.all(
        valueLeaves(def)
            .filter((leaf) => leaf.kind === "image")
            .map((leaf) => pulumi.output(leaf.value)),
    );
}

/** `def` with its images replaced by `images` (in imagesOf's order): what the outputs print. */
export function withImages(def: PodDefinition, images: readonly string[]): PodDefinition {
    let next = 0;
    return mapValueLeaves(def, (leaf) => (leaf.kind === "image" ? images[next++] : leaf.value));
}
