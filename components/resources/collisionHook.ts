import * as pulumi from "@pulumi/pulumi";
import { alreadyExistsHint } from "../outputs/collision";

/**
 * An error hook that, when creating a resource fails because its object exists already, prints the way out
 * (alreadyExistsHint) beside the provider's error, on `reportOn`. It never retries. Needs Pulumi CLI 3.217+.
 */
export function collisionHook(name: string, reportOn?: pulumi.Resource): pulumi.ErrorHook {
    return new pulumi.ErrorHook(`${name}-already-exists`, (args) => {
        const hint =
            args.failedOperation === "create" ? alreadyExistsHint(args.type, args.newInputs, args.errors) : undefined;
        if (hint) pulumi.log.error(hint, reportOn);
        return false;
    });
}
