import { strict as assert } from "assert";
import { createHash } from "crypto";
import { basicAuthSecretName, htpasswdLine, needsBasicAuth } from "../../../components/build/basicAuth";
import { allExamples } from "../../../examples";
import { sidecarSecurityExample } from "../../../examples/sidecar-security";

const SALT = Buffer.from("0123456789abcdef", "hex");

describe("htpasswdLine", () => {
    it("writes an nginx {SSHA} entry that verifies against the password, with the given salt", () => {
        const line = htpasswdLine("demo", "correct horse", SALT);
        const match = /^demo:\{SSHA\}([A-Za-z0-9+/=]+)\n$/.exec(line);
        assert.ok(match, line);
        const decoded = Buffer.from(match[1], "base64");
        const [digest, salt] = [decoded.subarray(0, 20), decoded.subarray(20)];
        assert.deepEqual(salt, SALT);
        assert.deepEqual(createHash("sha1").update("correct horse").update(salt).digest(), digest);
        assert.notDeepEqual(createHash("sha1").update("wrong").update(salt).digest(), digest);
    });

    it("depends on the salt, not only on the password", () => {
        const other = Buffer.from("fedcba9876543210", "hex");
        assert.notEqual(htpasswdLine("demo", "pw", SALT), htpasswdLine("demo", "pw", other));
    });

    it("rejects a user name nginx could not parse, and a salt of the wrong size", () => {
        assert.throws(() => htpasswdLine("a:b", "pw", SALT), /basic-auth user "a:b" must be non-empty, without ':'/);
        assert.throws(() => htpasswdLine("", "pw", SALT), /must be non-empty/);
        assert.throws(() => htpasswdLine("demo", "pw", Buffer.alloc(4)), /salt must be 8 bytes, not 4/);
    });
});

describe("basicAuthSecretName", () => {
    const volume = sidecarSecurityExample.volumes.find((v) => v.basicAuthSecret !== undefined)!;

    it("carries a hash of the user file, so a new password is a new name", () => {
        const a = basicAuthSecretName(sidecarSecurityExample, volume, htpasswdLine("demo", "pw-1", SALT));
        const b = basicAuthSecretName(sidecarSecurityExample, volume, htpasswdLine("demo", "pw-2", SALT));
        assert.match(a, /^security-sidecar-test-htpasswd-[0-9a-f]{8}$/);
        assert.notEqual(a, b);
        assert.equal(basicAuthSecretName(sidecarSecurityExample, volume, htpasswdLine("demo", "pw-1", SALT)), a);
    });
});

describe("needsBasicAuth", () => {
    it("holds for the security example only", () => {
        assert.deepEqual(
            allExamples.filter(needsBasicAuth).map((def) => def.name),
            ["security-sidecar-test"],
        );
    });
});
