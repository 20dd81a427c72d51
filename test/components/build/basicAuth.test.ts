import { strict as assert } from "assert";
import bcrypt from "bcryptjs";
import { BCRYPT_COST, basicAuthSecretName, htpasswdLine, needsBasicAuth } from "../../../components/build/basicAuth";
import { allExamples } from "../../../examples";
import { sidecarSecurityExample } from "../../../examples/sidecar-security";

const SALT = Buffer.from("0123456789abcdef", "hex");

describe("htpasswdLine", () => {
    it("writes a bcrypt entry (crypt(3) $2b$, cost 10) that verifies against the password only", () => {
        const line = htpasswdLine("demo", "correct horse", SALT);
        const match = /^demo:(\$2b\$10\$[./A-Za-z0-9]{53})\n$/.exec(line);
        assert.ok(match, line);
        assert.ok(bcrypt.compareSync("correct horse", match[1]));
        assert.ok(!bcrypt.compareSync("wrong", match[1]));
        assert.equal(bcrypt.getRounds(match[1]), BCRYPT_COST);
        assert.ok(!line.includes("{SSHA}"));
    });

    it("is the same line for the same password and salt (no diff on the next up), another for another salt", () => {
        const other = Buffer.from("fedcba9876543210", "hex");
        assert.equal(htpasswdLine("demo", "pw", SALT), htpasswdLine("demo", "pw", SALT));
        assert.notEqual(htpasswdLine("demo", "pw", SALT), htpasswdLine("demo", "pw", other));
    });

    it("takes its time: a guess costs a brute-forcer thousands of times more than one round of SHA-1", () => {
        const start = process.hrtime.bigint();
        htpasswdLine("demo", "pw", SALT);
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        assert.ok(ms > 5, `${ms} ms`);
    });

    it("rejects a user name nginx could not parse, a salt of the wrong size, a password bcrypt would cut", () => {
        assert.throws(() => htpasswdLine("a:b", "pw", SALT), /basic-auth user "a:b" must be non-empty, without ':'/);
        assert.throws(() => htpasswdLine("", "pw", SALT), /must be non-empty/);
        assert.throws(() => htpasswdLine("demo", "pw", Buffer.alloc(4)), /salt must be 8 bytes, not 4/);
        assert.throws(
            () => htpasswdLine("demo", "é".repeat(37), SALT),
            /password is 74 bytes; bcrypt reads only the first 72/,
        );
        assert.doesNotThrow(() => htpasswdLine("demo", "x".repeat(72), SALT));
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
