import type * as pulumi from "@pulumi/pulumi";

// A definition's leaf values (model/values.ts) go into the built objects as they are: the Kubernetes provider
// resolves an Input at any depth of an object. The objects keep kubernetes-models' plain types, which cannot say
// so; checks that read them as plain data (the schema) read a copy with placeholders in their place.

/** A leaf value placed into a built object as it is: a string, or an Input the provider resolves. */
export const placed = (value: pulumi.Input<string>): string => value as string;

/** A map of leaf values (labels, annotations, file contents) placed as they are. */
export const placedMap = (values: Readonly<Record<string, pulumi.Input<string>>>): Record<string, string> =>
    ({ ...values }) as Record<string, string>;

/** Whether `value` is plain data: a primitive, an array, or an object literal (not an Output or a Promise). */
function isPlain(value: unknown): boolean {
    if (value === null || typeof value !== "object") return true;
    if (Array.isArray(value)) return true;
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}

/** A copy of a built object with every value that is not plain data replaced by `placeholder`. */
export function withPlaceholders<T>(value: T, placeholder = "placeholder"): T {
    if (!isPlain(value)) return placeholder as T;
    if (Array.isArray(value)) return value.map((item) => withPlaceholders(item, placeholder)) as T;
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, withPlaceholders(item, placeholder)]),
    ) as T;
}
