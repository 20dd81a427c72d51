import * as fs from "fs";
import * as path from "path";

// The README's code blocks, so tests run exactly what a reader is told to type or write.

const README = path.join(__dirname, "..", "..", "README.md");

/**
 * The first ```language block under the heading `heading` (e.g. "## Quickstart"), after the text `after` when
 * given, as written.
 */
export function readmeCodeBlock(language: string, heading: string, after?: string): string {
    const readme = fs.readFileSync(README, "utf8");
    let start = readme.indexOf(`\n${heading}\n`);
    if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
    if (after !== undefined) {
        start = readme.indexOf(after, start);
        if (start < 0) throw new Error(`README.md has no "${after}" under "${heading}"`);
    }
    const fence = "```" + language + "\n";
    const open = readme.indexOf(fence, start);
    const close = readme.indexOf("\n```", open + fence.length);
    if (open < 0 || close < 0) throw new Error(`README.md has no ${language} block under "${heading}"`);
    return readme.slice(open + fence.length, close + 1);
}
