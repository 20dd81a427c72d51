import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { parseRandomHex, RANDOM_HEX_COMMAND } from "../../../components/resources/credentials";

describe("the random credentials generator", () => {
    const draw = () => spawnSync("/bin/sh", ["-c", RANDOM_HEX_COMMAND], { encoding: "utf8" });

    it("draws 24 random bytes as one line of hex with POSIX tools, differently each run", () => {
        const [first, second] = [draw(), draw()];
        assert.equal(first.status, 0, first.stderr);
        assert.match(first.stdout, /^[0-9a-f]{48}$/);
        assert.notEqual(first.stdout, second.stdout);
    });

    it("splits the draw into a 128-bit password and an 8-byte salt", () => {
        assert.deepEqual(parseRandomHex(`${"ab".repeat(16)}${"01".repeat(8)}\n`), {
            password: "ab".repeat(16),
            saltHex: "01".repeat(8),
        });
        const { password, saltHex } = parseRandomHex(draw().stdout);
        assert.equal(password.length, 32);
        assert.equal(Buffer.from(saltHex, "hex").length, 8);
    });

    it("refuses output that is not what the command prints", () => {
        assert.throws(() => parseRandomHex(""), /printed 0 characters, not 48 hex digits/);
        assert.throws(() => parseRandomHex("zz".repeat(24)), /not 48 hex digits/);
    });
});
