import { strict as assert } from "assert";
import { spawn } from "child_process";
import type { PodDefinition, SidecarMode } from "../../components/model";
import { evidenceRules } from "../../components/model/helpers";
import { buildConfigMaps, buildPod } from "../../components/build/pod";
import { checkEvidence, missingEvidenceMessage } from "../../components/verify/evidence";
import { buildVerifyScript, parseVerifyOutput } from "../../components/verify/script";
import { allExamples } from "../../examples";
import { BUSYBOX_IMAGE } from "../../examples/images";
import { initContainerExample } from "../../examples/init-container";
import { runThenIdle } from "../../examples/shell";
import { sidecarLoggingExample } from "../../examples/sidecar-logging";
import { runcUnavailableReason, startPod, unreproducibleImage } from "./podRunner";

// End to end on the OCI runtime: the very pod specs the component registers (buildPod), run by runc as the
// kubelet would, then checked by the same verification script that runs after a real `pulumi up`.

const TARGET = { namespace: "default" };
const VERIFY = {
    tailLines: 50,
    waitTimeoutSeconds: 5,
    attempts: 2,
    retryDelaySeconds: 1,
    evidenceTimeoutSeconds: 30,
    requestTimeoutSeconds: 20,
};

interface CaseResult {
    readonly startError?: string;
    readonly logs: Record<string, string>;
    readonly verify?: { status: number | null; stdout: string; stderr: string };
    readonly probes: Record<string, number | undefined>;
}

async function runCase(def: PodDefinition, sidecarMode: SidecarMode, seconds: number): Promise<CaseResult> {
    const options = { namespace: "default", sidecarMode };
    let running;
    try {
        running = await startPod(buildPod(def, options), buildConfigMaps(def, options));
    } catch (err) {
        return { startError: (err as Error).message, logs: {}, probes: {} };
    }
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const names = [...(def.initContainers ?? []), ...def.containers, ...(def.sidecars ?? [])].map((c) => c.name);
    const probes = Object.fromEntries(names.map((name) => [name, running.probe(name)]));
    const verify = await sh(buildVerifyScript(def, TARGET, VERIFY), running.kubectlDir);
    return { logs: await running.stop(), verify, probes };
}

