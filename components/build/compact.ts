/** A copy of `value` without its undefined fields, so objects compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
