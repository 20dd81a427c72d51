import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { SALT_BYTES } from "../build/basicAuth";

/**
 * Random values for the stack's basic auth: a password (used when the config sets none) and the salt of its
 * bcrypt user file (build/basicAuth.ts).
 *
 * They are drawn from /dev/urandom by a `command.local.Command` that runs only when it is created; its stdout
 * is kept, secret, in the stack's state, so every later `pulumi up` reads the same values and shows no diff,
 * and nothing is printed (logging "none").
 *
 * Why not @pulumi/random, the usual tool: its provider plugin cannot run where this project is built and
 * tested (the Go module proxy refuses github.com/pulumi/pulumi-random/provider/v4 at every version, and no
 * copy of its source is vendored), while @pulumi/command is already part of the toolchain.
 */
export interface RandomCredentials {
    /** 32 hex characters (128 bits). Secret. */
    readonly password: pulumi.Output<string>;
    /** SALT_BYTES random bytes, hex-encoded. Secret. */
    readonly saltHex: pulumi.Output<string>;
}

const PASSWORD_BYTES = 16;
const TOTAL_BYTES = PASSWORD_BYTES + SALT_BYTES;

/** POSIX sh: TOTAL_BYTES random bytes as one line of lowercase hex. */
export const RANDOM_HEX_COMMAND = `od -An -N${TOTAL_BYTES} -tx1 /dev/urandom | tr -d ' \\n'`;

export function randomCredentials(name: string, opts?: pulumi.CustomResourceOptions): RandomCredentials {
    const generator = new command.local.Command(
        name,
        { create: RANDOM_HEX_COMMAND, interpreter: ["/bin/sh", "-c"], logging: "none" },
        { ...opts, additionalSecretOutputs: ["stdout"] },
    );
    const parsed = generator.stdout.apply(parseRandomHex);
    return {
        password: pulumi.secret(parsed.apply((values) => values.password)),
        saltHex: pulumi.secret(parsed.apply((values) => values.saltHex)),
    };
}

/** The password and salt in the generator's stdout; throws when it is not TOTAL_BYTES of hex. */
export function parseRandomHex(stdout: string): { password: string; saltHex: string } {
    const hex = stdout.trim();
    if (!new RegExp(`^[0-9a-f]{${2 * TOTAL_BYTES}}$`).test(hex)) {
        throw new Error(`the random generator printed ${hex.length} characters, not ${2 * TOTAL_BYTES} hex digits`);
    }
    return { password: hex.slice(0, 2 * PASSWORD_BYTES), saltHex: hex.slice(2 * PASSWORD_BYTES) };
}
