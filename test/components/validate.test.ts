import { strict as assert } from "assert";
import { allExamples, ContainerDefinition, PodExampleDefinition } from "../../examples";
import { sidecarLoggingExample } from "../../examples/sidecar-logging";
import {
    assertValidExamples,
    formatIssue,
    imageTagProblem,
    InvalidDefinitionError,
    validateExample,
} from "../../components/validate";

// A valid base (the seed's logging example) and one change per case. Each case says what the finding must
// read: the example, the container and the field are all part of the message.
const base = sidecarLoggingExample;
const main = base.containers[0];
const sidecar = base.sidecars![0];
const withMain = (changes: Partial<ContainerDefinition>): PodExampleDefinition => ({
    ...base,
    containers: [{ ...main, ...changes }],
});
const withSidecar = (changes: Partial<ContainerDefinition>): PodExampleDefinition => ({
    ...base,
    sidecars: [{ ...sidecar, ...changes }],
});
const initWriter: ContainerDefinition = {
    name: "init-writer",
    image: "busybox:1.36.1",
    mounts: [{ volume: "app-logs", path: "/logs" }],
};

const P = 'example "sidecar-container-test"';
const MAIN = `${P}, container "main-container"`;
const SIDECAR = `${P}, container "sidecar-container"`;

const errorCases: Array<[string, PodExampleDefinition, string]> = [
    [
        "duplicate container names across init and app containers",
        { ...base, initContainers: [{ ...initWriter, name: "main-container" }] },
        `${MAIN}, field containers[0].name: container name "main-container" is already used by initContainers[0]`,
    ],
    [
        "duplicate container names across app containers and sidecars",
        { ...withSidecar({ name: "main-container" }), evidence: [] },
        `${MAIN}, field sidecars[0].name: container name "main-container" is already used by containers[0]`,
    ],
    [
        "a mount of an undeclared volume",
        withSidecar({ mounts: [{ volume: "logs", path: "/var/log/app" }] }),
        `${SIDECAR}, field sidecars[0].mounts[0].volume: "logs" is not a declared volume (declared: app-logs)`,
    ],
    [
        "two volumes with the same name",
        { ...base, volumes: [...base.volumes, { name: "app-logs", kind: "emptyDir" }] },
        `${P}, field volumes[1].name: volume "app-logs" is declared twice`,
    ],
    [
        "an uppercase pod name",
        { ...base, name: "Sidecar-Test" },
        `example "Sidecar-Test", field name: "Sidecar-Test" is not a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit`,
    ],
    [
        "a pod name longer than 63 characters",
        { ...base, name: "a".repeat(64) },
        `example "${"a".repeat(64)}", field name: "${"a".repeat(64)}" is 64 characters; a DNS-1123 label has at most 63`,
    ],
    [
        "a container name with a leading dash",
        { ...withMain({ name: "-main" }), evidence: [] },
        `${P}, container "-main", field containers[0].name: "-main" is not a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit`,
    ],
    [
        "an uppercase volume name",
        {
            ...base,
            volumes: [{ name: "AppLogs", kind: "emptyDir" }],
            containers: [{ ...main, mounts: [{ volume: "AppLogs", path: "/var/log/app" }] }],
            sidecars: [{ ...sidecar, mounts: [{ volume: "AppLogs", path: "/var/log/app" }] }],
        },
        `${P}, field volumes[0].name: "AppLogs" is not a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit`,
    ],
    ["an empty image", withMain({ image: "" }), `${MAIN}, field containers[0].image: image must not be empty`],
    [
        "an untagged image",
        withMain({ image: "busybox" }),
        `${MAIN}, field containers[0].image: "busybox" has no tag; pin one (e.g. busybox:1.2.3) so every deploy pulls the same image`,
    ],
    [
        "a latest image",
        withSidecar({ image: "registry.example.com:5000/tools/busybox:latest" }),
        `${SIDECAR}, field sidecars[0].image: "registry.example.com:5000/tools/busybox:latest" uses the moving tag "latest"; pin a version so a second pulumi up shows no diff`,
    ],
    [
        "restartPolicy on an app container",
        withMain({ restartPolicy: "Always" }),
        `${MAIN}, field containers[0].restartPolicy: Kubernetes rejects restartPolicy on an app container`,
    ],
    [
        "a probe on a plain init container",
        { ...base, initContainers: [{ ...initWriter, readinessProbe: { exec: ["true"] } }] },
        `${P}, container "init-writer", field initContainers[0].readinessProbe: init containers run to completion and cannot have probes`,
    ],
    [
        "two containers exposing the same port",
        {
            ...base,
            containers: [{ ...main, ports: [{ name: "http", containerPort: 8080 }] }],
            sidecars: [{ ...sidecar, ports: [{ name: "metrics", containerPort: 8080 }] }],
        },
        `${SIDECAR}, field sidecars[0].ports[0].containerPort: port 8080 is already exposed by container "main-container"`,
    ],
    [
        "two mounts on the same path in one container",
        {
            ...base,
            volumes: [...base.volumes, { name: "more", kind: "emptyDir" }],
            containers: [{ ...main, mounts: [...main.mounts!, { volume: "more", path: "/var/log/app" }] }],
        },
        `${MAIN}, field containers[0].mounts[1].path: two mounts on "/var/log/app"`,
    ],
    [
        "a zero memory limit",
        withMain({ resources: { limits: { memory: "0" } } }),
        `${MAIN}, field containers[0].resources.limits.memory: "0" is not a positive quantity`,
    ],
    [
        "a negative cpu request",
        withSidecar({ resources: { requests: { cpu: "-100m" } } }),
        `${SIDECAR}, field sidecars[0].resources.requests.cpu: "-100m" is not a positive quantity`,
    ],
    [
        "a request above the (default) limit",
        withMain({ resources: { requests: { memory: "1Gi" } } }),
        `${MAIN}, field containers[0].resources.requests.memory: request is above the limit; Kubernetes rejects that`,
    ],
    [
        "no app container",
        { ...base, containers: [], evidence: [] },
        `${P}, field containers: a pod needs at least one app container`,
    ],
    [
        "a relative mount path",
        withMain({ mounts: [{ volume: "app-logs", path: "var/log/app" }] }),
        `${MAIN}, field containers[0].mounts[0].path: "var/log/app" must be an absolute path`,
    ],
    [
        "a port number out of range",
        withMain({ ports: [{ name: "http", containerPort: 70000 }] }),
        `${MAIN}, field containers[0].ports[0].containerPort: 70000 is not a port number (1-65535)`,
    ],
    [
        "a port name longer than 15 characters",
        withMain({ ports: [{ name: "a-very-long-port-name", containerPort: 8080 }] }),
        `${MAIN}, field containers[0].ports[0].name: "a-very-long-port-name" must be 1 to 15 characters`,
    ],
    [
        "an env var with neither value nor fieldRef",
        withMain({ env: [{ name: "MODE" }] }),
        `${MAIN}, field containers[0].env[0]: env "MODE" needs exactly one of value and fieldRef`,
    ],
    [
        "running as root",
        withMain({ security: { runAsUser: 0 } }),
        `${MAIN}, field containers[0].security.runAsUser: 0 is root; containers must run as non-root`,
    ],
    [
        "an httpGet probe on a port name the container does not have",
        withMain({ readinessProbe: { httpGet: { path: "/", port: "web" } } }),
        `${MAIN}, field containers[0].readinessProbe: port "web" is not a port of this container`,
    ],
    [
        "evidence naming a container the pod does not have",
        { ...base, evidence: [{ kind: "logLine", container: "missing-container", text: "x" }] },
        `${P}, field evidence[0]: "missing-container" is not a container of this pod`,
    ],
    [
        "expose naming a port the pod does not have",
        { ...base, expose: { port: "http", servicePort: 80, localPort: 8080 } },
        `${P}, field expose.port: "http" is not the name of a container port in this pod`,
    ],
];

