import { strict as assert } from "assert";
import type { ContainerDefinition, Pattern, PodDefinition } from "../../../components/model";
import { allExamples } from "../../../examples";
import { sidecarLoggingExample } from "../../../examples/sidecar-logging";
import {
    assertValidDefinitions,
    formatIssue,
    imageProblem,
    imageTagProblem,
    InvalidDefinitionError,
    validateDefinition,
} from "../../../components/validation/validate";

// A valid base (the seed's logging example) and one change per case. Each case says what the finding must
// read: the pod, the container and the field are all part of the message.
const base = sidecarLoggingExample;
const main = base.containers[0];
const sidecar = base.sidecars![0];
const withMain = (changes: Partial<ContainerDefinition>): PodDefinition => ({
    ...base,
    containers: [{ ...main, ...changes }],
});
const withSidecar = (changes: Partial<ContainerDefinition>): PodDefinition => ({
    ...base,
    sidecars: [{ ...sidecar, ...changes }],
});
const initWriter: ContainerDefinition = {
    name: "init-writer",
    image: "busybox:1.36.1",
    mounts: [{ volume: "app-logs", path: "/logs" }],
};

// The base with a Service in front of main-container's port, and the base's pod name.
const exposed: PodDefinition = {
    ...base,
    containers: [{ ...main, ports: [{ name: "http", containerPort: 8080 }] }],
    expose: { port: "http", servicePort: 80, localPort: 8080 },
};
const withConfigFiles = (files: Record<string, string>): PodDefinition => ({
    ...base,
    volumes: [...base.volumes, { name: "conf", configFiles: { files } }],
    containers: [{ ...main, mounts: [...main.mounts!, { volume: "conf", path: "/conf", readOnly: true }] }],
});
const httpRule = {
    via: "main-container",
    url: "http://127.0.0.1:8080/",
    expect: "ok",
    description: "answers",
};

const P = 'pod "sidecar-container-test"';
const MAIN = `${P}, container "main-container"`;
const SIDECAR = `${P}, container "sidecar-container"`;

