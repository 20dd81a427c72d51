import { execFileSync } from "child_process";
import * as path from "path";

/** A flowchart as mermaid's own parser understood it. */
export interface ParsedFlowchart {
    readonly type: string;
    /** Declared nodes have a shape; a node only named in an edge has none. Linked subgraphs appear too. */
    readonly vertices: readonly { readonly id: string; readonly text: string; readonly shape: string | null }[];
    readonly edges: readonly {
        readonly from: string;
        readonly to: string;
        readonly stroke: string;
        readonly text: string;
    }[];
    readonly subgraphs: readonly { readonly id: string; readonly title: string; readonly nodes: readonly string[] }[];
}

export type MermaidResult = ParsedFlowchart | { readonly error: string };

/** Parses each diagram with mermaid itself, in a child process (see mermaid-parse.mjs). */
export function parseMermaid(diagrams: readonly string[]): MermaidResult[] {
    const stdout = execFileSync(process.execPath, [path.join(__dirname, "mermaid-parse.mjs")], {
        input: JSON.stringify(diagrams),
        encoding: "utf8",
        timeout: 60_000,
    });
    return JSON.parse(stdout);
}

export function parsedOrThrow(result: MermaidResult): ParsedFlowchart {
    if ("error" in result) throw new Error(`mermaid rejected the diagram: ${result.error}`);
    return result;
}
