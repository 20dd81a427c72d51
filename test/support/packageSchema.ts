import * as fs from "fs";
import * as path from "path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as pkg from "../../components";

// The package schema Pulumi infers from components/, produced in-process the way the Node.js language host does
// for a source-based package (@pulumi/pulumi's cmd/run-plugin): the components the entry point exports, under the
// name package.json gives, analysed by ComponentProvider from the TypeScript sources. It is what `pulumi package
// get-schema` prints, before the CLI's normalization (normalizeSchema); test/cluster/packageSchema.test.ts
// checks that with the real CLI.

const ROOT = path.join(__dirname, "..", "..");
export const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
/** As the host derives it: package.json's name without an npm scope. */
export const PACKAGE: string = MANIFEST.name.replace(/^@[^/]+\//, "").replace(/[^-a-zA-Z0-9_]/g, "-");

export async function inferredSchema(): Promise<any> {
    const provider = new ComponentProvider({ components: getPulumiComponents(pkg), dirname: ROOT, name: PACKAGE });
    return JSON.parse(await provider.getSchema());
}

/**
 * What the CLI's round trip through its schema types does: keys sorted, the analyzer's own `optional` flags
 * dropped (`required` lists say it), empty `required` lists and an empty `config` left out.
 */
export function normalizeSchema(value: any): any {
    if (Array.isArray(value)) return value.map(normalizeSchema);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
        Object.keys(value)
            .sort()
            .filter((key) => key !== "optional")
            .filter((key) => !(key === "required" && Array.isArray(value[key]) && value[key].length === 0))
            .filter((key) => !(key === "config" && Object.keys(value[key]).length === 0))
            .map((key) => [key, normalizeSchema(value[key])]),
    );
}
