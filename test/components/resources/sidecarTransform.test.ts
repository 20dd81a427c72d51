import { strict as assert } from "assert";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import * as components from "../../../components";
import type { SidecarTransformOptions } from "../../../components/resources/sidecarTransform";
import { sidecarTransform } from "../../../components/resources/sidecarTransform";
import { InvalidAttachmentError } from "../../../components/validation/attachment";
import { promiseOf, recordResources } from "../../support/mocks";
import { readmeCodeBlock } from "../../support/readme";

// The transform on a plain Deployment registered by a test program under Pulumi's mocks. The mocks run no
// engine, and it is the engine that applies transforms (the SDK refuses registerResourceTransform under mocks),
// so `throughEngine` does its part: the inputs cross the wire as the engine hands them to a transform
// (serialized, then deserialized: secretness lifted to each top-level field), and what it returns is registered.

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const OPTIONS: SidecarTransformOptions = {
    sidecars: [
        {
            name: "log-forwarder",
            image: "busybox:1.36.1",
            command: ["sh", "-c", "tail -n +1 -F /var/log/app/app.log"],
            mounts: [{ volume: "app-logs", path: "/var/log/app", readOnly: true }],
        },
    ],
    volumes: [{ name: "app-logs", emptyDir: {} }],
    appMounts: [{ volume: "app-logs", path: "/var/log/app" }],
    sidecarMode: "native",
    match: { selector: { matchLabels: { logs: "forward" } } },
};

async function throughEngine(
    transforms: pulumi.ResourceTransform[],
    type: string,
    name: string,
    props: pulumi.Inputs,
    opts: pulumi.CustomResourceOptions,
): Promise<{ props: pulumi.Inputs; opts: pulumi.CustomResourceOptions }> {
    let current = { props, opts };
    for (const transform of transforms) {
        const wire = await pulumi.runtime.serializeProperties("props", current.props);
        const handed = pulumi.runtime.deserializeProperties({ toJavaScript: () => wire } as never);
        const result = await transform({ custom: true, type, name, props: handed, opts: current.opts });
        current = result ?? { props: handed, opts: current.opts };
    }
    return current;
}

/** The test program: one Deployment as a team writes it (no sidecar; its env holds a secret), through `transforms`. */
async function deployWeb(transforms: pulumi.ResourceTransform[]) {
    const resources = recordResources();
    const provider = new k8s.Provider("kubernetes", { enableServerSideApply: false });
    const args: k8s.apps.v1.DeploymentArgs = {
        metadata: { name: "web", namespace: "team" },
        spec: {
            selector: { matchLabels: { app: "web" } },
            template: {
                metadata: { labels: { app: "web", logs: "forward" } },
                spec: {
                    containers: [
                        {
                            name: "app",
                            image: "example/web:1.0",
                            env: [{ name: "API_TOKEN", value: pulumi.secret("s3cret") }],
                        },
                    ],
                },
            },
        },
    };
    const { props, opts } = await throughEngine(
        transforms,
        DEPLOYMENT,
        "web",
        { apiVersion: "apps/v1", kind: "Deployment", ...args },
        { provider },
    );
    const deployment = new k8s.apps.v1.Deployment("web", props as k8s.apps.v1.DeploymentArgs, opts);
    await promiseOf(deployment.urn);
    const registered = resources.find((r) => r.type === DEPLOYMENT);
    assert.ok(registered);
    return registered;
}

