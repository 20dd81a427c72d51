import type { CollisionWayOut } from "../outputs/collision";

// This program's way out of a name collision, in its own stack config's terms: the library's messages speak of
// the component's arguments (outputs/collision.ts), which consumers of the package set in their own way.

export const PROGRAM_WAY_OUT: CollisionWayOut = (kind) =>
    kind === "Namespace"
        ? "To deploy into it, run `pulumi config set createNamespace false`; or choose another namespace: " +
          "`pulumi config set namespace <name>`."
        : "Deploy this stack into another namespace: `pulumi config set namespace <name>` (the program creates it).";
