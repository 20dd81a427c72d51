import { strict as assert } from "assert";
import { componentArgsProblems, validateComponentArgs } from "../../../components/validation/args";

// MultiContainerPod's own arguments, as any Pulumi language may pass them: one case per argument and rule.
describe("componentArgsProblems", () => {
    it("accepts no arguments at all, and every documented value", () => {
        assert.deepEqual(componentArgsProblems({}), []);
        assert.deepEqual(
            componentArgsProblems({
                instance: "multi-container-pods-dev",
                sidecarMode: "native",
                namespace: "team-a",
                kubeContext: "kind-kind",
                kubeconfig: "/home/me/.kube/config",
                verify: false,
                collisionHints: true,
                verifyOptions: { tailLines: 1, waitTimeoutSeconds: 120, attempts: 60, retryDelaySeconds: 0.5 },
            }),
            [],
        );
        assert.deepEqual(
            componentArgsProblems({ sidecarMode: "classic", verifyOptions: { retryDelaySeconds: 0 } }),
            [],
        );
    });

    const cases: Array<[string, Record<string, unknown>, string]> = [
        [
            "an instance that is no label value",
            { instance: "my stack!" },
            `instance: label value "my stack!" must be at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends`,
        ],
        ["an instance over 63 characters", { instance: "a".repeat(64) }, `instance: label value "${"a".repeat(64)}"`],
        ["an empty instance", { instance: "" }, "instance: must not be empty"],
        ["an instance that is no string", { instance: 7 }, "instance: must be a string, not 7"],
        [
            "sidecarMode in another case",
            { sidecarMode: "Native" },
            `sidecarMode: "Native" must be one of "classic", "native"`,
        ],
        ["an unknown sidecarMode", { sidecarMode: "both" }, `sidecarMode: "both" must be one of`],
        [
            "a namespace that is no DNS-1123 label",
            { namespace: "Team_A" },
            `namespace: "Team_A" is not a DNS-1123 label`,
        ],
        ["an empty kubeContext", { kubeContext: "" }, `kubeContext: must be a non-empty string, not ""`],
        ["verify as a string", { verify: "false" }, `verify: must be true or false, not "false"`],
        [
            "verifyOptions.tailLines 0",
            { verifyOptions: { tailLines: 0 } },
            "verifyOptions.tailLines: 0 must be a whole number from 1 to 100000",
        ],
        [
            "a negative tailLines",
            { verifyOptions: { tailLines: -5 } },
            "verifyOptions.tailLines: -5 must be a whole number",
        ],
        [
            "a fractional tailLines",
            { verifyOptions: { tailLines: 2.5 } },
            "verifyOptions.tailLines: 2.5 must be a whole number",
        ],
        [
            "tailLines as a string",
            { verifyOptions: { tailLines: "20" } },
            `verifyOptions.tailLines: "20" must be a whole number`,
        ],
        [
            "waitTimeoutSeconds 0",
            { verifyOptions: { waitTimeoutSeconds: 0 } },
            "verifyOptions.waitTimeoutSeconds: 0 must be a whole number of seconds from 1 to 3600",
        ],
        [
            "attempts 0",
            { verifyOptions: { attempts: 0 } },
            "verifyOptions.attempts: 0 must be a whole number from 1 to 1000",
        ],
        [
            "a negative retryDelaySeconds",
            { verifyOptions: { retryDelaySeconds: -1 } },
            "verifyOptions.retryDelaySeconds: -1 must be a number of seconds from 0 to 60",
        ],
        [
            "a NaN retryDelaySeconds",
            { verifyOptions: { retryDelaySeconds: NaN } },
            "verifyOptions.retryDelaySeconds: NaN must be",
        ],
        ["verifyOptions that is no object", { verifyOptions: 5 }, "verifyOptions: must be an object, not 5"],
    ];
    for (const [title, args, message] of cases) {
        it(`refuses ${title}`, () => {
            const problems = componentArgsProblems(args);
            assert.equal(problems.length, 1, problems.join("\n"));
            assert.ok(problems[0].startsWith(message), `${problems[0]}\n  does not start with\n${message}`);
        });
    }

    it("validateComponentArgs names the component and every bad argument in one error", () => {
        assert.throws(
            () => validateComponentArgs("web", { sidecarMode: "Native", verifyOptions: { tailLines: 0 } }),
            (err: Error) =>
                err.message ===
                `MultiContainerPod web: invalid arguments: sidecarMode: "Native" must be one of "classic", "native" (lowercase); ` +
                    "verifyOptions.tailLines: 0 must be a whole number from 1 to 100000",
        );
        assert.doesNotThrow(() => validateComponentArgs("web", {}));
    });
});
