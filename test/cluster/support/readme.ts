import { readmeCodeBlock } from "../../support/readme";

// The README's shell blocks, so the cluster tests run exactly what a reader is told to type.

/** The first ```sh block under the heading `heading` (e.g. "## Quickstart"), one command per line. */
export function readmeShellBlock(heading: string, after?: string): string[] {
    return readmeCodeBlock("sh", heading, after)
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.trim().startsWith("#"));
}