const errorCases: Array<[string, PodDefinition, string]> = [
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
        { ...base, volumes: [...base.volumes, { name: "app-logs", emptyDir: {} }] },
        `${P}, field volumes[1].name: volume "app-logs" is declared twice`,
    ],
    [
        "an uppercase pod name",
        { ...base, name: "Sidecar-Test" },
        `pod "Sidecar-Test", field name: "Sidecar-Test" is not a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit`,
    ],
    [
        "a pod name longer than 63 characters",
        { ...base, name: "a".repeat(64) },
        `pod "${"a".repeat(64)}", field name: "${"a".repeat(64)}" is 64 characters; a DNS-1123 label has at most 63`,
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
            volumes: [{ name: "AppLogs", emptyDir: {} }],
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
            volumes: [...base.volumes, { name: "more", emptyDir: {} }],
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
        "a request above the default limit, which the definition never set",
        withMain({ resources: { requests: { memory: "1Gi" } } }),
        `${MAIN}, field containers[0].resources.requests.memory: request 1Gi is above the default limit 64Mi (limits.memory is not set); raise it with resources.limits.memory, at least 1Gi`,
    ],
    [
        "an ephemeral-storage request above the default limit",
        withMain({ resources: { requests: { ephemeralStorage: "1Gi" } } }),
        `${MAIN}, field containers[0].resources.requests.ephemeralStorage: request 1Gi is above the default limit 64Mi (limits.ephemeralStorage is not set); raise it with resources.limits.ephemeralStorage, at least 1Gi`,
    ],
    [
        "a zero ephemeral-storage limit",
        withMain({ resources: { limits: { ephemeralStorage: "0" } } }),
        `${MAIN}, field containers[0].resources.limits.ephemeralStorage: "0" is not a positive quantity`,
    ],
    [
        "a request above the limit the definition set",
        withMain({ resources: { requests: { cpu: "2" }, limits: { cpu: "1500m" } } }),
        `${MAIN}, field containers[0].resources.requests.cpu: request 2 is above the limit 1500m; Kubernetes rejects that`,
    ],
    [
        "a sidecar reusing an app container's port (an init container's earlier use of it is no conflict)",
        {
            ...base,
            initContainers: [{ ...initWriter, ports: [{ name: "setup", containerPort: 8080 }] }],
            containers: [{ ...main, ports: [{ name: "http", containerPort: 8080 }] }],
            sidecars: [{ ...sidecar, ports: [{ name: "metrics", containerPort: 8080 }] }],
        },
        `${SIDECAR}, field sidecars[0].ports[0].containerPort: port 8080 is already exposed by container "main-container"`,
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
        `${MAIN}, field containers[0].env[0]: env "MODE" needs exactly one of value, fieldRef, resourceFieldRef, secretKeyRef, configMapKeyRef (set: none)`,
    ],
    [
        "running as root",
        withMain({ security: { runAsUser: 0 } }),
        `${MAIN}, field containers[0].security.runAsUser: 0 is root, and runAsNonRoot (default true) makes the kubelet refuse to start it; to run as root, set runAsNonRoot: false too (with podSecurity: "baseline" on the pod)`,
    ],
    [
        "an httpGet probe on a port name the container does not have",
        withMain({ readinessProbe: { httpGet: { path: "/", portName: "web" } } }),
        `${MAIN}, field containers[0].readinessProbe.httpGet.portName: "web" is not a port of this container`,
    ],
    [
        "evidence naming a container the pod does not have",
        { ...base, evidence: [{ logLine: { container: "missing-container", text: "x" } }] },
        `${P}, field evidence[0].logLine: "missing-container" is not a container of this pod`,
    ],
    [
        "expose naming a port the pod does not have",
        { ...base, expose: { port: "http", servicePort: 80, localPort: 8080 } },
        `${P}, field expose.port: "http" is not the name of a container port in this pod`,
    ],
    // Rules from the API server's validation and the container runtime (issue 14 #7).
    [
        "an exposed pod whose name starts with a digit (the Service's name must be a DNS-1035 label)",
        { ...exposed, name: "1-sidecar-test" },
        `pod "1-sidecar-test", field name: "1-sidecar-test" must start with a letter: a Service is named after it`,
    ],
    [
        "an unknown pattern",
        { ...base, pattern: "sidecar" as Pattern },
        `${P}, field pattern: "sidecar" must be one of: init-container, logging, monitoring, proxying, security`,
    ],
    [
        "a manifest file outside examples/",
        { ...base, manifestFile: "../elsewhere.yaml" },
        `${P}, field manifestFile: "../elsewhere.yaml" must be a file name ending in .yaml (written to examples/)`,
    ],
    [
        "a label key with a space",
        { ...base, labels: { "team name": "a" } },
        `${P}, field labels["team name"]: label key "team name": the name must be at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends`,
    ],
    [
        "a label value with a space",
        { ...base, labels: { team: "team a" } },
        `${P}, field labels["team"]: label value "team a" must be at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends`,
    ],
    [
        "a label the program sets itself (the Service selects on it)",
        { ...base, labels: { "app.kubernetes.io/instance": "mine" } },
        `${P}, field labels["app.kubernetes.io/instance"]: the program sets this label itself`,
    ],
    [
        "a config file name with a '/' (not a ConfigMap key)",
        withConfigFiles({ "conf/nginx.conf": "events {}" }),
        `${P}, field volumes[1].configFiles.files: "conf/nginx.conf" is not a ConfigMap key: 1 to 253 letters, digits, '-', '_' or '.', not "." and not starting with ".." (no '/')`,
    ],
    [
        "config files over a ConfigMap's 1 MiB",
        withConfigFiles({ "big.txt": "x".repeat(1024 * 1024 + 1) }),
        `${P}, field volumes[1].configFiles.files: 1048577 bytes; a ConfigMap holds at most 1048576`,
    ],
    [
        "an image with an uppercase repository (the runtime cannot pull it)",
        withMain({ image: "BusyBox:1.36.1" }),
        `${MAIN}, field containers[0].image: "BusyBox:1.36.1" is not an image reference the runtime can pull: [registry/]lowercase-path[:tag][@digest], the tag of letters, digits, '_', '.' and '-'`,
    ],
    [
        "an image with surrounding whitespace",
        withMain({ image: " busybox:1.36.1" }),
        `${MAIN}, field containers[0].image: " busybox:1.36.1" must not have leading or trailing whitespace`,
    ],
    [
        "a command whose program is empty",
        withMain({ command: ["", "-c", "true"] }),
        `${MAIN}, field containers[0].command[0]: must name the program to run; the runtime cannot start an empty one`,
    ],
    [
        "a relative working directory",
        withMain({ workingDir: "data" }),
        `${MAIN}, field containers[0].workingDir: "data" must be an absolute path; the runtime refuses a relative one`,
    ],
    [
        "an env fieldRef the downward API does not offer",
        withMain({ env: [{ name: "PHASE", fieldRef: "status.phase" }] }),
        `${MAIN}, field containers[0].env[0].fieldRef: "status.phase" is not a pod field an env var can read: metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP, status.podIPs, or metadata.labels['key'] / metadata.annotations['key']`,
    ],
    [
        "an exec probe without a command",
        withMain({ readinessProbe: { exec: [] } }),
        `${MAIN}, field containers[0].readinessProbe.exec: needs a command to run; Kubernetes rejects an empty exec probe`,
    ],
    [
        "an httpGet probe on port 0",
        withMain({ livenessProbe: { httpGet: { path: "/", port: 0 } } }),
        `${MAIN}, field containers[0].livenessProbe.httpGet.port: 0 is not a port number (1-65535)`,
    ],
    [
        "a probe period of 0 seconds",
        withSidecar({ readinessProbe: { exec: ["true"], periodSeconds: 0 } }),
        `${SIDECAR}, field sidecars[0].readinessProbe.periodSeconds: 0 must be a whole number of seconds, at least 1`,
    ],
    [
        "a user id beyond 2^31-1",
        withMain({ security: { runAsUser: 2 ** 31 } }),
        `${MAIN}, field containers[0].security.runAsUser: 2147483648 must be a whole number from 0 to 2147483647`,
    ],
    [
        "a negative group id",
        withMain({ security: { runAsGroup: -1 } }),
        `${MAIN}, field containers[0].security.runAsGroup: -1 must be a whole number from 0 to 2147483647`,
    ],
    [
        "a Service in front of an init container's port (it has exited)",
        {
            ...base,
            initContainers: [{ ...initWriter, ports: [{ name: "http", containerPort: 8080 }] }],
            expose: { port: "http", servicePort: 80, localPort: 8080 },
        },
        `${P}, field expose.port: "http" belongs to init container "init-writer", which exits`,
    ],
    [
        "a service port out of range",
        { ...exposed, expose: { ...exposed.expose!, servicePort: 0 } },
        `${P}, field expose.servicePort: 0 is not a port number (1-65535)`,
    ],
    [
        "an exposed path without a leading '/'",
        { ...exposed, expose: { ...exposed.expose!, path: "metrics" } },
        `${P}, field expose.path: "metrics" must start with '/': it ends the printed URL`,
    ],
    [
        "evidence searching for an empty text",
        { ...base, evidence: [{ logLine: { container: "main-container", text: "" } }] },
        `${P}, field evidence[0].logLine.text: must not be empty: an empty text is found in any log`,
    ],
    [
        "evidence searching for two lines at once",
        { ...base, evidence: [{ logLine: { container: "main-container", text: "a\nb" } }] },
        `${P}, field evidence[0].logLine.text: must be one line: logs and responses are searched line by line`,
    ],
    [
        "a relayed line from a container to itself",
        { ...base, evidence: [{ relayedLine: { from: "main-container", to: "main-container", marker: "m" } }] },
        `${P}, field evidence[0].relayedLine: from and to are both "main-container": a line in its own log proves nothing`,
    ],
    [
        "an HTTP check of a host other than the pod's localhost",
        { ...base, evidence: [{ http: { ...httpRule, url: "http://example.com/" } }] },
        `${P}, field evidence[0].http.url: "http://example.com/" must be http://127.0.0.1[:port]/path: verification calls the pod's own localhost`,
    ],
    [
        "an HTTP check run in an init container (it has exited; kubectl exec needs a running one)",
        { ...base, initContainers: [initWriter], evidence: [{ http: { ...httpRule, via: "init-writer" } }] },
        `${P}, field evidence[0].http.via: "init-writer" is an init container, which has exited when verification runs`,
    ],
    // The shapes a package schema can express: one object with exactly one of its fields set (issue 16).
    [
        "a volume without a source",
        { ...base, volumes: [{ name: "app-logs" }] },
        `${P}, field volumes[0]: set exactly one of emptyDir, configFiles, basicAuthSecret, persistentVolumeClaim, configMap, secret, downwardAPI, projected (set: none)`,
    ],
    [
        "a volume with two sources",
        { ...base, volumes: [{ name: "app-logs", emptyDir: {}, basicAuthSecret: {} }] },
        `${P}, field volumes[0]: set exactly one of emptyDir, configFiles, basicAuthSecret, persistentVolumeClaim, configMap, secret, downwardAPI, projected (set: emptyDir and basicAuthSecret)`,
    ],
    [
        "a basic-auth user file name with a '/'",
        {
            ...base,
            volumes: [...base.volumes, { name: "auth", basicAuthSecret: { fileName: "auth/htpasswd" } }],
            containers: [{ ...main, mounts: [...main.mounts!, { volume: "auth", path: "/auth", readOnly: true }] }],
        },
        `${P}, field volumes[1].basicAuthSecret.fileName: "auth/htpasswd" is not a ConfigMap key: 1 to 253 letters, digits, '-', '_' or '.', not "." and not starting with ".." (no '/')`,
    ],
    [
        "evidence with two checks in one entry",
        {
            ...base,
            evidence: [{ logLine: { container: "main-container", text: "a" }, http: httpRule }],
        },
        `${P}, field evidence[0]: set exactly one of logLine, relayedLine, http (set: logLine and http)`,
    ],
    [
        "evidence with no check",
        { ...base, evidence: [{}] },
        `${P}, field evidence[0]: set exactly one of logLine, relayedLine, http (set: none)`,
    ],
    [
        "a probe with both an HTTP GET and a command",
        withMain({ readinessProbe: { exec: ["true"], httpGet: { path: "/", port: 8080 } } }),
        `${MAIN}, field containers[0].readinessProbe: set exactly one of httpGet, exec, tcpSocket, grpc (set: httpGet and exec)`,
    ],
    [
        "an HTTP GET probe with both a port number and a port name",
        withMain({
            ports: [{ name: "http", containerPort: 8080 }],
            readinessProbe: { httpGet: { path: "/", port: 8080, portName: "http" } },
        }),
        `${MAIN}, field containers[0].readinessProbe.httpGet: set exactly one of port and portName`,
    ],
    [
        "a localhost call from a container the pod does not have",
        { ...base, localhostCalls: [{ from: "scraper", to: "main-container", port: 8080 }] },
        `${P}, field localhostCalls[0].from: "scraper" is not a container of this pod`,
    ],
    [
        "a localhost call to port 0",
        { ...base, localhostCalls: [{ from: "sidecar-container", to: "main-container", port: 0 }] },
        `${P}, field localhostCalls[0].port: 0 is not a port number (1-65535)`,
    ],
];

