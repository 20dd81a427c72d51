import { strict as assert } from "assert";
import type { SidecarAttachment, WorkloadMatch } from "../../../components/model/attachment";
import {
    assertValidAttachment,
    attachmentProblems,
    InvalidAttachmentError,
} from "../../../components/validation/attachment";

// Sidecars to attach are checked before anything is registered, by the pod validator where it applies (names,
// pinned images, mounts, volume sources) and here for what only an attachment has (app mounts, the match).

const FORWARDER = {
    name: "log-forwarder",
    image: "busybox:1.36.1",
    mounts: [{ volume: "app-logs", path: "/logs", readOnly: true }],
};
const VALID: SidecarAttachment = {
    sidecars: [FORWARDER],
    volumes: [{ name: "app-logs", emptyDir: {} }],
    appMounts: [{ volume: "app-logs", path: "/var/log/app" }],
    sidecarMode: "native",
};

const errors = (attachment: SidecarAttachment, match?: WorkloadMatch) =>
    attachmentProblems(attachment, match)
        .filter((i) => i.severity === "error")
        .map((i) => `${i.field}: ${i.message}`);

describe("attachmentProblems", () => {
    it("accepts a valid attachment and match", () => {
        const match: WorkloadMatch = {
            kinds: ["Deployment", "Job"],
            selector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "Exists" }] },
        };
        assert.deepEqual(attachmentProblems(VALID, match), []);
    });

    const table: [string, SidecarAttachment, WorkloadMatch | undefined, RegExp][] = [
        ["no sidecars", { ...VALID, sidecars: [] }, undefined, /^sidecars: give at least one sidecar/],
        [
            "a moving image tag",
            { ...VALID, sidecars: [{ ...FORWARDER, image: "busybox:latest" }] },
            undefined,
            /^sidecars\[0\]\.image: .*moving tag "latest"/,
        ],
        [
            "an untagged image",
            { ...VALID, sidecars: [{ ...FORWARDER, image: "busybox" }] },
            undefined,
            /^sidecars\[0\]\.image: .*has no tag/,
        ],
        [
            "a bad container name",
            { ...VALID, sidecars: [{ ...FORWARDER, name: "Log_Forwarder" }] },
            undefined,
            /^sidecars\[0\]\.name: .*DNS-1123/,
        ],
        [
            "two sidecars of one name",
            { ...VALID, sidecars: [FORWARDER, FORWARDER] },
            undefined,
            /^sidecars\[1\]\.name: container name "log-forwarder" is already used/,
        ],
        [
            "a mount of an undeclared volume",
            { ...VALID, sidecars: [{ ...FORWARDER, mounts: [{ volume: "other", path: "/x" }] }] },
            undefined,
            /^sidecars\[0\]\.mounts\[0\]\.volume: "other" is not a declared volume/,
        ],
        [
            "restartPolicy set by hand",
            { ...VALID, sidecars: [{ ...FORWARDER, restartPolicy: "Always" }] },
            undefined,
            /^sidecars\[0\]\.restartPolicy: do not set restartPolicy/,
        ],
        [
            "a volume the transform would need an object for",
            { ...VALID, volumes: [{ name: "app-logs", configFiles: { files: { a: "b" } } }] },
            undefined,
            /^volumes\[0\]: "app-logs": a transform creates no ConfigMap or Secret/,
        ],
        [
            "a volume with two sources",
            { ...VALID, volumes: [{ name: "app-logs", emptyDir: {}, basicAuthSecret: {} }] },
            undefined,
            /^volumes\[0\]: set exactly one of/,
        ],
        [
            "an app mount of an undeclared volume",
            { ...VALID, appMounts: [{ volume: "nope", path: "/x" }] },
            undefined,
            /^appMounts\[0\]\.volume: "nope" is not a declared volume/,
        ],
        [
            "a relative app mount path",
            { ...VALID, appMounts: [{ volume: "app-logs", path: "logs" }] },
            undefined,
            /^appMounts\[0\]\.path: "logs" must be an absolute path/,
        ],
        [
            "an unknown sidecar mode",
            { ...VALID, sidecarMode: "sometimes" as never },
            undefined,
            /^sidecarMode: "sometimes" must be one of/,
        ],
        [
            "classic sidecars for Jobs",
            { ...VALID, sidecarMode: "classic" },
            { kinds: ["Deployment", "Job"] },
            /^match\.kinds\[1\]: a Job's pods must complete.*sidecarMode: "native"/,
        ],
        ["an unknown kind", VALID, { kinds: ["Service" as never] }, /^match\.kinds\[0\]: "Service" must be one of/],
        [
            "a bad selector label",
            VALID,
            { selector: { matchLabels: { "bad key!": "x" } } },
            /^match\.selector\.matchLabels\["bad key!"\]: label key/,
        ],
        [
            "In without values",
            VALID,
            { selector: { matchExpressions: [{ key: "tier", operator: "In" }] } },
            /^match\.selector\.matchExpressions\[0\]\.values: In needs values/,
        ],
        [
            "an unknown operator",
            VALID,
            { selector: { matchExpressions: [{ key: "tier", operator: "Gt" as never }] } },
            /^match\.selector\.matchExpressions\[0\]\.operator: "Gt" must be one of/,
        ],
    ];
    for (const [what, attachment, match, expected] of table) {
        it(`refuses ${what}`, () => {
            const found = errors(attachment, match);
            assert.ok(
                found.some((e) => expected.test(e)),
                `${expected} not among:\n${found.join("\n")}`,
            );
        });
    }

    it("warns of a declared volume nothing mounts", () => {
        const issues = attachmentProblems({ ...VALID, volumes: [...VALID.volumes!, { name: "spare", emptyDir: {} }] });
        assert.deepEqual(
            issues.map((i) => [i.severity, i.field]),
            [["warning", "volumes[1]"]],
        );
    });

    it("assertValidAttachment throws one error listing every problem, each with its field", () => {
        assert.throws(
            () =>
                assertValidAttachment(
                    { ...VALID, sidecars: [{ ...FORWARDER, image: "busybox" }], sidecarMode: "classic" },
                    { kinds: ["CronJob"] },
                ),
            (error: Error) =>
                error instanceof InvalidAttachmentError &&
                /^invalid sidecar attachment:\n {2}- sidecars\[0\]\.image \(container "log-forwarder"\): /.test(
                    error.message,
                ) &&
                /\n {2}- match\.kinds\[0\]: a CronJob's pods/.test(error.message),
        );
    });
});
