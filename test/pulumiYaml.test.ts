import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { readStackSettings } from "../components/settings";
import { allExamples } from "../examples";

// Pulumi.yaml documents the config schema users see; it must describe exactly what the program reads.
describe("Pulumi.yaml", () => {
    const project = parse(fs.readFileSync(path.join(__dirname, "..", "Pulumi.yaml"), "utf8"));

    it("names the project the type tokens and mocks use, with the TypeScript nodejs runtime", () => {
        assert.equal(project.name, "multi-container-pods");
        assert.deepEqual(project.runtime, { name: "nodejs", options: { typescript: true } });
    });

    it("declares every config key the program reads, with a description and the program's own defaults", () => {
        const read: string[] = [];
        const defaults = readStackSettings((key) => {
            read.push(key);
            return undefined;
        }, allExamples);
        assert.deepEqual(Object.keys(project.config).sort(), [...read, "basicAuthPassword"].sort());
        for (const [key, declaration] of Object.entries<any>(project.config)) {
            assert.ok(declaration.description, `${key} has a description`);
        }
        assert.equal(project.config.namespace.default, defaults.namespace);
        assert.equal(project.config.sidecarMode.default, defaults.sidecarMode);
        assert.equal(project.config.verify.default, defaults.verify);
        assert.equal(project.config.logTailLines.default, defaults.logTailLines);
        assert.equal(project.config.basicAuthUser.default, defaults.basicAuthUser);
        assert.equal(project.config.basicAuthPassword.secret, true);
        assert.equal(project.config.examples.default, undefined, "unset means all");
    });
});