describe("validateDefinition", () => {
    it("accepts every shipped example without a finding", () => {
        for (const def of allExamples) assert.deepEqual(validateDefinition(def).map(formatIssue), [], def.name);
    });

    it("accepts a pod of just a name, volumes and containers: every other field is optional", () => {
        const minimal: PodDefinition = {
            name: "minimal",
            volumes: [{ name: "shared", emptyDir: {} }],
            containers: [{ name: "app", image: "busybox:1.36.1", mounts: [{ volume: "shared", path: "/shared" }] }],
        };
        assert.deepEqual(validateDefinition(minimal).map(formatIssue), []);
    });

    it("accepts every quantity form the API server does: fractions, exponents, micro and nano units", () => {
        for (const [requests, limits] of [
            [
                { cpu: ".5", memory: "1e6" },
                { cpu: "1", memory: "1E7" },
            ],
            [
                { cpu: "250u", memory: "16Mi" },
                { cpu: "500000n", memory: "64Mi" },
            ],
            [
                { cpu: "0.01", memory: "1.5e6" },
                { cpu: "1.", memory: "2e+7" },
            ],
        ]) {
            const def = withMain({ resources: { requests, limits } });
            assert.deepEqual(validateDefinition(def).map(formatIssue), [], JSON.stringify(requests));
        }
        const sized = { ...base, volumes: [{ name: "app-logs", emptyDir: { sizeLimit: "1e7" } }] };
        assert.deepEqual(validateDefinition(sized).map(formatIssue), []);
    });

    it("accepts an app container listening on a port a run-to-completion init container used: it has exited", () => {
        const def: PodDefinition = {
            ...base,
            initContainers: [
                { ...initWriter, ports: [{ name: "setup", containerPort: 8080 }] },
                { ...initWriter, name: "init-again", ports: [{ name: "setup-again", containerPort: 8080 }] },
            ],
            containers: [{ ...main, ports: [{ name: "http", containerPort: 8080 }] }],
        };
        assert.deepEqual(validateDefinition(def).map(formatIssue), []);
    });

    it(`has a corpus of at least 20 malformed definitions (${errorCases.length})`, () => {
        assert.ok(errorCases.length >= 20);
    });

    for (const [title, def, message] of errorCases) {
        it(`rejects ${title}`, () => {
            const errors = validateDefinition(def).filter((issue) => issue.severity === "error");
            assert.deepEqual(errors.map(formatIssue), [message]);
            assert.throws(
                () => assertValidDefinitions([def]),
                (err: unknown) => {
                    assert.ok(err instanceof InvalidDefinitionError);
                    assert.ok(err.message.includes(message), err.message);
                    return true;
                },
            );
        });
    }

    const warningCases: Array<[string, PodDefinition, string]> = [
        [
            "an unused volume",
            { ...base, volumes: [...base.volumes, { name: "scratch", emptyDir: {} }] },
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
            const issues = validateDefinition(def);
            assert.deepEqual(
                issues.map((issue) => [issue.severity, formatIssue(issue)]),
                [["warning", message]],
            );
            assert.deepEqual(assertValidDefinitions([def]).map(formatIssue), [message]);
        });
    }

    it("reports every error of every definition at once", () => {
        const err = (() => {
            try {
                assertValidDefinitions([withMain({ image: "" }), { ...base, name: "Bad" }]);
            } catch (e) {
                return e as InvalidDefinitionError;
            }
            return undefined;
        })();
        assert.equal(err?.issues.length, 2);
    });
});

describe("imageProblem", () => {
    it("accepts what the runtime can pull: registries with ports, nested paths, tags and digests", () => {
        for (const image of [
            "busybox:1.36.1",
            "registry.example.com:5000/tools/busy_box:1.36.1-glibc",
            "localhost:5000/a/b/c:v1",
            `busybox@sha256:${"a".repeat(64)}`,
            `busybox:1.36.1@sha256:${"a".repeat(64)}`,
        ]) {
            assert.equal(imageProblem(image), undefined, image);
        }
        for (const image of ["busy box:1", "busybox:", "busybox:-1", "/busybox:1", "busybox//x:1"]) {
            assert.match(imageProblem(image) ?? "", /not an image reference the runtime can pull/, image);
        }
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
