import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

// What the README states about this repository's files must hold: a reader who follows a path or a link finds it.
const ROOT = path.join(__dirname, "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** Files named in code spans (`dir/file.ts`) or relative links ([..](dir/)), except placeholders the text invents. */
function namedFiles(): string[] {
    const spans = [...README.matchAll(/`([A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+\.(?:md|ts|yaml|json|sh|mjs))`/g)];
    const links = [...README.matchAll(/\]\(([A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]*)\)/g)];
    const placeholders = ["examples/my-example.ts"];
    return [...new Set([...spans, ...links].map((match) => match[1]))].filter((file) => !placeholders.includes(file));
}

describe("README.md", () => {
    it("names only files the repository has", () => {
        const files = namedFiles();
        assert.ok(files.length > 5, files.join(", "));
        assert.deepEqual(
            files.filter((file) => !fs.existsSync(path.join(ROOT, file))),
            [],
        );
    });

    it("links only to headings it has", () => {
        const slug = (heading: string) =>
            heading
                .toLowerCase()
                .replace(/[^a-z0-9 _-]/g, "")
                .replace(/ /g, "-");
        const headings = new Set([...README.matchAll(/^#+ (.+)$/gm)].map((match) => slug(match[1])));
        const anchors = [...README.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
        assert.deepEqual(
            anchors.filter((anchor) => !headings.has(anchor)),
            [],
        );
    });
});
