import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { tsSources } from "./support/sourceFiles";

// Data depends on the mechanism, never the reverse: components/ (the model, builders and the component, which
// the package ships) imports nothing from examples/ (the bundled data) or index.ts (this project's program).
const ROOT = path.join(__dirname, "..");

/** Every relative import of `file`, resolved to a path relative to the repository root. */
function relativeImports(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    return [...text.matchAll(/(?:from |import\(|require\()"(\.[^"]*)"/g)].map((match) =>
        path.relative(ROOT, path.resolve(path.dirname(file), match[1])),
    );
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

    it("examples/ takes the model from components/", () => {
        const models = tsSources(path.join(ROOT, "examples")).flatMap(relativeImports);
        assert.ok(models.includes(path.join("components", "model")));
        assert.ok(!fs.existsSync(path.join(ROOT, "examples", "types.ts")));
    });
});
