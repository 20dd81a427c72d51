import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import * as packageExports from "../components";
import { MultiContainerPod } from "../components";
import { dns1123LabelProblem } from "../components/validation/names";
import { defaultProviderClientSide, promiseOf, recordResources } from "./support/mocks";

// yaml-example/ uses this repository as a source-based component package. These checks need no CLI: the
// package is found where the program says, the resource type is the one Pulumi derives, and the pod it
// declares is the one the README describes, with a logs command for each of its containers.
const ROOT = path.join(__dirname, "..");
const read = (file: string) => parse(fs.readFileSync(path.join(ROOT, file), "utf8"));

describe("the Pulumi YAML example (yaml-example/)", () => {
    defaultProviderClientSide();

    const program = read("yaml-example/Pulumi.yaml");
    const packageName: string = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).name;
    const resource = program.resources.examplePod;
    const def = resource.properties.definition;
    type Container = { name: string; mounts?: { volume: string; readOnly?: boolean }[] };
    const containers: [string, Container][] = [
        ...def.initContainers.map((c: Container) => ["init", c]),
        ...def.containers.map((c: Container) => ["app", c]),
        ...def.sidecars.map((c: Container) => ["sidecar", c]),
    ];

    it("is a YAML program that takes the package from the repository root, which is a Node.js plugin", () => {
        assert.equal(program.runtime, "yaml");
        assert.deepEqual(program.packages, { [packageName]: ".." });
        assert.deepEqual(read("PulumiPlugin.yaml"), { runtime: "nodejs" });
    });

    it("declares the component by the type it registers, which Pulumi derives from the package's exported class", async () => {
        // The type the component registers itself under (its super() call), as the engine would receive it.
        const registered = recordResources();
        await promiseOf(
            new MultiContainerPod("probe", {
                definition: { name: "probe", volumes: [], containers: [{ name: "app", image: "busybox:1.36.1" }] },
                verify: false,
            }).pod!.urn,
        );
        const componentType = registered.find((r) => r.name === "probe")?.type;
        assert.equal(resource.type, componentType);
        // Pulumi infers a source package's types as `<package.json name>:index:<exported class name>`.
        const [pkg, module, className] = resource.type.split(":");
        assert.deepEqual([pkg, module], [packageName, "index"]);
        const exported = packageExports as Record<string, unknown>;
        assert.equal(exported[className], MultiContainerPod, `components/index.ts exports ${className}`);
    });

    it("declares a pod of its own: an init container and a read-only sidecar sharing one volume", () => {
        assert.equal(dns1123LabelProblem(def.name), undefined);
        const volumes = def.volumes.map((v: { name: string }) => v.name);
        for (const [, c] of containers) {
            assert.equal(dns1123LabelProblem(c.name), undefined);
            for (const mount of c.mounts ?? []) assert.ok(volumes.includes(mount.volume), `${c.name} mounts a volume`);
        }
        const mountsOf = (role: string) => containers.filter(([r]) => r === role).flatMap(([, c]) => c.mounts ?? []);
        const shared = mountsOf("init").filter((m) => mountsOf("sidecar").some((s) => s.volume === m.volume));
        assert.ok(shared.length > 0, "the init container and the sidecar share a volume");
        assert.ok(mountsOf("sidecar").every((m) => m.readOnly === true));
    });

    it("puts the pod in a namespace it creates, passing the name as an output, through a client-side apply provider", () => {
        const { kubernetes, podNamespace } = program.resources;
        assert.equal(podNamespace.type, "kubernetes:core/v1:Namespace");
        assert.equal(podNamespace.properties.metadata.name, "${namespace}");
        assert.equal(resource.properties.namespace, "${podNamespace.metadata.name}");
        assert.deepEqual(kubernetes, {
            type: "pulumi:providers:kubernetes",
            properties: { enableServerSideApply: false },
        });
        assert.deepEqual(resource.options.providers, ["${kubernetes}"]);
        assert.equal(podNamespace.options.provider, "${kubernetes}");
    });

    it("takes the app's image from another resource's output and its env value from a secret config value", () => {
        const app = def.containers.find((c: { name: string }) => c.name === "app");
        const [, source, key] = /^\$\{(\w+)\.data\.(\w+)\}$/.exec(app.image) ?? [];
        assert.equal(program.resources[source]?.type, "kubernetes:core/v1:ConfigMap", app.image);
        assert.match(program.resources[source].properties.data[key], /^busybox:[\d.]+$/);
        assert.deepEqual(app.env, [{ name: "API_TOKEN", value: "${apiToken}" }]);
        assert.deepEqual(program.config.apiToken, { type: "string", secret: true });
    });

    it("outputs the pod's name and the logs command of every container, each by its own index", () => {
        assert.equal(program.outputs.podName, "${examplePod.pod.metadata.name}");
        assert.deepEqual(
            program.outputs.logCommands,
            Object.fromEntries(
                containers.map(([, c], i) => [c.name, `\${examplePod.description.containers[${i}].logs}`]),
            ),
        );
    });
});
