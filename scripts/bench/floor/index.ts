import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

// The floor of `npm run bench:cluster`: the smallest TypeScript Pulumi program on Kubernetes, laid out as
// `pulumi new kubernetes-typescript` lays it out (type-checked by ts-node at run time, the default), with one
// ConfigMap through an explicit provider. Whatever it costs, every Pulumi user pays: CLI, language host,
// @pulumi/kubernetes, provider plugin start-up and one API round trip. The namespace exists already.
const config = new pulumi.Config();
const provider = new k8s.Provider("kubernetes", {});
const configMap = new k8s.core.v1.ConfigMap(
    "floor",
    { metadata: { namespace: config.require("namespace") }, data: { greeting: "hello" } },
    { provider },
);

export const name = configMap.metadata.name;
