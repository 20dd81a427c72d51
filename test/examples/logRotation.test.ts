import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LOG_MAX_BYTES, sidecarLoggingExample } from "../../examples/sidecar-logging";

// The logging example's two shells, run by busybox (the image's shell and tools) against a directory standing in
// for the app-logs emptyDir: main-container rotates app.log, so the volume stays bounded however long the pod
// runs, and sidecar-container's `tail -F` follows every rotation without losing or repeating a line.

const BUSYBOX = ["/usr/bin/busybox", "/bin/busybox"].find((file) => fs.existsSync(file));
const APPLETS = ["sh", "tail", "wc", "mv", "date", "tee", "sleep"];

const main = sidecarLoggingExample.containers[0];
const sidecar = sidecarLoggingExample.sidecars![0];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the logging example's log rotation, run by busybox", function () {
    this.timeout(60_000);
    let dir: string;

    before(function () {
        if (!BUSYBOX) {
            console.log("      log rotation test skipped: busybox is not installed (apt-get install busybox-static)");
            this.skip();
        }
    });
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "log-rotation-"));
        fs.mkdirSync(path.join(dir, "bin"));
        fs.mkdirSync(path.join(dir, "logs"));
        for (const applet of APPLETS) fs.symlinkSync(BUSYBOX!, path.join(dir, "bin", applet));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("states a rotation size that keeps two files well inside the volume's sizeLimit", () => {
        assert.deepEqual(main.env, [{ name: "LOG_MAX_BYTES", value: String(LOG_MAX_BYTES) }]);
        assert.equal(sidecarLoggingExample.volumes[0].emptyDir?.sizeLimit, "10Mi");
        assert.ok(2 * LOG_MAX_BYTES + 4096 < 10 * 2 ** 20);
    });

    it("keeps app.log and app.log.1 under the rotation size, and the sidecar forwards every line once", async () => {
        // The pod's script, with the volume's path moved here, a 60-byte rotation size (a rotation every two
        // lines) and writes every 1.6 s instead of 2 s; tail -F polls once a second either way.
        const script = (command: string[]) =>
            command[2].replace(/\/var\/log\/app/g, path.join(dir, "logs")).replace("sleep 2 ", "sleep 1.6 ");
        assert.ok(script(main.command!).includes("sleep 1.6 "));
        const env = { PATH: path.join(dir, "bin"), LOG_MAX_BYTES: "60" };
        const start = (command: string[]) =>
            spawn(path.join(dir, "bin", "sh"), ["-c", script(command)], { env, detached: true });
        const follower = start(sidecar.command!);
        const writer = start(main.command!);
        let written = "";
        let forwarded = "";
        writer.stdout!.on("data", (chunk) => (written += chunk));
        follower.stdout!.on("data", (chunk) => (forwarded += chunk));
        const exited = (child: typeof writer) =>
            new Promise<void>((resolve) => {
                if (child.exitCode !== null || child.signalCode !== null) resolve();
                else child.once("exit", () => resolve());
            });
        /** SIGTERM to the shell's process group (its `sleep` and `tail` too), by the shell's pid; waits for it. */
        const stop = async (child: typeof writer) => {
            try {
                process.kill(-child.pid!, "SIGTERM");
            } catch {
                // the group is gone already
            }
            await exited(child);
        };
        try {
            await sleep(8_500);
            await stop(writer);
            await sleep(1_500); // one more poll of tail -F
        } finally {
            await stop(writer);
            await stop(follower);
        }
        const lines = written.trim().split("\n");
        assert.ok(lines.length >= 5, written);
        lines.forEach((line, i) => assert.match(line, new RegExp(`main-container handled request ${i + 1}$`)));
        assert.deepEqual(forwarded.trim().split("\n"), lines, "the sidecar forwarded each line once, in order");
        const files = fs.readdirSync(path.join(dir, "logs")).sort();
        assert.deepEqual(files, ["app.log", "app.log.1"], "rotated, keeping one old file");
        for (const file of files) {
            const size = fs.statSync(path.join(dir, "logs", file)).size;
            assert.ok(size < 60 + 64, `${file} is ${size} bytes`);
        }
    });
});
