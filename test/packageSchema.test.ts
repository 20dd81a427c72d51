import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pkg from "../components";
import { inferredSchema, MANIFEST as manifest, PACKAGE } from "./support/packageSchema";
import { tsSources } from "./support/sourceFiles";

// The package schema Pulumi infers from components/ (what `pulumi package get-schema` prints for this
// repository), produced in-process as the Node.js language host does (test/support/packageSchema.ts). Every
// Python and Go SDK is generated from it, so a regression here is a broken SDK in every language. Properties are
// checked structurally: new model fields must meet the same rules, and need no change here.

const ROOT = path.join(__dirname, "..");
const COMPONENT = `${PACKAGE}:index:MultiContainerPod`;
const typeRef = (name: string) => `#/types/${PACKAGE}:index:${name}`;

interface Property {
    readonly type?: string;
    readonly $ref?: string;
    readonly items?: Property;
    readonly additionalProperties?: Property;
    readonly plain?: boolean;
    readonly secret?: boolean;
    readonly description?: string;
}
interface ObjectType {
    readonly type: string;
    readonly description?: string;
    readonly properties?: Record<string, Property>;
    readonly enum?: { name: string; value: string | number }[];
}

/** `owner.property` for every property without a description. */
function undocumented(owner: string, properties: Record<string, Property> = {}): string[] {
    return Object.entries(properties)
        .filter(([, property]) => !property.description?.trim())
        .map(([name]) => `${owner}.${name}`);
}

