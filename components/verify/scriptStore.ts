import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// Where a verification script lives while its Command runs: a file named by the script's sha256 in the user's
// cache, not the Command's inputs. The file backend saves the whole state after every step, and a script in the
// environment was stored twice (input and output), 10-14 KB of every verification Command: at 100 pods the
// larger state cost more than verification itself. The program writes the file on every run before any Command can
// run, so a Command always finds its script; the state keeps only the id, the same on every machine, so a
// teammate's `pulumi up` from another home sees no change. The file holds no secret (names and expected evidence;
// credentials come on standard input, a kubeconfig's content in the environment).

/** The variable that names the script, its sha256, in the verification Command's environment. */
export const SCRIPT_ID_ENV = "MCP_VERIFY_SCRIPT_ID";

/** The scripts' folder, as sh computes it in the Command: the project's cache, as the toolchain's (lib.sh). */
const SCRIPT_DIRECTORY_SH = "${MCP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/multi-container-pods}/verify";

/**
 * What the Command runs: the script named by its environment, or one line saying why there is none. One line, so
 * a failed Command's error quotes it rather than a script.
 */
export const VERIFY_COMMAND =
    `f="${SCRIPT_DIRECTORY_SH}/$${SCRIPT_ID_ENV}.sh"; ` +
    `if [ -r "$f" ]; then . "$f"; else echo "verification script $f not found: run pulumi up again" >&2; exit 2; fi`;

/** Scripts not written again for this long are removed when another is written: no stack has used them since. */
const UNUSED_FOR_MS = 30 * 24 * 3600 * 1000;

/** The scripts' folder in this environment, as VERIFY_COMMAND finds it. */
export function scriptDirectory(env: NodeJS.ProcessEnv = process.env): string {
    const cache =
        env.MCP_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(homeOf(env), ".cache"), "multi-container-pods");
    return path.join(cache, "verify");
}

export function scriptId(script: string): string {
    return createHash("sha256").update(script).digest("hex");
}

/**
 * Writes the script where VERIFY_COMMAND finds it (once; a later run only marks it used) and returns its id. The
 * folder is made private to this user, and refused when another user could write to it: its scripts are run.
 */
export function storeVerifyScript(script: string, env: NodeJS.ProcessEnv = process.env): string {
    const id = scriptId(script);
    const dir = scriptDirectory(env);
    const file = path.join(dir, `${id}.sh`);
    try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        assertPrivate(dir);
        // Kept when it is whole (its content hashes to its name); otherwise written again.
        if (fs.existsSync(file) && scriptId(fs.readFileSync(file, "utf8")) === id) {
            const now = new Date();
            fs.utimesSync(file, now, now);
        } else {
            const partial = `${file}.${process.pid}.partial`;
            fs.writeFileSync(partial, script, { mode: 0o600 });
            fs.renameSync(partial, file);
            removeUnused(dir);
        }
    } catch (err) {
        throw new Error(
            `verification cannot keep its script in ${dir}: ${(err as Error).message}. Set MCP_CACHE_DIR (or ` +
                "XDG_CACHE_HOME) to a folder only you can write, or turn verification off (verify: false)",
        );
    }
    return id;
}

/** The script of that id, as the Command runs it. */
export function storedScript(id: string, env: NodeJS.ProcessEnv = process.env): string {
    return fs.readFileSync(path.join(scriptDirectory(env), `${id}.sh`), "utf8");
}

function homeOf(env: NodeJS.ProcessEnv): string {
    return env.HOME || os.homedir();
}

function assertPrivate(dir: string): void {
    const stat = fs.lstatSync(dir);
    const uid = process.getuid?.();
    if (!stat.isDirectory()) throw new Error("it is not a directory");
    if (uid !== undefined && stat.uid !== uid) throw new Error(`it belongs to uid ${stat.uid}, not ${uid}`);
    if ((stat.mode & 0o022) !== 0) throw new Error(`others may write to it (mode ${(stat.mode & 0o777).toString(8)})`);
}

function removeUnused(dir: string): void {
    const before = Date.now() - UNUSED_FOR_MS;
    for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        try {
            if (fs.statSync(file).mtimeMs < before) fs.rmSync(file, { force: true });
        } catch {
            // Removed by another program's run meanwhile.
        }
    }
}
