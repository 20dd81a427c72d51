import { createHash } from "crypto";
import type { PodDefinition, VolumeDefinition } from "../model";
import { needsCredentials } from "../model/helpers";

/** Whether deploying `def` needs basic-auth credentials: for its Secret or for its evidence. */
export function needsBasicAuth(def: PodDefinition): boolean {
    return def.volumes.some((volume) => volume.basicAuthSecret !== undefined) || needsCredentials(def);
}

/** Bytes of salt an {SSHA} entry carries (what OpenLDAP's slappasswd uses). */
export const SALT_BYTES = 8;

/**
 * One line of an nginx `auth_basic_user_file`: `user:{SSHA}base64(sha1(password + salt) + salt)`. The salt is
 * random and kept in the stack's state (credentials.ts), so an unchanged config gives the same line on every
 * `pulumi up` (no diff) without deriving the salt from the password.
 */
export function htpasswdLine(user: string, password: string, salt: Buffer): string {
    if (user.length === 0 || /[:\r\n]/.test(user)) {
        throw new Error(`basic-auth user ${JSON.stringify(user)} must be non-empty, without ':' or a line break`);
    }
    if (salt.length !== SALT_BYTES) throw new Error(`the {SSHA} salt must be ${SALT_BYTES} bytes, not ${salt.length}`);
    const digest = createHash("sha1").update(password).update(salt).digest();
    return `${user}:{SSHA}${Buffer.concat([digest, salt]).toString("base64")}\n`;
}

/**
 * Name of a stack's Secret behind a `basicAuthSecret` volume: it carries a hash of the user file, as the
 * ConfigMaps carry one of their files. A new password is then a new Secret name in the pod spec, so the pod is
 * replaced and serves the new file at once; a Secret changed under a fixed name reaches a running pod's
 * volume only at the kubelet's next sync (seen: the old password still accepted 90 s later).
 */
export function basicAuthSecretName(def: PodDefinition, volume: VolumeDefinition, htpasswd: string): string {
    return `${def.name}-${volume.name}-${createHash("sha256").update(htpasswd).digest("hex").slice(0, 8)}`;
}
