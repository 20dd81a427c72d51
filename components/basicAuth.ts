import { createHash } from "crypto";
import type { PodExampleDefinition } from "../examples/types";
import { needsCredentials } from "./verify/script";

/** Whether deploying `def` needs the stack's basic-auth credentials: for its Secret or for its evidence. */
export function needsBasicAuth(def: PodExampleDefinition): boolean {
    return def.volumes.some((volume) => volume.kind === "basicAuthSecret") || needsCredentials(def);
}

/**
 * One line of an nginx `auth_basic_user_file`: `user:{SSHA}base64(sha1(password + salt) + salt)`.
 * The salt is derived from the credentials themselves so the same config gives the same Secret on every
 * `pulumi up` (no diff); a random salt would rewrite the Secret each time.
 */
export function htpasswdLine(user: string, password: string): string {
    if (user.includes(":") || user.length === 0)
        throw new Error(`basicAuthUser "${user}" must be non-empty and without ':'`);
    const salt = createHash("sha256").update(`multi-container-pods:${user}:${password}`).digest().subarray(0, 8);
    const digest = createHash("sha1").update(password).update(salt).digest();
    return `${user}:{SSHA}${Buffer.concat([digest, salt]).toString("base64")}\n`;
}
