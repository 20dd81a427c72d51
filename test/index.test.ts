import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { scriptOf } from "./support/scriptCache";
import { onFakeCluster } from "./support/fakeSidecarKubectl";
import { DECLARED_EMPTY, lastRegistered, RegisteredResource, runProgram, WITH_PASSWORD } from "./support/mocks";

const SECRET = ["basicAuthPassword"];
const ofType = (resources: RegisteredResource[], type: string) => resources.filter((r) => r.type === type);
const podNamed = (resources: RegisteredResource[], name: string) =>
    ofType(resources, "kubernetes:core/v1:Pod").find((r) => r.inputs.metadata.name === name);

describe("the program (index.ts) under mocks", () => {
    it("registers the seed's two pods with their exact names, containers and shared volumes", async () => {
        const { resources } = await runProgram({ examples: "init-container-test,sidecar-container-test" });
        const pods = ofType(resources, "kubernetes:core/v1:Pod");
        assert.deepEqual(
            pods.map((p) => p.inputs.metadata.name),
            ["init-container-test", "sidecar-container-test"],
        );

        const init = podNamed(resources, "init-container-test")!;
        assert.equal(init.inputs.metadata.namespace, "default");
        assert.deepEqual(
            init.inputs.spec.initContainers.map((c: any) => c.name),
            ["init-container"],
        );
        assert.deepEqual(
            init.inputs.spec.containers.map((c: any) => c.name),
            ["displayer-container"],
        );
        assert.deepEqual(init.inputs.spec.volumes, [{ name: "shared-data", emptyDir: { sizeLimit: "1Mi" } }]);
        assert.equal(init.inputs.spec.initContainers[0].volumeMounts[0].mountPath, "/shared-data");
        assert.equal(init.inputs.spec.containers[0].volumeMounts[0].mountPath, "/shared-data");

        const sidecar = podNamed(resources, "sidecar-container-test")!;
        assert.equal(sidecar.inputs.spec.initContainers, undefined);
        assert.deepEqual(
            sidecar.inputs.spec.containers.map((c: any) => c.name),
            ["main-container", "sidecar-container"],
        );
        assert.deepEqual(
            sidecar.inputs.spec.containers.map((c: any) => c.volumeMounts[0]),
            [
                { name: "app-logs", mountPath: "/var/log/app", readOnly: false },
                { name: "app-logs", mountPath: "/var/log/app", readOnly: true },
            ],
        );
        // Only what was selected, and no namespace resource for "default".
        assert.equal(ofType(resources, "kubernetes:core/v1:Namespace").length, 0);
        assert.equal(ofType(resources, "kubernetes:core/v1:Service").length, 0);
    });

    it("exports each pod's name, namespace, roles and a kubectl logs command for every container", async () => {
        const { outputs } = await runProgram({ examples: "init-container-test,sidecar-container-test" });
        assert.equal(outputs.namespace, "default");
        assert.equal(outputs.sidecarMode, "classic");
        assert.deepEqual(outputs.pods, {
            "init-container-test": {
                name: "init-container-test",
                kind: "Pod",
                namespace: "default",
                pattern: "init-container",
                summary:
                    "init-container writes a message into a shared emptyDir and exits; displayer-container prints it.",
                containers: [
                    {
                        name: "init-container",
                        role: "init",
                        image: "busybox:1.36.1",
                        logs: "kubectl logs init-container-test -n default -c init-container",
                    },
                    {
                        name: "displayer-container",
                        role: "app",
                        image: "busybox:1.36.1",
                        logs: "kubectl logs init-container-test -n default -c displayer-container",
                    },
                ],
                get: "kubectl get pod init-container-test -n default",
                describe: "kubectl describe pod init-container-test -n default",
            },
            "sidecar-container-test": {
                name: "sidecar-container-test",
                kind: "Pod",
                namespace: "default",
                pattern: "logging",
                summary:
                    "main-container appends to /var/log/app/app.log; sidecar-container streams that file to its stdout.",
                containers: [
                    {
                        name: "main-container",
                        role: "app",
                        image: "busybox:1.36.1",
                        logs: "kubectl logs sidecar-container-test -n default -c main-container",
                    },
                    {
                        name: "sidecar-container",
                        role: "sidecar",
                        image: "busybox:1.36.1",
                        logs: "kubectl logs sidecar-container-test -n default -c sidecar-container",
                    },
                ],
                get: "kubectl get pod sidecar-container-test -n default",
                describe: "kubectl describe pod sidecar-container-test -n default",
            },
        });
        assert.deepEqual(outputs.logCommands, [
            "kubectl logs init-container-test -n default -c init-container",
            "kubectl logs init-container-test -n default -c displayer-container",
            "kubectl logs sidecar-container-test -n default -c main-container",
            "kubectl logs sidecar-container-test -n default -c sidecar-container",
        ]);
    });

    it("deploys all seven examples with no config at all, each with one kubectl logs command per container", async () => {
        const { resources, outputs } = await runProgram({});
        assert.deepEqual(
            ofType(resources, "kubernetes:core/v1:Pod").map((p) => p.inputs.metadata.name),
            [
                "init-container-test",
                "sidecar-container-test",
                "monitoring-sidecar-test",
                "proxy-sidecar-test",
                "security-sidecar-test",
            ],
        );
        assert.deepEqual(
            [
                ...ofType(resources, "kubernetes:batch/v1:Job"),
                ...ofType(resources, "kubernetes:apps/v1:Deployment"),
            ].map((w) => [w.name, w.inputs.metadata.name]),
            // The examples fix their names with workload.name, as the seed's pods have theirs.
            [
                ["batch-job-test-job", "batch-job-test"],
                ["proxy-deployment-test-deployment", "proxy-deployment-test"],
            ],
        );
        assert.equal((outputs.logCommands as string[]).length, 14);
        const proxy = (outputs.pods as any)["proxy-sidecar-test"];
        assert.equal(proxy.portForward, "kubectl port-forward service/proxy-sidecar-test 8080:80 -n default");
        assert.equal(proxy.url, "http://localhost:8080/");
        // Numbers, not names: a named targetPort on a native sidecar gets no endpoints before Kubernetes 1.33.
        // The Deployment's Service takes the Deployment's fixed name.
        assert.deepEqual(
            ofType(resources, "kubernetes:core/v1:Service")
                .map((s) => [s.name, s.inputs.metadata.name, s.inputs.spec.ports[0].targetPort])
                .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
            [
                ["monitoring-sidecar-test-service", "monitoring-sidecar-test", 9113],
                ["proxy-deployment-test-service", "proxy-deployment-test", 8081],
                ["proxy-sidecar-test-service", "proxy-sidecar-test", 8081],
                ["security-sidecar-test-service", "security-sidecar-test", 8081],
            ],
        );
    });

    it('treats the declared default "" of every optional key as unset', async () => {
        const declared = await runProgram(DECLARED_EMPTY);
        const unset = await runProgram({});
        assert.deepEqual(declared.outputs, unset.outputs);
        const [provider] = ofType(declared.resources, "pulumi:providers:kubernetes");
        assert.equal(provider.inputs.context, undefined);
        assert.equal(provider.inputs.kubeconfig, undefined);
    });

    it("moves sidecars into initContainers with restartPolicy Always in native mode, outputs unchanged", async () => {
        const config = { ...WITH_PASSWORD, examples: "sidecar-container-test,monitoring-sidecar-test" };
        const classic = await runProgram(config, SECRET);
        const native = await runProgram({ ...config, sidecarMode: "native" }, SECRET);
        const pod = podNamed(native.resources, "sidecar-container-test")!;
        assert.deepEqual(
            pod.inputs.spec.initContainers.map((c: any) => [c.name, c.restartPolicy]),
            [["sidecar-container", "Always"]],
        );
        assert.deepEqual(
            pod.inputs.spec.containers.map((c: any) => c.name),
            ["main-container"],
        );
        assert.deepEqual(native.outputs.pods, classic.outputs.pods);
        assert.deepEqual(native.outputs.logCommands, classic.outputs.logCommands);
        assert.equal(native.outputs.sidecarMode, "native");
    });

    it("native sidecars on a cluster without them: one line before anything is registered", async () => {
        const cases = [
            // sidecarMode native: every sidecar pod; on 1.28 (its gate off by default), and on 1.30 with it off.
            [
                { minor: "28", gateOff: true },
                { sidecarMode: "native" },
                /^native sidecars \(in sidecar-container-test, [^)]*, batch-job-test, proxy-deployment-test\) cannot work on this cluster: the cluster runs Kubernetes v1\.28\.3/,
            ],
            [
                { minor: "30", gateOff: true },
                { sidecarMode: "native" },
                /cannot work on this cluster: the API server \(Kubernetes v1\.30\.3\) dropped restartPolicy: Always/,
            ],
            // classic: the Job pins native sidecars for itself.
            [{ minor: "28", gateOff: true }, {}, /^native sidecars \(in batch-job-test\) cannot work on this cluster/],
        ] as const;
        for (const [cluster, config, message] of cases) {
            await onFakeCluster(cluster, () =>
                assert.rejects(runProgram({ ...WITH_PASSWORD, ...config }, SECRET), (err: unknown) => {
                    assert.ok(pulumi.RunError.isInstance(err), `a RunError, not ${String(err)}`);
                    assert.match((err as Error).message, message);
                    assert.doesNotMatch((err as Error).message, /\n/, "one line");
                    return true;
                }),
            );
            assert.deepEqual(lastRegistered(), []);
        }
        // Without native sidecars the cluster is not asked.
        await onFakeCluster({ minor: "28" }, async (fake) => {
            await runProgram({ ...WITH_PASSWORD, examples: "sidecar-container-test,init-container-test" }, SECRET);
            assert.deepEqual(fake.calls(), []);
        });
    });

    it("verifies every pod after it is created, and registers no verification when verify is false", async () => {
        const on = await runProgram({ examples: "init-container-test,sidecar-container-test" });
        const commands = ofType(on.resources, "command:local:Command");
        assert.deepEqual(commands.map((c) => c.name).sort(), [
            "init-container-test-images",
            "init-container-test-verify",
            "sidecar-container-test-images",
            "sidecar-container-test-verify",
        ]);
        for (const command of commands.filter((c) => c.name.endsWith("-verify"))) {
            const pod = command.name.replace(/-verify$/, "-pod");
            assert.deepEqual(
                command.dependencies.map((urn) => urn.split("::").pop()),
                [pod, pod.replace(/-pod$/, "-images")],
            );
            assert.match(
                scriptOf(command),
                new RegExp(`kc wait --for=condition=Ready 'pod/${pod.replace(/-pod$/, "")}'`),
            );
        }
        // The fake cluster runs the registered pods' containers (test/support/mocks.ts): every one of them, and
        // only they, appear, each with exactly its own lines.
        const hello = "Hello from init-container";
        const handled = "main-container handled request";
        assert.deepEqual(on.outputs.logs, {
            "init-container-test": {
                "init-container": ["log of init-container", `evidence: ${hello}`, `relayed: ${hello}`],
                "displayer-container": ["log of displayer-container", `relayed: ${hello}`],
            },
            "sidecar-container-test": {
                "main-container": ["log of main-container", `evidence: ${handled}`, `relayed: ${handled}`],
                "sidecar-container": ["log of sidecar-container", `relayed: ${handled}`],
            },
        });

        const off = await runProgram({ examples: "init-container-test,sidecar-container-test", verify: "false" });
        assert.deepEqual(ofType(off.resources, "command:local:Command"), []);
        assert.equal(off.outputs.logs, undefined);
        assert.deepEqual(off.outputs.logCommands, on.outputs.logCommands, "the commands are still there");
    });

    it("stops on a bad config value with Pulumi's plain error (a RunError) before registering anything", async () => {
        for (const [config, message] of [
            [{ examples: "no-such-example" }, /^config key "examples": unknown example "no-such-example"/],
            [{ namespace: "Not_A_Label" }, /^config key "namespace": "Not_A_Label" is not a DNS-1123 label/],
            [{ sidecarMode: "both" }, /^config key "sidecarMode"/],
            [{ verify: "maybe" }, /^config key "verify": "maybe" must be true or false/],
            [{ createNamespace: "yes" }, /^config key "createNamespace": "yes" must be true or false/],
            [{ basicAuthUser: "a:b" }, /^config key "basicAuthUser": "a:b" must not contain ':'/],
        ] as const) {
            await assert.rejects(runProgram(config), (err: unknown) => {
                assert.ok(pulumi.RunError.isInstance(err), `a RunError, not ${String(err)}`);
                assert.match((err as Error).message, message);
                return true;
            });
            assert.deepEqual(lastRegistered(), []);
        }
    });
});