describe("validateExample", () => {
    it("accepts every shipped example without a finding", () => {
        for (const def of allExamples) assert.deepEqual(validateExample(def).map(formatIssue), [], def.name);
    });

    it(`has a corpus of at least 20 malformed definitions (${errorCases.length})`, () => {
        assert.ok(errorCases.length >= 20);
    });

    for (const [title, def, message] of errorCases) {
        it(`rejects ${title}`, () => {
            const errors = validateExample(def).filter((issue) => issue.severity === "error");
            assert.deepEqual(errors.map(formatIssue), [message]);
            assert.throws(
                () => assertValidExamples([def]),
                (err: unknown) => {
                    assert.ok(err instanceof InvalidDefinitionError);
                    assert.ok(err.message.includes(message), err.message);
                    return true;
                },
            );
        });
    }

    const warningCases: Array<[string, PodExampleDefinition, string]> = [
        [
            "an unused volume",
            { ...base, volumes: [...base.volumes, { name: "scratch", kind: "emptyDir" }] },
            `${P}, field volumes[1]: volume "scratch" is declared but no container mounts it`,
        ],
        [
            "a duplicate env name",
            withMain({
                env: [
                    { name: "MODE", value: "a" },
                    { name: "MODE", value: "b" },
                ],
            }),
            `${MAIN}, field containers[0].env[1].name: env "MODE" is set twice; the last value wins`,
        ],
    ];
    for (const [title, def, message] of warningCases) {
        it(`warns about ${title} without rejecting it`, () => {
            const issues = validateExample(def);
            assert.deepEqual(
                issues.map((issue) => [issue.severity, formatIssue(issue)]),
                [["warning", message]],
            );
            assert.deepEqual(assertValidExamples([def]).map(formatIssue), [message]);
        });
    }

    it("reports every error of every example at once", () => {
        const err = (() => {
            try {
                assertValidExamples([withMain({ image: "" }), { ...base, name: "Bad" }]);
            } catch (e) {
                return e as InvalidDefinitionError;
            }
            return undefined;
        })();
        assert.equal(err?.issues.length, 2);
    });
});

describe("imageTagProblem", () => {
    it("accepts pinned tags, registry ports and digests", () => {
        assert.equal(imageTagProblem("busybox:1.36.1"), undefined);
        assert.equal(imageTagProblem("localhost:5000/busybox:1.36.1"), undefined);
        assert.equal(imageTagProblem(`busybox@sha256:${"a".repeat(64)}`), undefined);
        assert.match(imageTagProblem("localhost:5000/busybox") ?? "", /has no tag/);
    });
});
