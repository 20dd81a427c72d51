// Parses Mermaid diagrams with mermaid's own parser (the one GitHub renders with) and reports what it
// understood. Run as a child process: mermaid is ESM-only and needs a DOM for its sanitiser, which must not
// leak into the test process's globals.
// stdin: a JSON array of diagram texts. stdout: a JSON array, in the same order, of
// { type, vertices: [{ id, text, shape }], edges: [{ from, to, stroke, text }], subgraphs: [{ id, title, nodes }] }
// or { error } for a diagram mermaid rejects.
import process from "node:process";
import { JSDOM } from "jsdom";

const { window } = new JSDOM("");
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import("mermaid");

// What a label shows once rendered: mermaid keeps entities (#quot;, #35;) as placeholders until it draws,
// then the browser decodes the HTML entities they become. <br> stays as the line break it is.
function shownText(text) {
    const html = String(text).replace(/ﬂ°°/g, "&#").replace(/ﬂ°/g, "&").replace(/¶ß/g, ";");
    const textarea = window.document.createElement("textarea");
    textarea.innerHTML = html;
    return textarea.value;
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
    try {
        const { diagramType } = await mermaid.parse(text);
        const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
        results.push({
            type: diagramType,
            vertices: [...db.getVertices().values()].map((v) => ({
                id: v.id,
                text: shownText(v.text),
                shape: v.type ?? null,
            })),
            edges: db.getEdges().map((e) => ({ from: e.start, to: e.end, stroke: e.stroke, text: shownText(e.text) })),
            subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: shownText(s.title), nodes: s.nodes })),
        });
    } catch (error) {
        results.push({ error: String(error?.message ?? error) });
    }
}
process.stdout.write(JSON.stringify(results));
