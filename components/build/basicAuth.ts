import bcrypt from "bcryptjs";
import { createHash } from "crypto";
import type { PodDefinition, VolumeDefinition } from "../model";
import { needsCredentials } from "../model/helpers";

/** Whether deploying `def` needs basic-auth credentials: for its Secret or for its evidence. */
export function needsBasicAuth(def: PodDefinition): boolean {
    return def.volumes.some((volume) => volume.basicAuthSecret !== undefined) || needsCredentials(def);
}

/** Random bytes of salt the stack keeps in its state (credentials.ts draws them once). */
export const SALT_BYTES = 8;

/**
 * bcrypt's cost: 2^10 rounds of its key schedule. nginx verifies every request with crypt(3), so the cost is
 * paid per request too: 10 is the usual floor for stored passwords and costs nginx tens of milliseconds.
 */
export const BCRYPT_COST = 10;

/** bcrypt reads at most this many bytes of a password; the rest would be silently ignored. */
export const BCRYPT_MAX_PASSWORD_BYTES = 72;

/**
 * One line of an nginx `auth_basic_user_file`: `user:$2b$10$<salt><hash>`, bcrypt, which nginx hands to
 * crypt(3): musl (the Alpine images) and libxcrypt (glibc distributions: Debian, Ubuntu, Fedora) both read it.
 * The 16-byte bcrypt salt is derived from the `salt` kept in the stack's state, so an unchanged config gives
 * the same line on every `pulumi up` (no diff) without deriving the salt from the password.
 */
export function htpasswdLine(user: string, password: string, salt: Buffer): string {
    if (user.length === 0 || /[:\r\n]/.test(user)) {
        throw new Error(`basic-auth user ${JSON.stringify(user)} must be non-empty, without ':' or a line break`);
    }
    if (salt.length !== SALT_BYTES)
        throw new Error(`the basic-auth salt must be ${SALT_BYTES} bytes, not ${salt.length}`);
    const bytes = Buffer.byteLength(password);
    if (bytes > BCRYPT_MAX_PASSWORD_BYTES) {
        throw new Error(
            `the basic-auth password is ${bytes} bytes; bcrypt reads only the first ${BCRYPT_MAX_PASSWORD_BYTES}, ` +
                "so choose a shorter one",
        );
    }
    return `${user}:${bcrypt.hashSync(password, bcryptSalt(salt))}\n`;
}

/** bcrypt's salt string (`$2b$<cost>$` and 16 bytes in its base64) for the stack's salt. */
function bcryptSalt(salt: Buffer): string {
    const bytes = createHash("sha256").update("multi-container-pods bcrypt salt\0").update(salt).digest();
    const cost = String(BCRYPT_COST).padStart(2, "0");
    return `$2b$${cost}$${bcrypt.encodeBase64(Array.from(bytes.subarray(0, 16)), 16)}`;
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
