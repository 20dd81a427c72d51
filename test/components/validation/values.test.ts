import { strict as assert } from "assert";
import type { PodDefinition } from "../../../components/model";
import { mapValueLeaves, pendingValueLeaves, valueLeaves } from "../../../components/model/values";
import { validateDefinition } from "../../../components/validation/validate";
import { pendingValueIssue } from "../../../components/validation/values";

// The leaf values that may come from other resources, without Pulumi: which they are, that validation leaves the
// ones not known yet alone, and the check each gets once known. A Promise stands for any value known later.

const later = (value: string) => Promise.resolve(value);

const def: PodDefinition = {
    name: "leaves",
    labels: { team: later("blue"), tier: "web" },
    annotations: { "example.com/build": later("42") },
    volumes: [{ name: "config", configFiles: { files: { "a.conf": later("a"), "b.conf": "b" } } }],
    initContainers: [{ name: "prepare", image: "busybox:1.36.1" }],
    containers: [
        {
            name: "app",
            image: later("busybox:1.36.1"),
            env: [
                { name: "PLAIN", value: "x" },
                { name: "FROM_OUTPUT", value: later("y") },
                { name: "REF", fieldRef: "metadata.name" },
            ],
            mounts: [{ volume: "config", path: "/etc/app" }],
        },
    ],
};

describe("values from other resources (model/values.ts, validation/values.ts)", () => {
    it("finds every leaf value with its field, and which of them are not known yet", () => {
        assert.deepEqual(
            valueLeaves(def).map((leaf) => [leaf.kind, leaf.field, leaf.container]),
            [
                ["label", 'labels["team"]', undefined],
                ["label", 'labels["tier"]', undefined],
                ["annotation", 'annotations["example.com/build"]', undefined],
                ["fileContent", 'volumes[0].configFiles.files["a.conf"]', undefined],
                ["fileContent", 'volumes[0].configFiles.files["b.conf"]', undefined],
                ["image", "initContainers[0].image", "prepare"],
                ["image", "containers[0].image", "app"],
                ["envValue", "containers[0].env[0].value", "app"],
                ["envValue", "containers[0].env[1].value", "app"],
            ],
        );
        assert.deepEqual(
            pendingValueLeaves(def).map((leaf) => leaf.field),
            [
                'labels["team"]',
                'annotations["example.com/build"]',
                'volumes[0].configFiles.files["a.conf"]',
                "containers[0].image",
                "containers[0].env[1].value",
            ],
        );
    });

    it("replaces leaf values only, keeping the structure (and leaving absent fields absent)", () => {
        const replaced = mapValueLeaves(def, (leaf) => `<${leaf.field}>`);
        assert.equal(replaced.containers[0].image, "<containers[0].image>");
        assert.deepEqual(replaced.containers[0].env![2], { name: "REF", fieldRef: "metadata.name" });
        assert.equal(replaced.volumes[0].configFiles!.files["b.conf"], '<volumes[0].configFiles.files["b.conf"]>');
        const bare = mapValueLeaves(
            { name: "p", volumes: [], containers: [{ name: "c", image: "i:1" }] },
            (l) => l.value,
        );
        assert.deepEqual(bare, { name: "p", volumes: [], containers: [{ name: "c", image: "i:1" }] });
    });

    it("validates the structure and the known values, and leaves the others for later", () => {
        assert.deepEqual(
            validateDefinition(def).filter((issue) => issue.severity === "error"),
            [],
        );
        const bad = { ...def, labels: { team: later("not a label!"), tier: "not a label either!" } };
        assert.deepEqual(
            validateDefinition(bad).map((issue) => issue.field),
            ['labels["tier"]'],
        );
    });

    it("checks a value once known as it would have checked it at once", () => {
        const leaves = pendingValueLeaves(def);
        const leaf = (field: string) => leaves.find((l) => l.field === field)!;
        const issue = pendingValueIssue(def, leaf("containers[0].image"), "busybox");
        assert.deepEqual(
            [issue?.container, issue?.field, issue?.message],
            [
                "app",
                "containers[0].image",
                '"busybox" has no tag; pin one (e.g. busybox:1.2.3) so every deploy pulls the same image',
            ],
        );
        assert.equal(pendingValueIssue(def, leaf("containers[0].image"), "busybox:1.36.1"), undefined);
        assert.match(pendingValueIssue(def, leaf('labels["team"]'), "a b")!.message, /label value "a b"/);
        // Sizes count the value with its map's values known at once.
        const big = "x".repeat(1024 * 1024);
        const file = pendingValueIssue(def, leaf('volumes[0].configFiles.files["a.conf"]'), big);
        assert.deepEqual(
            [file?.field, file?.message],
            ["volumes[0].configFiles.files", `${1024 * 1024 + 1} bytes; a ConfigMap holds at most ${1024 * 1024}`],
        );
        assert.equal(pendingValueIssue(def, leaf('volumes[0].configFiles.files["a.conf"]'), "small"), undefined);
        assert.match(pendingValueIssue(def, leaf('annotations["example.com/build"]'), big)!.message, /at most 262144/);
        assert.equal(pendingValueIssue(def, leaf("containers[0].env[1].value"), "anything at all"), undefined);
        // An output that resolved to no string (a missing field of another resource) is named, not a TypeError.
        assert.match(
            pendingValueIssue(def, leaf("containers[0].image"), undefined as never)!.message,
            /is undefined, not a string/,
        );
    });
});
