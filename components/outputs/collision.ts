// What a user reads when creating an object fails because one of that name exists already. The pods have the
// seed's fixed names, so a stack collides with the same example applied with kubectl (examples/*.yaml) or
// deployed by another stack in the same namespace. The provider's error names the object ("pods "x" already
// exists"); this adds the way out. Pure: the component's error hook (collisionHook) prints it.

/** The way out of an "already exists" failure of creating `type` with `inputs`, or undefined for other errors. */
export function alreadyExistsHint(
    type: string,
    inputs: { readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown } } | undefined,
    errors: readonly string[],
): string | undefined {
    if (!errors.some((error) => error.includes("already exists"))) return undefined;
    const kind = type.slice(type.lastIndexOf(":") + 1);
    const name = String(inputs?.metadata?.name ?? "");
    if (kind === "Namespace") {
        return (
            `namespace ${name} already exists, and this stack did not create it. To deploy into it, run ` +
            "`pulumi config set createNamespace false`; or choose another namespace: `pulumi config set namespace <name>`."
        );
    }
    const namespace = String(inputs?.metadata?.namespace ?? "default");
    return (
        `${kind} ${name} already exists in namespace ${namespace}, and this stack did not create it: it was applied ` +
        "with kubectl from examples/*.yaml, or another stack deployed it. Deploy this stack into another namespace: " +
        "`pulumi config set namespace <name>` (the program creates it)."
    );
}
