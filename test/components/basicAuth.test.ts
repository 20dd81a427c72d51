import { strict as assert } from "assert";
import { createHash } from "crypto";
import { htpasswdLine } from "../../components/basicAuth";

describe("htpasswdLine", () => {
    it("writes an nginx {SSHA} entry that verifies against the password", () => {
        const line = htpasswdLine("demo", "correct horse");
        const match = /^demo:\{SSHA\}([A-Za-z0-9+/=]+)\n$/.exec(line);
        assert.ok(match, line);
        const decoded = Buffer.from(match[1], "base64");
        const [digest, salt] = [decoded.subarray(0, 20), decoded.subarray(20)];
        assert.equal(salt.length, 8);
        assert.deepEqual(createHash("sha1").update("correct horse").update(salt).digest(), digest);
        assert.notDeepEqual(createHash("sha1").update("wrong").update(salt).digest(), digest);
    });

    it("is deterministic, so an unchanged password gives no diff", () => {
        assert.equal(htpasswdLine("demo", "pw"), htpasswdLine("demo", "pw"));
        assert.notEqual(htpasswdLine("demo", "pw"), htpasswdLine("demo", "pw2"));
    });

    it("rejects a user name nginx could not parse", () => {
        assert.throws(() => htpasswdLine("a:b", "pw"), /basicAuthUser "a:b" must be non-empty and without ':'/);
    });
});
