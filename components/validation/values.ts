import type * as pulumi from "@pulumi/pulumi";
import type { PodDefinition } from "../model";
import { knownValue, ValueLeaf } from "../model/values";
import { imageProblem } from "./container";
import { labelValueProblem } from "./names";
import type { DefinitionIssue } from "./validate";

// The checks of the leaf values that may come from other resources (model/values.ts). validateDefinition makes
// them on the values known at once; pendingValueIssue on each of the others once it is known (at preview when
// the other resource exists already, else during the update), with the same message.

/** Annotations may hold at most 256 KiB in all (the API server's limit). */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;
/** A ConfigMap holds at most 1 MiB of data (the API server's limit). */
const CONFIG_MAP_MAX_BYTES = 1024 * 1024;

/** Keys and the values known now, in bytes, over the API server's limit; a value known later counts then. */
export function annotationsSizeProblem(annotations: Record<string, pulumi.Input<string>>): string | undefined {
    const bytes = byteSize(annotations, true);
    return bytes > ANNOTATIONS_MAX_BYTES ? `${bytes} bytes; at most ${ANNOTATIONS_MAX_BYTES}` : undefined;
}

/** The file contents known now, in bytes, over a ConfigMap's limit; a content known later counts then. */
export function configMapSizeProblem(files: Record<string, pulumi.Input<string>>): string | undefined {
    const bytes = byteSize(files, false);
    return bytes > CONFIG_MAP_MAX_BYTES
        ? `${bytes} bytes; a ConfigMap holds at most ${CONFIG_MAP_MAX_BYTES}`
        : undefined;
}

function byteSize(values: Record<string, pulumi.Input<string>>, withKeys: boolean): number {
    return Object.entries(values).reduce(
        (sum, [key, value]) =>
            sum + (withKeys ? Buffer.byteLength(key) : 0) + Buffer.byteLength(knownValue(value) ?? ""),
        0,
    );
}

/**
 * What is wrong with a leaf value that was not known when the definition was validated, now that it is `value`;
 * undefined when nothing is. A size counts it with the values of its map known at validation: two values known
 * only later are each checked so, and the API server has the last word on their sum.
 */
export function pendingValueIssue(def: PodDefinition, leaf: ValueLeaf, value: string): DefinitionIssue | undefined {
    const problem = pendingValueProblem(def, leaf, value);
    if (problem === undefined) return undefined;
    return { severity: "error", pod: def.name, container: leaf.container, field: problem[0], message: problem[1] };
}

function pendingValueProblem(def: PodDefinition, leaf: ValueLeaf, value: string): [string, string] | undefined {
    const at = (field: string, message: string | undefined): [string, string] | undefined =>
        message === undefined ? undefined : [field, message];
    // An output of another type (a missing field, a number) would fail below with a TypeError.
    if (typeof value !== "string") return at(leaf.field, `is ${JSON.stringify(value) ?? "undefined"}, not a string`);
    switch (leaf.kind) {
        case "image":
            return at(leaf.field, imageProblem(value));
        case "label":
            return at(leaf.field, labelValueProblem(value));
        case "annotation":
            return at(leaf.group, annotationsSizeProblem({ ...def.annotations, [leaf.key!]: value }));
        case "fileContent": {
            const index = Number(/^volumes\[(\d+)\]/.exec(leaf.group)?.[1]);
            const files = def.volumes[index]?.configFiles?.files ?? {};
            return at(leaf.group, configMapSizeProblem({ ...files, [leaf.key!]: value }));
        }
        case "envValue":
            return undefined;
    }
}