describe("sidecarTransform", () => {
    it("adds the native sidecar, its volume and the app's mount to a matching Deployment; secrets stay secret", async () => {
        const web = await deployWeb([sidecarTransform(OPTIONS)]);
        const spec = web.inputs.spec.template.spec;
        assert.deepEqual(
            spec.initContainers.map((c: any) => [c.name, c.restartPolicy]),
            [["log-forwarder", "Always"]],
        );
        assert.equal(spec.initContainers[0].securityContext.readOnlyRootFilesystem, true);
        assert.deepEqual(spec.volumes, [{ name: "app-logs", emptyDir: {} }]);
        assert.deepEqual(spec.containers[0].volumeMounts, [
            { name: "app-logs", mountPath: "/var/log/app", readOnly: false },
        ]);
        assert.equal(spec.containers[0].env[0].value, "s3cret");
        assert.deepEqual(web.secrets, ["spec"]);
        assert.equal(web.provider?.split("::")[3], "kubernetes", "the options pass through");
    });

    it("removed, the next run registers the Deployment as written: no sidecar, volume or mount", async () => {
        const spec = (await deployWeb([])).inputs.spec.template.spec;
        assert.equal(spec.initContainers, undefined);
        assert.equal(spec.volumes, undefined);
        assert.equal(spec.containers[0].volumeMounts, undefined);
    });

    it("applied twice (a stack's and a component's), adds the sidecar once", async () => {
        const once = (await deployWeb([sidecarTransform(OPTIONS)])).inputs;
        const twice = (await deployWeb([sidecarTransform(OPTIONS), sidecarTransform(OPTIONS)])).inputs;
        assert.deepEqual(twice, once);
    });

    it("leaves a Deployment the selector does not match, other types and components alone", async () => {
        const transform = sidecarTransform({ ...OPTIONS, match: { selector: { matchLabels: { logs: "keep" } } } });
        assert.equal((await deployWeb([transform])).inputs.spec.template.spec.initContainers, undefined);
        const everything = sidecarTransform({ ...OPTIONS, match: undefined });
        const props = { apiVersion: "v1", kind: "Service", spec: {} };
        assert.equal(
            await everything({ custom: true, type: "kubernetes:core/v1:Service", name: "s", props, opts: {} }),
            undefined,
        );
        const chart = { custom: false, type: "kubernetes:helm.sh/v4:Chart", name: "c", props: {}, opts: {} };
        assert.equal(await everything(chart), undefined);
    });

    it("fails a Job's registration with classic sidecars, naming the resource and the fix", async () => {
        const transform = sidecarTransform({ ...OPTIONS, sidecarMode: "classic", match: undefined });
        const job = {
            apiVersion: "batch/v1",
            kind: "Job",
            metadata: { name: "nightly" },
            spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "step", image: "x:1" }] } } },
        };
        await assert.rejects(
            async () =>
                transform({ custom: true, type: "kubernetes:batch/v1:Job", name: "nightly", props: job, opts: {} }),
            /sidecarTransform, resource "nightly": Job nightly runs to completion.*sidecarMode: "native"/,
        );
    });

    it("refuses bad sidecars when it is made, before any resource is registered", () => {
        assert.throws(
            () => sidecarTransform({ ...OPTIONS, sidecars: [{ ...OPTIONS.sidecars[0], image: "busybox:latest" }] }),
            (error: Error) => error instanceof InvalidAttachmentError && /sidecars\[0\]\.image/.test(error.message),
        );
    });

    it("the README's example runs: its transform, registered for the stack and given to a chart, adds the sidecar", async () => {
        const code = readmeCodeBlock("ts", "## Use it as a library", "### Add sidecars to workloads you already have");
        const stack: pulumi.ResourceTransform[] = [];
        const charts: pulumi.ComponentResourceOptions[] = [];
        // The two registrations are captured: under mocks there is no engine to apply a transform.
        const fakes: Record<string, unknown> = {
            "multi-container-pods": components,
            "@pulumi/pulumi": {
                ...pulumi,
                runtime: { ...pulumi.runtime, registerResourceTransform: (t: any) => stack.push(t) },
            },
            "@pulumi/kubernetes": {
                helm: {
                    v4: {
                        Chart: class {
                            constructor(_n: string, _a: unknown, opts: any) {
                                charts.push(opts);
                            }
                        },
                    },
                },
            },
        };
        const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
        new Function("require", "exports", js)((name: string) => fakes[name], {});
        assert.equal(stack.length, 1);
        assert.deepEqual(charts[0].transforms, stack);
        const deployment = {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "web" },
            spec: {
                template: {
                    metadata: { labels: { logs: "forward" } },
                    spec: { containers: [{ name: "app", image: "web:1" }] },
                },
            },
        };
        const result = await stack[0]({ custom: true, type: DEPLOYMENT, name: "web", props: deployment, opts: {} });
        assert.deepEqual(
            result?.props.spec.template.spec.initContainers.map((c: any) => c.name),
            ["log-forwarder"],
        );
    });
});
