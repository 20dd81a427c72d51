import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MultiContainerPod } from "../../../../components";

// The cluster test's program for values from other resources (test/cluster/values.test.ts): a bare pod whose
// image is a Command's stdout, made in the same update (unknown at preview), and whose env holds two secrets: a
// secret config value, and a key another Command draws in the same update (a secret unknown at preview).
const config = new pulumi.Config();
const provider = new k8s.Provider("kubernetes", { enableServerSideApply: false });

// Stands in for whatever builds the image; the test makes it print an untagged one to see it refused.
const imageSource = new command.local.Command("image-source", {
    create: `printf %s ${config.get("image") ?? "busybox:1.36.1"}`,
});
const sessionKey = new command.local.Command(
    "session-key",
    { create: "od -An -N12 -tx1 /dev/urandom | tr -d ' \\n'" },
    { additionalSecretOutputs: ["stdout"] },
);

const pod = new MultiContainerPod(
    "values-pod",
    {
        definition: {
            name: "values-pod",
            volumes: [],
            containers: [
                {
                    name: "app",
                    image: imageSource.stdout,
                    command: [
                        "sh",
                        "-c",
                        "trap 'exit 0' TERM INT; echo started; while true; do sleep 2 & wait $!; done",
                    ],
                    env: [
                        { name: "API_TOKEN", value: config.requireSecret("apiToken") },
                        { name: "SESSION_KEY", value: sessionKey.stdout },
                    ],
                },
            ],
        },
        namespace: config.require("namespace"),
    },
    { providers: [provider] },
);

export const description = pod.description;
export const workloadName = pod.workloadName;
/** Secret: the test reads it with --show-secrets to find it in the pod's env, and nowhere in clear. */
export const key = sessionKey.stdout;
