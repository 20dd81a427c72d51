import { strict as assert } from "assert";
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MultiContainerPod } from "../../../components/resources/multiContainerPod";
import { initContainerExample } from "../../../examples/init-container";
import { promiseOf, recordResources } from "../../support/mocks";

// The component refuses Pulumi's default Kubernetes provider (server-side apply) before registering any child, and
// takes a provider however the SDK lets one reach it; a Command provider reaches its Commands the same way.

describe("MultiContainerPod and its Kubernetes provider", () => {
    const args = { definition: initContainerExample, verify: false };
    let config: Record<string, string>;
    beforeEach(() => (config = pulumi.runtime.allConfig()));
    afterEach(() => pulumi.runtime.setAllConfig(config));

    it("refuses the default provider, naming the fix, and registers no child", () => {
        const resources = recordResources();
        assert.throws(
            () => new MultiContainerPod("ssa", args),
            (error: Error) =>
                /^MultiContainerPod ssa: no Kubernetes provider was given .* enableServerSideApply: false/.test(
                    error.message,
                ),
        );
        assert.ok(!resources.some((r) => r.type.startsWith("kubernetes:")));
    });

    it("accepts the default provider when the stack's config turns server-side apply off", async () => {
        pulumi.runtime.setAllConfig({ ...config, "kubernetes:enableServerSideApply": "false" });
        recordResources();
        await promiseOf(new MultiContainerPod("csa-config", args).pod!.urn);
    });

    for (const [how, opts] of [
        ["opts.providers (a list)", (p: k8s.Provider) => ({ providers: [p] })],
        ["opts.providers (a map)", (p: k8s.Provider) => ({ providers: { kubernetes: p } })],
        ["opts.provider", (p: k8s.Provider) => ({ provider: p })],
    ] as const) {
        it(`uses a provider given through ${how} for its objects`, async () => {
            const resources = recordResources();
            const provider = new k8s.Provider("csa", { enableServerSideApply: false });
            const component = new MultiContainerPod("given", args, opts(provider));
            await promiseOf(component.pod!.urn);
            const pod = resources.find((r) => r.type === "kubernetes:core/v1:Pod")!;
            assert.match(pod.provider ?? "", /pulumi:providers:kubernetes::csa::/);
        });
    }

    it("takes its parent's provider", async () => {
        const resources = recordResources();
        const provider = new k8s.Provider("inherited", { enableServerSideApply: false });
        const parent = new pulumi.ComponentResource("test:index:Parent", "parent", {}, { providers: [provider] });
        await promiseOf(new MultiContainerPod("child", args, { parent }).pod!.urn);
        const pod = resources.find((r) => r.type === "kubernetes:core/v1:Pod")!;
        assert.match(pod.provider ?? "", /pulumi:providers:kubernetes::inherited::/);
    });

    it("gives its Commands (image updates, verification) the Command provider in opts.providers", async () => {
        const resources = recordResources();
        const kubernetes = new k8s.Provider("csa", { enableServerSideApply: false });
        const pinned = new command.Provider("pinned", {}, { version: "1.2.1" });
        const component = new MultiContainerPod(
            "commands",
            { definition: initContainerExample },
            { providers: [kubernetes, pinned] },
        );
        await promiseOf(component.logs!);
        const commands = resources.filter((r) => r.type === "command:local:Command");
        assert.deepEqual(commands.map((r) => r.name).sort(), ["commands-images", "commands-verify"]);
        for (const r of commands) assert.match(r.provider ?? "", /pulumi:providers:command::pinned::/, r.name);
    });
});
