import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { tsSources } from "./support/sourceFiles";

// Data depends on the mechanism, never the reverse: components/ (the model, builders and the component, which
// the package ships) imports nothing from examples/ (the bundled data) or index.ts (this project's program).
// Inside components/ the folders are the flow, and every import points down it, never back.
const ROOT = path.join(__dirname, "..");

/** components/' folders in flow order: a folder may import from itself and from those before it. */
const FLOW = ["model", "validation", "build", "commands", "verify", "outputs", "resources", "program"];

/** Every relative import of `file`, resolved to a path relative to the repository root. */
function relativeImports(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    return [...text.matchAll(/(?:from |import\(|require\()"(\.[^"]*)"/g)].map((match) =>
        path.relative(ROOT, path.resolve(path.dirname(file), match[1])),
    );
}

/** The flow folder a path under components/ sits in, or undefined for components/index.ts. */
function folderOf(relative: string): string | undefined {
    const parts = relative.split(path.sep);
    return parts[0] === "components" && parts.length > 2 ? parts[1] : undefined;
}

describe("layering", () => {
    it("components/ imports nothing from examples/ or the program", () => {
        const outward = tsSources(path.join(ROOT, "components")).flatMap((file) =>
            relativeImports(file)
                .filter((target) => !target.startsWith(`components${path.sep}`) && target !== "components")
                .map((target) => `${path.relative(ROOT, file)} imports ${target}`),
        );
        assert.deepEqual(outward, []);
    });

    it("components/ holds only the flow's folders and the package's entry points", () => {
        // The entry points are what package.json exports (`.` and `./verification`), each a dist/components/X.js.
        const exported = Object.values(
            JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).exports as Record<string, unknown>,
        ).flatMap((entry) => {
            const target = (entry as { default?: string }).default ?? "";
            const match = /^\.\/dist\/components\/([a-z]+)\.js$/i.exec(target);
            return match ? [`${match[1]}.ts`] : [];
        });
        assert.deepEqual(exported.sort(), ["index.ts", "verification.ts"]);
        const entries = fs.readdirSync(path.join(ROOT, "components")).sort();
        assert.deepEqual(entries, [...FLOW, ...exported].sort());
    });

    it("every import inside components/ points down the flow model → validation → build → … → resources", () => {
        const backward = tsSources(path.join(ROOT, "components")).flatMap((file) => {
            const from = folderOf(path.relative(ROOT, file));
            if (from === undefined) return [];
            return relativeImports(file)
                .filter((target) => {
                    const to = folderOf(target) ?? target.split(path.sep)[1];
                    return FLOW.indexOf(to) > FLOW.indexOf(from);
                })
                .map((target) => `${path.relative(ROOT, file)} imports ${target}`);
        });
        assert.deepEqual(backward, []);
    });

    it("examples/ takes the model from components/", () => {
        const models = tsSources(path.join(ROOT, "examples")).flatMap(relativeImports);
        assert.ok(models.includes(path.join("components", "model")));
        assert.ok(!fs.existsSync(path.join(ROOT, "examples", "types.ts")));
    });
});
