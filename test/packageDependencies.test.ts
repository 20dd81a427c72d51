import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { tsSources } from "./support/sourceFiles";

// Every runtime dependency in package.json is imported by the program's code (index.ts, components/,
// examples/); one that is not is weight every `npm ci` and every consumer of the package carries for nothing.
const ROOT = path.join(__dirname, "..");

describe("package.json dependencies", () => {
    it("are each imported by the program's code", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        const code = [
            path.join(ROOT, "index.ts"),
            ...tsSources(path.join(ROOT, "components")),
            ...tsSources(path.join(ROOT, "examples")),
        ]
            .map((file) => fs.readFileSync(file, "utf8"))
            .join("\n");
        const imported = new Set(
            [...code.matchAll(/from "((?:@[^/"]+\/)?[^/".][^/"]*)[^"]*"/g)].map((match) => match[1]),
        );
        const unused = Object.keys(pkg.dependencies ?? {}).filter((name) => !imported.has(name));
        assert.deepEqual(unused, []);
    });
});
