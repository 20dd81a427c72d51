import * as assert from "assert";
import { requireCluster } from "./support/cluster";
import { getJson, kubectl, runPrinted, throughPortForward } from "./support/pods";
import { eventually, sleep } from "./support/processes";
import { copyTestProgram, TestProject } from "./support/stack";

// One definition, every workload kind, with the real CLI (test/cluster/programs/workloads): each kind deployed
// and verified by `pulumi up`; the Job with a native sidecar completing; a classic sidecar in a Job refused
// before anything is registered; the Deployment rolling a new proxy configuration with no replica unavailable;
// and the seed's isolation on a bare Pod: a sidecar's image changed in place, a sidecar dying alone.

const NAMESPACE = "mcp-test-workloads";
const KINDS = "pod,deployment,job,statefulset,daemonset,cronjob";

describe("cluster: workload kinds and the seed's isolation", function () {
    const cluster = requireCluster(this);
    let project: TestProject;
    let outputs: Record<string, any>;
    const ns = ["-n", NAMESPACE];

    before(async function () {
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=true"]);
        assert.equal((await kubectl(cluster(), ["create", "namespace", NAMESPACE])).status, 0);
        project = new TestProject("workloads", cluster(), copyTestProgram("workloads"));
        await project.newStack("dev", { namespace: NAMESPACE });
    });
    after(async () => {
        await project?.dispose();
        await kubectl(cluster(), ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=false"]);
    });

    it("refuses a classic sidecar in a Job before registering anything, naming sidecarMode: native", async () => {
        await project.pulumi(["config", "set", "deploy", "classicjob"]);
        const preview = await project.pulumi(["preview"], "fail");
        assert.match(preview.stdout + preview.stderr, /classic-job.*sidecars.*never exits.*sidecarMode: native/s);
        const state = JSON.parse((await project.pulumi(["stack", "export"])).stdout);
        assert.deepEqual(state.deployment.resources ?? [], []);
        assert.equal((await kubectl(cluster(), ["get", "all", ...ns, "-o", "name"])).stdout.trim(), "");
    });

    it("pulumi up deploys and verifies every kind from the same containers", async () => {
        await project.pulumi(["config", "set", "deploy", KINDS]);
        const up = await project.pulumi(["up", "--yes"]);
        for (const what of ["pod ", "deployment/", "job/", "statefulset/", "daemonset/", "cronjob/"]) {
            assert.match(up.stdout, new RegExp(`=== verified: ${what}`), `no verification of ${what}`);
        }
        outputs = await project.outputs();
        assert.deepEqual(Object.keys(outputs.descriptions).sort(), KINDS.split(",").sort());
    });

    it("each kind is what it says: replicas ready, a pod on every node, the Job complete with its native sidecar", async () => {
        const d = outputs.descriptions;
        const deployment = await getJson(cluster(), ["deployment", d.deployment.name, ...ns]);
        assert.equal(deployment.status.availableReplicas, 3);
        const statefulSet = await getJson(cluster(), ["statefulset", "logging-statefulset", ...ns]);
        assert.equal(statefulSet.status.readyReplicas, 2);
        assert.ok(await getJson(cluster(), ["pod", "logging-statefulset-0", ...ns]), "stable pod names");
        const nodes = (await getJson(cluster(), ["nodes"])).items.length;
        const daemonSet = await getJson(cluster(), ["daemonset", d.daemonset.name, ...ns]);
        assert.equal(daemonSet.status.numberReady, nodes);
        const job = await getJson(cluster(), ["job", d.job.name, ...ns]);
        assert.equal(job.status.succeeded, 1);
        const sidecar = job.spec.template.spec.initContainers.find((c: any) => c.name === "results-shipper");
        assert.equal(sidecar.restartPolicy, "Always", "the shipper is a native sidecar");
        // The CronJob's proving run is gone again; the CronJob itself stays suspended.
        await eventually(async () => {
            const jobs = (await kubectl(cluster(), ["get", "jobs", ...ns, "-o", "name"])).stdout;
            assert.doesNotMatch(jobs, /-verify-/);
        }, 60000);
        assert.equal((await getJson(cluster(), ["cronjob", d.cronjob.name, ...ns])).spec.suspend, true);
    });

    it("every printed logs, get and rollout status command works as printed for its kind", async () => {
        const expected: Record<string, RegExp> = {
            "main-container": /main-container handled request/,
            "sidecar-container": /main-container handled request/,
            "batch-step": /batch-step (result|finished)/,
            "results-shipper": /batch-step result/,
            "app-container": /response:200|^$/,
            "proxy-container": /nginx|GET/,
        };
        for (const [kind, description] of Object.entries<any>(outputs.descriptions)) {
            assert.match(await runPrinted(cluster(), description.get), new RegExp(description.name));
            if (description.rolloutStatus) {
                assert.match(
                    await runPrinted(cluster(), description.rolloutStatus),
                    /successfully rolled out|complete/,
                );
            }
            for (const container of description.containers) {
                if (kind === "cronjob") continue; // its pods are gone with the proving run
                const text = await eventually(() => runPrinted(cluster(), container.logs), 30000);
                assert.match(text, expected[container.name], `${kind}: ${container.logs}`);
                if (container.logsEveryPod) {
                    assert.match(await runPrinted(cluster(), container.logsEveryPod), /^\[pod\//m);
                }
            }
        }
        assert.match(outputs.logs.cronjob["results-shipper"].join("\n"), /batch-step result 5: 25/);
    });

    it("a second preview has no changes", async () => {
        await project.pulumi(["preview", "--expect-no-changes"]);
    });

    it("a new proxy configuration rolls the Deployment with no replica unavailable", async () => {
        const name = outputs.descriptions.deployment.name;
        const before = await getJson(cluster(), ["deployment", name, ...ns]);
        await project.pulumi(["config", "set", "proxyHeader", "v2"]);
        let sampling = true;
        // Available replicas may rise above 3 (the surge pod); they must never fall below.
        const samples: { available: number; ready: number }[] = [];
        const sampler = (async () => {
            while (sampling) {
                const status = (await getJson(cluster(), ["deployment", name, ...ns])).status;
                samples.push({
                    available: status.availableReplicas ?? 0,
                    ready: status.readyReplicas ?? 0,
                });
                await sleep(250);
            }
        })();
        try {
            await project.pulumi(["up", "--yes"]);
        } finally {
            sampling = false;
            await sampler;
        }
        const after = await getJson(cluster(), ["deployment", name, ...ns]);
        assert.ok(after.metadata.generation > before.metadata.generation, "the template changed");
        assert.equal(after.metadata.uid, before.metadata.uid, "updated in place, not replaced");
        assert.ok(samples.length > 4, `sampled ${samples.length} times`);
        assert.deepEqual(
            samples.filter((s) => s.available < 3 || s.ready < 3),
            [],
            "every replica stayed available",
        );
        const description = (await project.outputs()).descriptions.deployment;
        await throughPortForward(cluster(), description.portForward, description.url, (a) => a.status === 200);
        const headers = await runPrinted(
            cluster(),
            `kubectl exec deployment/${name} -n ${NAMESPACE} -c app-container -- wget -S -O /dev/null http://127.0.0.1:8081/ 2>&1`,
        );
        assert.match(headers, /X-Proxy-Version: v2/);
    });

    it("a bare pod's sidecar image changes in place: same pod, only that container restarts", async () => {
        const before = await getJson(cluster(), ["pod", "sidecar-container-test", ...ns]);
        const status = (pod: any, name: string) => pod.status.containerStatuses.find((s: any) => s.name === name);
        await project.pulumi(["config", "set", "sidecarImage", "docker.io/library/busybox:1.36.1"]);
        const up = await project.pulumi(["up", "--yes"]);
        assert.match(up.stdout, /sidecar-container-test-images updated/);
        assert.doesNotMatch(up.stdout, /kubernetes:core\/v1:Pod.*replace/);
        // The kubelet restarts the container a moment after the image changed: wait until it has, and is ready.
        const restarted = (pod: any) =>
            status(pod, "sidecar-container").restartCount > status(before, "sidecar-container").restartCount ||
            status(pod, "sidecar-container").state.running?.startedAt !==
                status(before, "sidecar-container").state.running.startedAt;
        const after = await eventually(async () => {
            const pod = await getJson(cluster(), ["pod", "sidecar-container-test", ...ns]);
            assert.ok(restarted(pod) && status(pod, "sidecar-container").ready === true, "sidecar restarted, ready");
            return pod;
        }, 60000);
        assert.equal(after.metadata.uid, before.metadata.uid, "the same pod");
        const sidecar = after.spec.containers.find((c: any) => c.name === "sidecar-container");
        assert.equal(sidecar.image, "docker.io/library/busybox:1.36.1");
        assert.deepEqual(status(after, "main-container"), {
            ...status(before, "main-container"),
            // Only what moves by itself may differ.
            lastState: status(after, "main-container").lastState,
        });
        assert.ok(
            status(after, "sidecar-container").restartCount > status(before, "sidecar-container").restartCount ||
                status(after, "sidecar-container").state.running.startedAt !==
                    status(before, "sidecar-container").state.running.startedAt,
            "the sidecar restarted",
        );
    });

    it("a sidecar whose process dies is restarted alone; the app keeps running", async () => {
        const before = await getJson(cluster(), ["pod", "sidecar-container-test", ...ns]);
        const status = (pod: any, name: string) => pod.status.containerStatuses.find((s: any) => s.name === name);
        const kill = await kubectl(cluster(), [
            "exec",
            "sidecar-container-test",
            ...ns,
            "-c",
            "sidecar-container",
            "--",
            "sh",
            "-c",
            "kill -9 $(pidof tail)",
        ]);
        assert.equal(kill.status, 0, kill.stderr);
        const after = await eventually(async () => {
            const pod = await getJson(cluster(), ["pod", "sidecar-container-test", ...ns]);
            assert.equal(
                status(pod, "sidecar-container").restartCount,
                status(before, "sidecar-container").restartCount + 1,
            );
            assert.equal(status(pod, "sidecar-container").ready, true);
            return pod;
        }, 60000);
        assert.equal(after.metadata.uid, before.metadata.uid);
        assert.equal(status(after, "main-container").restartCount, status(before, "main-container").restartCount);
        assert.equal(
            status(after, "main-container").state.running.startedAt,
            status(before, "main-container").state.running.startedAt,
        );
        // The restarted sidecar picks the log up again.
        await eventually(async () => {
            const log = await runPrinted(cluster(), outputs.descriptions.pod.containers[1].logs);
            assert.match(log, /main-container handled request/);
        }, 30000);
    });

    it("pulumi destroy removes every object of every kind", async () => {
        await project.pulumi(["destroy", "--yes"]);
        await eventually(async () => {
            const left = (await kubectl(cluster(), ["get", "all,configmaps,secrets", ...ns, "-o", "name"])).stdout;
            assert.deepEqual(
                left.split("\n").filter((l) => l && !l.startsWith("configmap/kube-root-ca.crt")),
                [],
            );
        }, 90000);
    });
});
