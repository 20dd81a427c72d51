import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { buildPod } from "../../components/build/pod";
import { MultiContainerPod } from "../../components/resources/multiContainerPod";
import { generatedDefinitions } from "./generated";

// One measurement, in a fresh process: register N generated pods under Pulumi mocks, either through our
// component ("ours", "ours+verify") or as raw k8s.core.v1.Pod resources with identical specs ("raw").
// Prints {"wallMs":…, "maxRssKb":…}.
const [variant, countText] = process.argv.slice(2);
const count = Number(countText);

pulumi.runtime.setMocks(
    {
        newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
        call: (args) => args.inputs,
    },
    "multi-container-pods",
    "bench",
    false,
);

async function main() {
    const definitions = generatedDefinitions(count);
    const started = process.hrtime.bigint();
    // As index.ts: a client-side apply provider (the component refuses the server-side default), for both variants.
    const provider = new k8s.Provider("kubernetes", { enableServerSideApply: false });
    const urns: pulumi.Output<string>[] = definitions.map((definition) => {
        if (variant === "raw") {
            const pod = buildPod(definition, { namespace: "default", sidecarMode: "classic" });
            return new k8s.core.v1.Pod(
                definition.name,
                {
                    metadata: pod.metadata as k8s.types.input.meta.v1.ObjectMeta,
                    spec: pod.spec as k8s.types.input.core.v1.PodSpec,
                },
                { provider },
            ).urn;
        }
        const component = new MultiContainerPod(
            definition.name,
            { definition, verify: variant === "ours+verify" },
            { providers: [provider] },
        );
        return component.logs
            ? pulumi.all([component.pod!.urn, component.logs]).apply(([urn]) => urn)
            : component.pod!.urn;
    });
    await new Promise<void>((resolve) => pulumi.all(urns).apply(() => resolve()));
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(JSON.stringify({ wallMs, maxRssKb: process.resourceUsage().maxRSS }));
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