describe("the package schema Pulumi infers from components/ (pulumi package get-schema)", function () {
    // The analysis type-checks the project: a few seconds.
    this.timeout(120000);
    let schema: {
        name: string;
        resources: Record<
            string,
            ObjectType & { isComponent?: boolean; inputProperties: Record<string, Property>; requiredInputs?: string[] }
        >;
        types: Record<string, ObjectType>;
        dependencies?: { name: string; version?: string }[];
    };
    const component = () => schema.resources[COMPONENT];
    const objectTypes = () => Object.entries(schema.types).filter(([, type]) => type.enum === undefined);

    before(async () => {
        schema = await inferredSchema();
    });

    it("is package.json's package, with MultiContainerPod as a component", () => {
        assert.equal(schema.name, PACKAGE);
        assert.equal(component()?.isComponent, true, `no component ${COMPONENT}`);
        assert.ok(component().description?.includes("multi-container pod"));
        assert.deepEqual(component().requiredInputs, ["definition"]);
    });

    it("depends on the Kubernetes package at the version package.json pins for development (the SDK it is loaded with), for the resources it outputs", () => {
        const version = manifest.devDependencies["@pulumi/kubernetes"];
        assert.deepEqual(
            schema.dependencies?.find((d) => d.name === "kubernetes"),
            { name: "kubernetes", version },
        );
        const outputs = component().properties!;
        const kubernetes = (kind: string) =>
            `/kubernetes/v${version}/schema.json#/resources/kubernetes:core%2Fv1:${kind}`;
        assert.equal(outputs.pod.$ref, kubernetes("Pod"));
        assert.equal(outputs.configMaps.items?.$ref, kubernetes("ConfigMap"));
        assert.equal(outputs.secrets.items?.$ref, kubernetes("Secret"));
        assert.equal(outputs.service.$ref, kubernetes("Service"));
    });

    it("takes the definition as plain data and accepts outputs (Inputs) where the model does", () => {
        const inputs = component().inputProperties;
        // The component refuses a definition that is an Output: it is built and validated at preview.
        assert.equal(inputs.definition.plain, true);
        assert.equal(inputs.definition.$ref, typeRef("PodDefinition"));
        // Another resource's output: a namespace the program creates, credentials from a secret store.
        for (const name of ["namespace", "basicAuth"]) assert.notEqual(inputs[name].plain, true, `${name} is an Input`);
        const credentials = schema.types[`${PACKAGE}:index:BasicAuthCredentials`].properties!;
        for (const name of ["user", "password", "saltHex"]) {
            assert.notEqual(credentials[name].plain, true, `basicAuth.${name} is an Input`);
        }
    });

    it("takes images, env values, file contents and label and annotation values as Inputs; the structure plain", () => {
        const type = (name: string) => schema.types[`${PACKAGE}:index:${name}`].properties!;
        // Another resource's output may fill these (`${resource.output}` in Pulumi YAML): no `plain` flag.
        const inputs: [Property, string][] = [
            [type("ContainerDefinition").image, "ContainerDefinition.image"],
            [type("EnvVarDefinition").value, "EnvVarDefinition.value"],
            [type("ConfigFilesVolume").files.additionalProperties!, "ConfigFilesVolume.files values"],
            [type("PodDefinition").labels.additionalProperties!, "PodDefinition.labels values"],
            [type("PodDefinition").annotations.additionalProperties!, "PodDefinition.annotations values"],
        ];
        for (const [property, name] of inputs) {
            assert.equal(property.type, "string", name);
            assert.notEqual(property.plain, true, `${name} is an Input`);
        }
        // Which containers, volumes and ports there are, and their names, stay plain: validated at preview.
        const plain: [Property, string][] = [
            [type("PodDefinition").containers, "PodDefinition.containers"],
            [type("PodDefinition").volumes, "PodDefinition.volumes"],
            [type("PodDefinition").labels, "PodDefinition.labels"],
            [type("ContainerDefinition").name, "ContainerDefinition.name"],
            [type("ContainerDefinition").ports, "ContainerDefinition.ports"],
            [type("EnvVarDefinition").name, "EnvVarDefinition.name"],
            [type("ConfigFilesVolume").files, "ConfigFilesVolume.files"],
        ];
        for (const [property, name] of plain) assert.equal(property.plain, true, `${name} is plain`);
    });

    it("outputs each container's kubectl logs command in description.containers", () => {
        assert.equal(component().properties!.description.$ref, typeRef("PodDescription"));
        const description = schema.types[`${PACKAGE}:index:PodDescription`].properties!;
        assert.equal(description.containers.items?.$ref, typeRef("ContainerDescription"));
        const container = schema.types[`${PACKAGE}:index:ContainerDescription`].properties!;
        assert.equal(container.logs.type, "string");
        assert.ok(container.logs.description);
    });

    it("has the model's enums as schema enums, each the very members of a const object components/ exports", () => {
        const enums = Object.entries(schema.types).filter(([, type]) => type.enum !== undefined);
        for (const [token, type] of enums) {
            const exported = (pkg as Record<string, unknown>)[token.split(":")[2]];
            assert.ok(exported && typeof exported === "object", `${token}: no const object of that name exported`);
            assert.deepEqual(
                type.enum!.map((member) => [member.name, member.value]),
                Object.entries(exported),
                token,
            );
        }
        // The ones every pod uses, referenced where the model takes them.
        for (const name of ["Pattern", "ContainerRole", "SidecarMode"]) {
            assert.ok(schema.types[`${PACKAGE}:index:${name}`]?.enum, `${name} is an enum`);
        }
        assert.equal(component().inputProperties.sidecarMode.$ref, typeRef("SidecarMode"));
        assert.equal(schema.types[`${PACKAGE}:index:PodDefinition`].properties!.pattern.$ref, typeRef("Pattern"));
        assert.equal(
            schema.types[`${PACKAGE}:index:ContainerDescription`].properties!.role.$ref,
            typeRef("ContainerRole"),
        );
    });

    it("expresses what a real app's pod needs: affinity, spread, hooks, projected volumes, Service ports, podSecurity", () => {
        const properties = (name: string) => schema.types[`${PACKAGE}:index:${name}`]?.properties ?? {};
        const expected: [string, string, string][] = [
            ["PodDefinition", "affinity", "AffinityDefinition"],
            ["PodDefinition", "podSecurity", "PodSecurityLevel"],
            ["AffinityDefinition", "podAntiAffinity", "PodAffinityDefinition"],
            ["ContainerDefinition", "lifecycle", "LifecycleDefinition"],
            ["LifecycleDefinition", "preStop", "LifecycleHandler"],
            ["VolumeDefinition", "projected", "ProjectedVolume"],
            ["VolumeDefinition", "downwardAPI", "DownwardApiVolume"],
            ["EnvVarDefinition", "resourceFieldRef", "ResourceFieldReference"],
        ];
        for (const [owner, property, type] of expected) {
            assert.equal(properties(owner)[property]?.$ref, typeRef(type), `${owner}.${property}`);
        }
        assert.equal(
            properties("PodDefinition").topologySpreadConstraints.items?.$ref,
            typeRef("TopologySpreadConstraintDefinition"),
        );
        assert.equal(properties("ExposeDefinition").additionalPorts.items?.$ref, typeRef("ServicePortDefinition"));
        for (const name of ["runAsNonRoot", "allowPrivilegeEscalation", "addCapabilities"]) {
            assert.ok(properties("SecurityOverrides")[name]?.description, `SecurityOverrides.${name}`);
        }
        for (const name of [
            "PodSecurityLevel",
            "NodeSelectorOperator",
            "LabelSelectorOperator",
            "UnsatisfiableConstraintAction",
        ]) {
            assert.ok(schema.types[`${PACKAGE}:index:${name}`]?.enum, `${name} is an enum`);
        }
    });

    it("names every type with a plain identifier the SDKs can build on (they append Args, Output, Dict)", () => {
        for (const token of Object.keys(schema.types)) {
            const [owner, module, name] = token.split(":");
            assert.deepEqual([owner, module], [PACKAGE, "index"], token);
            assert.match(name, /^[A-Z][A-Za-z0-9]*$/, token);
            assert.doesNotMatch(name, /(Args|Output|Input|Dict)$/, `${token}: the SDKs would double its suffix`);
        }
    });

    it("names every type after an interface or enum declared in components/ (no TypeScript utility types)", () => {
        const sources = tsSources(path.join(ROOT, "components"))
            .map((file) => fs.readFileSync(file, "utf8"))
            .join("\n");
        const declared = new Set(
            [...sources.matchAll(/^export (?:interface|const|enum) ([A-Z][A-Za-z0-9]*)\b/gm)].map((match) => match[1]),
        );
        const foreign = Object.keys(schema.types)
            .map((token) => token.split(":")[2])
            .filter((name) => !declared.has(name));
        assert.deepEqual(foreign, []);
    });

    it("documents every argument and output of the component", () => {
        assert.deepEqual(
            [...undocumented("args", component().inputProperties), ...undocumented("outputs", component().properties)],
            [],
        );
    });

    it("documents every property of every object type", () => {
        assert.deepEqual(
            objectTypes().flatMap(([token, type]) => undocumented(token.split(":")[2], type.properties)),
            [],
        );
    });

    // Pending, upstream: the Node.js host's analyzer (@pulumi/pulumi 3.248, and pulumi's sources as of August
    // 2026) has no way to mark a property secret, so the schema cannot say it and the SDKs do not wrap it. The
    // component makes the password secret itself (pulumi.secret) before it reaches any resource or the state.
    it.skip("marks the basic-auth password secret", () => {
        const credentials = schema.types[`${PACKAGE}:index:BasicAuthCredentials`].properties!;
        assert.equal(credentials.password.secret, true);
    });
});
