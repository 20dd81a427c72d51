import { strict as assert } from "assert";
import { podLabels, instanceLabel, namespaceLabels, selectorLabels } from "../../../components/build/labels";
import { initContainerExample } from "../../../examples/init-container";

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

describe("labels", () => {
    it("derives a stack's instance from project and stack, as a valid label value", () => {
        assert.equal(instanceLabel("multi-container-pods", "dev"), "multi-container-pods-dev");
        for (const [project, stack] of [
            ["p", "org/team_stack.1"],
            ["-p-", "s."],
            ["p".repeat(60), "s".repeat(60)],
        ]) {
            const value = instanceLabel(project, stack);
            assert.match(value, LABEL_VALUE, value);
            assert.ok(value.length > 0 && value.length <= 63, value);
        }
        // Truncated names stay distinct.
        assert.notEqual(instanceLabel("p".repeat(60), "stack-a"), instanceLabel("p".repeat(60), "stack-b"));
    });

    it("adds instance and managed-by only for a stack; the kubectl manifests get neither", () => {
        assert.deepEqual(podLabels(initContainerExample), {
            "app.kubernetes.io/name": "init-container-test",
            "app.kubernetes.io/component": "init-container",
            "app.kubernetes.io/part-of": "multi-container-pods",
        });
        assert.deepEqual(podLabels(initContainerExample, "p-dev"), {
            "app.kubernetes.io/name": "init-container-test",
            "app.kubernetes.io/component": "init-container",
            "app.kubernetes.io/part-of": "multi-container-pods",
            "app.kubernetes.io/instance": "p-dev",
            "app.kubernetes.io/managed-by": "pulumi",
        });
        assert.deepEqual(selectorLabels(initContainerExample), { "app.kubernetes.io/name": "init-container-test" });
        assert.deepEqual(selectorLabels(initContainerExample, "p-dev"), {
            "app.kubernetes.io/name": "init-container-test",
            "app.kubernetes.io/instance": "p-dev",
        });
    });

    it("keeps a definition's own labels but never lets them replace ours", () => {
        const def = { ...initContainerExample, labels: { team: "a", "app.kubernetes.io/name": "other" } };
        assert.equal(podLabels(def, "x")["app.kubernetes.io/name"], "init-container-test");
        assert.equal(podLabels(def, "x").team, "a");
    });

    it("names the pattern in the component label only when the definition has one", () => {
        const { pattern: _pattern, ...withoutPattern } = initContainerExample;
        assert.equal(podLabels(initContainerExample)["app.kubernetes.io/component"], "init-container");
        assert.ok(!("app.kubernetes.io/component" in podLabels(withoutPattern)));
    });

    it("labels a created namespace restricted for enforce, audit and warn", () => {
        const labels = namespaceLabels("p-dev");
        for (const mode of ["enforce", "audit", "warn"]) {
            assert.equal(labels[`pod-security.kubernetes.io/${mode}`], "restricted");
        }
        assert.equal(labels["app.kubernetes.io/instance"], "p-dev");
    });
});
