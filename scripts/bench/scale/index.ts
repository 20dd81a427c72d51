import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MultiContainerPod } from "../../../components";
import { allExamples } from "../../../examples";

// The scale figures of `npm run bench:cluster`: `copies` copies of the five examples through the public
// component, as a user of the package would write it. Pod names are fixed, so each copy gets its own namespace
// `<namespacePrefix>-<i>`, created here. Usage is kept to what every caller passes.
const config = new pulumi.Config();
const copies = config.requireNumber("copies");
const namespacePrefix = config.get("namespacePrefix") ?? "bench-scale";
const sidecarMode = config.get("sidecarMode") === "native" ? "native" : "classic";
const verify = config.getBoolean("verify") ?? true;
// A fixed salt keeps the bench free of a random generator; the password comes from the stack's config.
const basicAuth = { user: "demo", password: config.requireSecret("basicAuthPassword"), saltHex: "6d63702d62656e63" };

const provider = new k8s.Provider("kubernetes", {});
for (let copy = 0; copy < copies; copy++) {
    const namespace = new k8s.core.v1.Namespace(
        `namespace-${copy}`,
        { metadata: { name: `${namespacePrefix}-${copy}` } },
        { provider },
    );
    for (const definition of allExamples) {
        new MultiContainerPod(
            `${definition.name}-${copy}`,
            {
                definition,
                namespace: `${namespacePrefix}-${copy}`,
                sidecarMode,
                basicAuth: definition.volumes.some((volume) => volume.basicAuthSecret !== undefined)
                    ? basicAuth
                    : undefined,
                verify,
            },
            { providers: [provider], dependsOn: [namespace] },
        );
    }
}

export const namespaces = Array.from({ length: copies }, (_, copy) => `${namespacePrefix}-${copy}`);
