import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    SCRIPT_ID_ENV,
    scriptDirectory,
    storedScript,
    storeVerifyScript,
    VERIFY_COMMAND,
} from "../../../components/verify/scriptStore";

// The verification script is kept in a file named by its hash, out of the state; the Command finds it by that id.

describe("where verification keeps its script (verify/scriptStore.ts)", () => {
    let root: string;
    let env: NodeJS.ProcessEnv;
    beforeEach(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "script-store-"));
        env = { MCP_CACHE_DIR: path.join(root, "cache") };
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    /** VERIFY_COMMAND as the Command provider runs it: `/bin/sh -c` with the Command's environment. */
    const runCommand = (commandEnv: NodeJS.ProcessEnv) =>
        spawnSync("/bin/sh", ["-c", VERIFY_COMMAND], {
            env: { PATH: process.env.PATH, ...commandEnv },
            encoding: "utf8",
        });

    it("is run by a one-line command, so a failed Command's error quotes that line and not the script", () => {
        assert.equal(VERIFY_COMMAND.includes("\n"), false);
        assert.ok(VERIFY_COMMAND.length < 250, VERIFY_COMMAND);
    });

    it("stores the script privately under its sha256, which is all the Command's environment holds", () => {
        const script = "echo verified; exit 0\n";
        const id = storeVerifyScript(script, env);
        assert.match(id, /^[0-9a-f]{64}$/);
        assert.equal(storedScript(id, env), script);
        const dir = scriptDirectory(env);
        assert.equal(dir, path.join(root, "cache", "verify"));
        assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
        assert.equal(fs.statSync(path.join(dir, `${id}.sh`)).mode & 0o777, 0o600);
        // The same script, the same id: a run from another machine or home changes nothing in the state.
        assert.equal(storeVerifyScript(script, env), id);
        // A file that is not the script its name says (cut short, edited) is written again.
        fs.writeFileSync(path.join(dir, `${id}.sh`), "echo tampered\n");
        assert.equal(storeVerifyScript(script, env), id);
        assert.equal(storedScript(id, env), script);
        assert.notEqual(storeVerifyScript("echo other\n", env), id);
    });

    it("is found by VERIFY_COMMAND from the cache the environment names, with the script's own exit status", () => {
        const id = storeVerifyScript('echo "verified $1"; exit 3\n', env);
        const run = runCommand({ ...env, [SCRIPT_ID_ENV]: id });
        assert.equal(run.stdout, "verified \n");
        assert.equal(run.status, 3);
        // XDG_CACHE_HOME, as the toolchain's cache, when MCP_CACHE_DIR is not set.
        const xdg = { XDG_CACHE_HOME: path.join(root, "xdg") };
        const id2 = storeVerifyScript("echo from xdg\n", xdg);
        assert.ok(fs.existsSync(path.join(root, "xdg", "multi-container-pods", "verify", `${id2}.sh`)));
        assert.equal(runCommand({ ...xdg, [SCRIPT_ID_ENV]: id2 }).stdout, "from xdg\n");
    });

    it("fails in one line, exit 2, when the script is not there (a run that never wrote it)", () => {
        const run = runCommand({ ...env, [SCRIPT_ID_ENV]: "0".repeat(64) });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^verification script \S+\/verify\/0{64}\.sh not found: run pulumi up again\n$/);
    });

    it("refuses a folder others may write to: the scripts in it are run", () => {
        const dir = scriptDirectory(env);
        fs.mkdirSync(dir, { recursive: true });
        fs.chmodSync(dir, 0o777);
        assert.throws(
            () => storeVerifyScript("echo x\n", env),
            /verification cannot keep its script in .*verify: others may write to it \(mode 777\)\. Set MCP_CACHE_DIR/,
        );
    });

    it("removes scripts no run has written for 30 days, when it writes a new one", () => {
        const old = storeVerifyScript("echo old\n", env);
        const recent = storeVerifyScript("echo recent\n", env);
        const longAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
        fs.utimesSync(path.join(scriptDirectory(env), `${old}.sh`), longAgo, longAgo);
        storeVerifyScript("echo new\n", env);
        assert.deepEqual(fs.readdirSync(scriptDirectory(env)).length, 2);
        assert.throws(() => storedScript(old, env));
        assert.equal(storedScript(recent, env), "echo recent\n");
    });
});
