import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { readStackSettings } from "../components/program/settings";
import { allExamples } from "../examples";

// Pulumi.yaml documents the config schema users see; it must describe exactly what the program reads, and
// the CLI must be able to run a new stack with no config at all.
describe("Pulumi.yaml", () => {
    const project = parse(fs.readFileSync(path.join(__dirname, "..", "Pulumi.yaml"), "utf8"));

    it("names the project the type tokens and mocks use, with the TypeScript nodejs runtime", () => {
        assert.equal(project.name, "multi-container-pods");
        assert.deepEqual(project.runtime, {
            name: "nodejs",
            options: { typescript: true, tsconfig: "tsconfig.pulumi.json" },
        });
        // package.json "exports" is the library; without main, Pulumi's Node.js host would run it as the program.
        assert.equal(project.main, "index.ts");
    });

    it("declares every plain config key the program reads, with a description", () => {
        const read: string[] = [];
        readStackSettings((key) => {
            read.push(key);
            return undefined;
        }, allExamples);
        assert.deepEqual(Object.keys(project.config).sort(), [...read].sort());
        for (const [key, declaration] of Object.entries<any>(project.config)) {
            assert.ok(declaration.description, `${key} has a description`);
        }
    });

    it("gives every key a default (the CLI demands a value for a key without one), the program's own", () => {
        for (const [key, declaration] of Object.entries<any>(project.config)) {
            assert.ok("default" in declaration, `${key} has a default`);
            assert.notEqual(declaration.secret, true, `${key}: the CLI rejects a default on a secret key`);
        }
        // The defaults as the CLI hands them to the program: strings, and "" for the unset ones.
        const asGiven = (key: string) => String(project.config[key].default);
        const fromYaml = readStackSettings(asGiven, allExamples);
        const unset = readStackSettings(() => undefined, allExamples);
        assert.deepEqual(fromYaml, unset);
        for (const key of ["kubeContext", "kubeconfig", "examples"]) assert.equal(project.config[key].default, "");
    });

    it("leaves basicAuthPassword undeclared: a secret key can have no default", () => {
        assert.equal(project.config.basicAuthPassword, undefined);
    });
});
