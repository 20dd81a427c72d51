import * as fs from "fs";
import * as path from "path";
import { REPO } from "./cluster";

// The README's shell blocks, so the cluster tests run exactly what a reader is told to type.

/** The first ```sh block under the heading `heading` (e.g. "## Quickstart"), one command per line. */
export function readmeShellBlock(heading: string, after?: string): string[] {
    const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
    let start = readme.indexOf(`\n${heading}\n`);
    if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
    if (after !== undefined) {
        start = readme.indexOf(after, start);
        if (start < 0) throw new Error(`README.md has no "${after}" under "${heading}"`);
    }
    const open = readme.indexOf("```sh\n", start);
    const close = readme.indexOf("\n```", open + 6);
    if (open < 0 || close < 0) throw new Error(`README.md has no sh block under "${heading}"`);
    return readme
        .slice(open + 6, close)
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.trim().startsWith("#"));
}