function sh(script: string, pathFirst: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        const child = spawn("/bin/sh", ["-c", script], {
            env: { ...process.env, PATH: `${pathFirst}:${process.env.PATH}` },
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
}

// Broken variants of the seed's examples, each failing in a way a user could really make.
const failingInit: PodDefinition = {
    ...initContainerExample,
    initContainers: [{ ...initContainerExample.initContainers![0], command: ["sh", "-c", "echo broken; exit 3"] }],
};
const displayerReadsWrongPath: PodDefinition = {
    ...initContainerExample,
    containers: [{ ...initContainerExample.containers[0], command: runThenIdle("cat /shared-data/missing.txt") }],
};
const sidecarOnOtherVolume: PodDefinition = {
    ...sidecarLoggingExample,
    volumes: [...sidecarLoggingExample.volumes, { name: "other-logs", emptyDir: {} }],
    sidecars: [
        {
            ...sidecarLoggingExample.sidecars![0],
            mounts: [{ volume: "other-logs", path: "/var/log/app", readOnly: true }],
        },
    ],
};
// What the harness itself must honour: command, env, workingDir, users, read-only root and mounts, one network.
const harnessProbe: PodDefinition = {
    name: "harness-probe",
    pattern: "init-container",
    summary: "checks the harness",
    manifestFile: "none.yaml",
    volumes: [
        { name: "data", emptyDir: {} },
        { name: "site", emptyDir: {} },
    ],
    initContainers: [
        {
            name: "writer",
            image: BUSYBOX_IMAGE,
            command: ["sh", "-c", "echo served-over-localhost > /site/index.html"],
            mounts: [{ volume: "site", path: "/site" }],
        },
    ],
    containers: [
        {
            name: "inspector",
            image: BUSYBOX_IMAGE,
            command: runThenIdle(
                'echo "uid=$(id -u) gid=$(id -g) pwd=$(pwd) greeting=$GREETING"',
                "touch /root-file 2>/dev/null && echo root-writable || echo root-read-only",
                "touch /data/x && echo data-writable",
                "touch /site/x 2>/dev/null && echo site-writable || echo site-read-only",
                "sleep 1; wget -q -O - http://127.0.0.1:8080/",
            ),
            workingDir: "/data",
            env: [{ name: "GREETING", value: "hello from env" }],
            mounts: [
                { volume: "data", path: "/data" },
                { volume: "site", path: "/site", readOnly: true },
            ],
            security: { runAsUser: 1234, runAsGroup: 2345 },
        },
        {
            name: "server",
            image: BUSYBOX_IMAGE,
            command: ["httpd", "-f", "-p", "127.0.0.1:8080", "-h", "/site"],
            mounts: [{ volume: "site", path: "/site", readOnly: true }],
        },
    ],
    evidence: [],
};

const CASES = {
    init: [initContainerExample, "classic", 2],
    loggingClassic: [sidecarLoggingExample, "classic", 5],
    loggingNative: [sidecarLoggingExample, "native", 5],
    failingInit: [failingInit, "classic", 1],
    wrongPath: [displayerReadsWrongPath, "classic", 2],
    otherVolume: [sidecarOnOtherVolume, "classic", 4],
    harness: [harnessProbe, "classic", 3],
} as const;

describe("example pods run for real on runc", function () {
    this.timeout(60_000);
    const unavailable = runcUnavailableReason();
    const results: Partial<Record<keyof typeof CASES, CaseResult>> = {};

    before(async function () {
        if (unavailable) {
            console.log(`      runc end-to-end tests skipped: ${unavailable}`);
            return this.skip();
        }
        // All pods at once, each in its own network namespace: the suite waits for the slowest, not the sum.
        await Promise.all(
            Object.entries(CASES).map(async ([key, [def, mode, seconds]]) => {
                results[key as keyof typeof CASES] = await runCase(def, mode, seconds);
            }),
        );
    });

    it("init-container-test: displayer-container shows what init-container wrote, pod name included", () => {
        const result = results.init!;
        assert.equal(result.startError, undefined);
        assert.match(
            result.logs["init-container"],
            /^Hello from init-container: prepared for pod init-container-test at \d{4}-\d\d-\d\dT/,
        );
        assert.ok(result.logs["displayer-container"].includes(result.logs["init-container"].trim()));
        assert.equal(result.probes["displayer-container"], 0, "the readiness probe passes, so the pod gets Ready");
        assert.equal(result.verify?.status, 0, result.verify?.stderr);
        assert.deepEqual(checkEvidence(initContainerExample, { logs: result.logs, http: {} }, TARGET), []);
        assert.deepEqual(Object.keys(parseVerifyOutput(result.verify!.stdout)), [
            "init-container",
            "displayer-container",
        ]);
    });

    for (const key of ["loggingClassic", "loggingNative"] as const) {
        it(`sidecar-container-test (${CASES[key][1]}): sidecar-container forwards main-container's lines`, () => {
            const result = results[key]!;
            assert.equal(result.startError, undefined);
            const mainLines = result.logs["main-container"].trim().split("\n");
            assert.ok(mainLines.length >= 2, result.logs["main-container"]);
            assert.match(mainLines[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ main-container handled request 1$/);
            const forwarded = result.logs["sidecar-container"].trim().split("\n");
            assert.deepEqual(forwarded.slice(0, 2), mainLines.slice(0, 2), "forwarded whole, in order, no noise");
            assert.equal(result.verify?.status, 0, result.verify?.stderr);
            assert.deepEqual(checkEvidence(sidecarLoggingExample, { logs: result.logs, http: {} }, TARGET), []);
        });
    }

    it("fails with the container's name and log when an init container exits non-zero", () => {
        assert.equal(
            results.failingInit!.startError,
            'init container "init-container" exited with code 3; its log:\nbroken\n',
        );
    });

    it("reports missing evidence when the displayer reads a path the init container never wrote", () => {
        const result = results.wrongPath!;
        const message = missingEvidenceMessage(
            displayerReadsWrongPath,
            evidenceRules(displayerReadsWrongPath)[1],
            TARGET,
        );
        assert.match(result.logs["displayer-container"], /cat: can't open '\/shared-data\/missing.txt'/);
        assert.equal(result.verify?.status, 1);
        assert.equal(result.verify?.stderr, `${message}\n`);
        assert.deepEqual(checkEvidence(displayerReadsWrongPath, { logs: result.logs, http: {} }, TARGET), [message]);
    });

    it("reports missing evidence when the sidecar mounts a different volume than the writer", () => {
        const result = results.otherVolume!;
        const message = missingEvidenceMessage(sidecarOnOtherVolume, evidenceRules(sidecarOnOtherVolume)[1], TARGET);
        assert.equal(result.logs["sidecar-container"], "");
        assert.equal(result.verify?.status, 1);
        assert.equal(result.verify?.stderr, `${message}\n`);
        assert.deepEqual(checkEvidence(sidecarOnOtherVolume, { logs: result.logs, http: {} }, TARGET), [message]);
    });

    it("honours command, env, workingDir, users, read-only root and mounts, and one network per pod", () => {
        const result = results.harness!;
        assert.equal(result.startError, undefined);
        assert.equal(
            result.logs.inspector,
            "uid=1234 gid=2345 pwd=/data greeting=hello from env\nroot-read-only\ndata-writable\nsite-read-only\nserved-over-localhost\n",
        );
    });

    for (const def of allExamples.filter((d) => unreproducibleImage(buildPod(d, { sidecarMode: "classic" })))) {
        it(`${def.name}: not run here (${unreproducibleImage(buildPod(def, { sidecarMode: "classic" }))})`, function () {
            this.skip();
        });
    }
});
