import { strict as assert } from "assert";
import { allExamples } from "../../../examples";
import { readStackSettings } from "../../../components/program/settings";

const read = (config: Record<string, string>) => readStackSettings((key) => config[key], allExamples);

describe("readStackSettings", () => {
    it("has documented defaults", () => {
        const settings = read({});
        assert.equal(settings.namespace, "default");
        assert.equal(settings.createNamespace, true);
        assert.equal(settings.kubeContext, undefined);
        assert.equal(settings.kubeconfig, undefined);
        assert.deepEqual(
            settings.examples.map((d) => d.name),
            allExamples.map((d) => d.name),
        );
        assert.equal(settings.sidecarMode, "classic");
        assert.equal(settings.verify, true);
        assert.equal(settings.logTailLines, 20);
        assert.equal(settings.basicAuthUser, "demo");
    });

    it('reads the declared default "" of every key as unset', () => {
        const keys = [
            "namespace",
            "createNamespace",
            "kubeContext",
            "kubeconfig",
            "examples",
            "sidecarMode",
            "verify",
            "logTailLines",
            "basicAuthUser",
        ];
        assert.deepEqual(read(Object.fromEntries(keys.map((key) => [key, ""]))), read({}));
    });

    it("reads createNamespace", () => {
        assert.equal(read({ namespace: "team-a", createNamespace: "false" }).createNamespace, false);
    });

    it("selects examples from a JSON list or a comma-separated string, in registry order", () => {
        const names = (raw: string) => read({ examples: raw }).examples.map((d) => d.name);
        assert.deepEqual(names('["sidecar-container-test","init-container-test"]'), [
            "init-container-test",
            "sidecar-container-test",
        ]);
        assert.deepEqual(names("sidecar-container-test, init-container-test"), [
            "init-container-test",
            "sidecar-container-test",
        ]);
    });

    const bad: Array<[string, Record<string, string>, string]> = [
        [
            "an unknown example name",
            { examples: "init-container-test,nope" },
            'config key "examples": unknown example "nope"; known: init-container-test, sidecar-container-test, monitoring-sidecar-test, proxy-sidecar-test, security-sidecar-test, batch-job-test, proxy-deployment-test',
        ],
        [
            "a non-list examples value",
            { examples: '{"a":1}' },
            'config key "examples": {"a":1} must be a list of example names',
        ],
        ["a list with a non-string", { examples: "[1]" }, 'config key "examples": [1] must be a list of example names'],
        [
            "an empty examples list",
            { examples: "[]" },
            'config key "examples": the list is empty; unset the key to deploy all',
        ],
        [
            "a namespace that is not a DNS-1123 label",
            { namespace: "My_Namespace" },
            `config key "namespace": "My_Namespace" is not a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit`,
        ],
        [
            "an unknown sidecar mode",
            { sidecarMode: "sidecar" },
            'config key "sidecarMode": "sidecar" must be one of: classic, native',
        ],
        ["a verify value that is not a boolean", { verify: "yes" }, 'config key "verify": "yes" must be true or false'],
        [
            "a createNamespace value that is not a boolean",
            { createNamespace: "1" },
            'config key "createNamespace": "1" must be true or false',
        ],
        [
            "a basic-auth user with a ':'",
            { basicAuthUser: "de:mo" },
            `config key "basicAuthUser": "de:mo" must not contain ':' or a line break`,
        ],
        [
            "a logTailLines value that is not a whole number",
            { logTailLines: "2.5" },
            'config key "logTailLines": "2.5" must be a whole number above 0',
        ],
    ];
    for (const [title, config, message] of bad) {
        it(`rejects ${title}`, () => assert.throws(() => read(config), { message }));
    }
});
