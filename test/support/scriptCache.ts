import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SCRIPT_ID_ENV, storedScript } from "../../components/verify/scriptStore";

// The unit tests' cache for verification scripts (verify/scriptStore.ts): a temporary folder of this test process
// instead of the user's ~/.cache, removed when the process ends.

if (!process.env.MCP_CACHE_DIR?.includes("mcp-test-cache-")) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcp-test-cache-"));
    process.env.MCP_CACHE_DIR = dir;
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
}

/** The script a verification Command runs: the one its environment names, as the program stored it. */
export function scriptOf(command: { inputs: Record<string, any> }): string {
    const id = command.inputs.environment?.[SCRIPT_ID_ENV];
    if (typeof id !== "string") throw new Error("not a verification Command: its environment names no script");
    return storedScript(id);
}
