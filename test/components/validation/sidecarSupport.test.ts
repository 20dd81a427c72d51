import { strict as assert } from "assert";
import { parseServerVersion, probeProblem, versionProblem } from "../../../components/validation/sidecarSupport";

describe("sidecar support (validation/sidecarSupport.ts)", () => {
    it("reads the server's version from kubectl version -o json, managed clusters' `28+` minors too", () => {
        const json = (server: object) =>
            JSON.stringify({ clientVersion: { major: "1", minor: "34" }, serverVersion: server });
        assert.deepEqual(parseServerVersion(json({ major: "1", minor: "28+", gitVersion: "v1.28.3-eks-1" })), {
            major: 1,
            minor: 28,
            text: "v1.28.3-eks-1",
        });
        assert.deepEqual(parseServerVersion(json({ major: "1", minor: "31" })), { major: 1, minor: 31, text: "v1.31" });
        assert.equal(
            parseServerVersion(JSON.stringify({ clientVersion: {} })),
            "kubectl version printed no serverVersion",
        );
        assert.match(parseServerVersion("error: oops") as string, /^kubectl version printed no JSON: error: oops/);
    });

    it("refuses Kubernetes before 1.29, accepts 1.29 and later", () => {
        const table: [number, number, boolean][] = [
            [1, 27, false],
            [1, 28, false],
            [1, 29, true],
            [1, 33, true],
            [1, 34, true],
            [2, 0, true],
        ];
        for (const [major, minor, ok] of table) {
            const problem = versionProblem({ major, minor, text: `v${major}.${minor}.0` });
            assert.equal(problem === undefined, ok, `${major}.${minor}: ${problem}`);
        }
        assert.equal(
            versionProblem({ major: 1, minor: 28, text: "v1.28.3" }),
            "the cluster runs Kubernetes v1.28.3, and native sidecars need 1.29 or later (1.28 only with the SidecarContainers feature gate switched on)",
        );
    });

    it("reads the gate off from a dry-run pod whose init container lost restartPolicy: Always", () => {
        const pod = (restartPolicy?: string) => ({
            spec: {
                initContainers: [
                    { name: "other" },
                    { name: "sidecar-probe", ...(restartPolicy ? { restartPolicy } : {}) },
                ],
            },
        });
        assert.equal(probeProblem(pod("Always"), "sidecar-probe"), undefined);
        assert.match(
            probeProblem(pod(), "sidecar-probe", { major: 1, minor: 31, text: "v1.31.2" })!,
            /^the API server \(Kubernetes v1\.31\.2\) dropped restartPolicy: Always from an init container in a dry run: its SidecarContainers feature gate is off/,
        );
        assert.notEqual(probeProblem({}, "sidecar-probe"), undefined, "no init container at all: dropped");
    });
});
