import { strict as assert } from "assert";
import { buildPod } from "../../../components/build/pod";
import { planPod } from "../../../components/build/plan";
import type { ContainerDefinition, PodDefinition, SecurityOverrides } from "../../../components/model";
import { formatIssue, validateDefinition } from "../../../components/validation/validate";

// The ways out of the secure defaults, each explicit and never silent: leaving the restricted profile is an
// error unless the pod says podSecurity "baseline", and then a warning at every plan; beyond baseline the model
// does not go. A CPU limit may be removed ("none"), memory and disk limits may not; the removal is a warning too.

const app: ContainerDefinition = { name: "app", image: "registry.example/legacy:7.2.0" };
const pod = (security: SecurityOverrides, more: Partial<PodDefinition> = {}): PodDefinition => ({
    name: "legacy",
    volumes: [],
    containers: [{ ...app, security }],
    ...more,
});
const issues = (def: PodDefinition, severity: "error" | "warning") =>
    validateDefinition(def)
        .filter((issue) => issue.severity === severity)
        .map(formatIssue);
const where = 'pod "legacy", container "app", field containers[0].security';
const leaves = `leaves the "restricted" Pod Security profile; say podSecurity: "baseline" on the pod to allow it`;

describe("explicit ways out of the secure defaults", () => {
    it("refuses root, privilege escalation and a baseline capability under the default restricted level", () => {
        const def = pod({
            runAsNonRoot: false,
            runAsUser: 0,
            allowPrivilegeEscalation: true,
            addCapabilities: ["CHOWN"],
        });
        assert.deepEqual(issues(def, "error"), [
            `${where}.runAsNonRoot: false ${leaves}`,
            `${where}.allowPrivilegeEscalation: true ${leaves}`,
            `${where}.addCapabilities[0]: "CHOWN" ${leaves}`,
        ]);
        assert.throws(() => planPod(def, "classic"), /runAsNonRoot: false leaves the "restricted"/);
    });

    it("refuses root while runAsNonRoot stays true: the kubelet would never start it", () => {
        assert.deepEqual(issues(pod({ runAsUser: 0 }, { podSecurity: "baseline" }), "error"), [
            `${where}.runAsUser: 0 is root, and runAsNonRoot (default true) makes the kubelet refuse to start it; to run as root, set runAsNonRoot: false too (with podSecurity: "baseline" on the pod)`,
        ]);
    });

    it('runs as root with podSecurity "baseline", and says so in every plan', () => {
        const def = pod(
            { runAsNonRoot: false, runAsUser: 0, readOnlyRootFilesystem: false, addCapabilities: ["CHOWN", "SETUID"] },
            { podSecurity: "baseline" },
        );
        assert.deepEqual(issues(def, "error"), []);
        const context = buildPod(def, { sidecarMode: "classic" }).spec!.containers[0].securityContext;
        assert.deepEqual(context, {
            runAsNonRoot: false,
            runAsUser: 0,
            runAsGroup: 0,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: false,
            capabilities: { drop: ["ALL"], add: ["CHOWN", "SETUID"] },
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.deepEqual(planPod(def, "classic").warnings, [
            'pod "legacy" is not "restricted"-compliant: container "app": securityContext.capabilities.add may only hold NET_BIND_SERVICE',
            'pod "legacy" is not "restricted"-compliant: container "app": securityContext.runAsNonRoot must be true',
            'pod "legacy" is not "restricted"-compliant: container "app": securityContext.runAsUser must not be 0',
        ]);
    });

    it("keeps NET_BIND_SERVICE within restricted: no level, no warning", () => {
        const def = pod({ addCapabilities: ["NET_BIND_SERVICE"] });
        assert.deepEqual(validateDefinition(def).map(formatIssue), []);
        assert.deepEqual(planPod(def, "classic").warnings, []);
        assert.deepEqual(buildPod(def, { sidecarMode: "classic" }).spec!.containers[0].securityContext?.capabilities, {
            drop: ["ALL"],
            add: ["NET_BIND_SERVICE"],
        });
    });

    it("refuses capabilities beyond baseline, and CAP_-prefixed names the runtime would not know", () => {
        const def = pod({ addCapabilities: ["SYS_ADMIN", "CAP_CHOWN"] }, { podSecurity: "baseline" });
        const errors = issues(def, "error");
        assert.equal(errors.length, 2, errors.join("\n"));
        assert.match(errors[0], /addCapabilities\[0\]: "SYS_ADMIN" is beyond the "baseline" profile/);
        assert.match(errors[1], /addCapabilities\[1\]: "CAP_CHOWN": write it without "CAP_", e\.g\. "CHOWN"/);
    });

    it('warns when podSecurity "baseline" is asked for but nothing needs it', () => {
        assert.deepEqual(issues(pod({}, { podSecurity: "baseline" }), "warning"), [
            `pod "legacy", field podSecurity: "baseline" but no container leaves "restricted"; leave podSecurity out to keep the stricter profile`,
        ]);
    });

    it("refuses a level it does not know", () => {
        assert.deepEqual(issues(pod({}, { podSecurity: "privileged" as never }), "error"), [
            'pod "legacy", field podSecurity: "privileged" must be one of: restricted, baseline',
        ]);
    });
});

describe('removing the default CPU limit ("none")', () => {
    const withResources = (resources: ContainerDefinition["resources"]): PodDefinition => ({
        name: "legacy",
        volumes: [],
        containers: [{ ...app, resources }],
    });

    it("builds no CPU limit, keeps every other default, and says so in every plan", () => {
        const def = withResources({ requests: { cpu: "500m" }, limits: { cpu: "none" } });
        assert.deepEqual(validateDefinition(def).map(formatIssue), []);
        assert.deepEqual(buildPod(def, { sidecarMode: "classic" }).spec!.containers[0].resources, {
            requests: { cpu: "500m", memory: "16Mi", "ephemeral-storage": "16Mi" },
            limits: { memory: "64Mi", "ephemeral-storage": "64Mi" },
        });
        assert.deepEqual(planPod(def, "classic").warnings, [
            'pod "legacy" runs without a default: container "app": resources.limits.cpu is not set',
        ]);
    });

    it("refuses none for memory, ephemeral storage and requests", () => {
        const def = withResources({ requests: { cpu: "none" }, limits: { memory: "none", ephemeralStorage: "none" } });
        const fields = issues(def, "error").map((e) => e.replace(/^.*field (\S+): .*$/, "$1"));
        assert.deepEqual(fields, [
            "containers[0].resources.requests.cpu",
            "containers[0].resources.limits.memory",
            "containers[0].resources.limits.ephemeralStorage",
        ]);
        assert.match(issues(def, "error")[1], /"none" removes only limits\.cpu; memory and disk keep a limit/);
    });
});
