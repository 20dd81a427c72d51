import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

// python-example/ and go-example/ use this repository as a component package through the SDK `pulumi package
// add` generates (test/cluster/{python,go}Package.test.ts run them). These checks need no CLI: each takes the
// package from the repository root, keeps the generated SDK out of the repository, and pins the Pulumi and
// Kubernetes SDKs to the versions package.json pins for development (devDependencies: the SDKs, and so the plugins, the package is loaded with).
const ROOT = path.join(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const manifest = JSON.parse(read("package.json"));
const PULUMI = manifest.devDependencies["@pulumi/pulumi"];
const KUBERNETES = manifest.devDependencies["@pulumi/kubernetes"];
const SDK_DIR = `sdks/${manifest.name}`;

for (const [example, runtime] of [
    ["python-example", "python"],
    ["go-example", "go"],
] as const) {
    describe(`the ${runtime} example (${example}/)`, () => {
        const program = parse(read(`${example}/Pulumi.yaml`));

        it(`is a ${runtime} program that takes the package from the repository root`, () => {
            assert.equal(program.runtime.name ?? program.runtime, runtime);
            assert.deepEqual(program.packages, { [manifest.name]: ".." });
        });

        it("keeps the generated SDK out of the repository (pulumi install regenerates it)", () => {
            const ignored = read(`${example}/.gitignore`).split("\n");
            assert.ok(ignored.includes("sdks/"), `${example}/.gitignore ignores sdks/`);
        });
    });
}

describe("the Python example's requirements", () => {
    const lines = read("python-example/requirements.txt").split("\n").filter(Boolean);

    it("pin pulumi and pulumi-kubernetes to package.json's versions and install the generated SDK", () => {
        assert.deepEqual(lines, [`pulumi==${PULUMI}`, `pulumi-kubernetes==${KUBERNETES}`, SDK_DIR]);
    });

    it("run the program in venv/, which is ignored", () => {
        assert.equal(parse(read("python-example/Pulumi.yaml")).runtime.options.virtualenv, "venv");
        assert.ok(read("python-example/.gitignore").split("\n").includes("venv/"));
    });
});

describe("the Go example's module", () => {
    const goMod = read("go-example/go.mod");
    const replaced = /^replace (\S+) => \.\/(\S+)$/m.exec(goMod);

    it("requires the Pulumi and Kubernetes Go SDKs at package.json's versions", () => {
        assert.match(
            goMod,
            new RegExp(`^\\s*github\\.com/pulumi/pulumi/sdk/v3 v${PULUMI.replace(/\./g, "\\.")}$`, "m"),
        );
        assert.match(
            goMod,
            new RegExp(`^\\s*github\\.com/pulumi/pulumi-kubernetes/sdk/v4 v${KUBERNETES.replace(/\./g, "\\.")}$`, "m"),
        );
    });

    it("replaces the generated SDK's module with its folder, and the program imports it from there", () => {
        assert.ok(replaced, "go.mod has a replace of the SDK's module");
        assert.equal(replaced[2], SDK_DIR);
        assert.match(read("go-example/main.go"), new RegExp(`"${replaced[1]}/multicontainerpods"`));
    });
});
