/** A count or percentage the model holds as a string ("1", "25%"), as Kubernetes' IntOrString wants it. */
export function intOrString(value: string | undefined): number | string | undefined {
    if (value === undefined) return undefined;
    return /^\d+$/.test(value) ? Number(value) : value;
}
