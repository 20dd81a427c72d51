import { strict as assert } from "assert";
import { buildService } from "../../../components/build/service";
import { planPod } from "../../../components/build/plan";
import type { PodDefinition } from "../../../components/model";
import { describePod } from "../../../components/outputs/describe";
import { buildPodGraph, SERVICE_ID } from "../../../components/outputs/podGraph";
import { formatIssue, validateDefinition } from "../../../components/validation/validate";

// Several ports on the exposed Service: `expose` keeps its one-port form and its URL; `additionalPorts` adds
// more, each targeted by number (a native sidecar's port name resolves only from Kubernetes 1.33), each
// forwarded by the printed port-forward when it has a local port.

const shop: PodDefinition = {
    name: "shop",
    volumes: [],
    containers: [
        {
            name: "app",
            image: "registry.example/shop:1.4.2",
            ports: [
                { name: "http", containerPort: 8080 },
                { name: "grpc", containerPort: 9000 },
            ],
        },
    ],
    sidecars: [
        {
            name: "exporter",
            image: "registry.example/exporter:0.9.0",
            ports: [{ name: "metrics", containerPort: 9113 }],
        },
    ],
    expose: {
        port: "http",
        servicePort: 80,
        localPort: 8080,
        path: "/shop",
        additionalPorts: [
            { port: "grpc", servicePort: 9000 },
            { port: "metrics", servicePort: 9113, localPort: 9113 },
        ],
    },
};

const errorsOf = (def: PodDefinition) =>
    validateDefinition(def)
        .filter((issue) => issue.severity === "error")
        .map(formatIssue);

describe("a Service with several ports", () => {
    it("validates: nothing to say", () => {
        assert.deepEqual(validateDefinition(shop).map(formatIssue), []);
    });

    for (const mode of ["classic", "native"] as const) {
        it(`puts every port on the one Service, each to its container port's number (${mode} sidecars)`, () => {
            assert.deepEqual(buildService(shop, { sidecarMode: mode })?.spec?.ports, [
                { name: "http", port: 80, targetPort: 8080, protocol: "TCP" },
                { name: "grpc", port: 9000, targetPort: 9000, protocol: "TCP" },
                { name: "metrics", port: 9113, targetPort: 9113, protocol: "TCP" },
            ]);
            assert.doesNotThrow(() => planPod(shop, mode));
        });
    }

    it("prints one port-forward of every port with a local port, and the URL of expose's own", () => {
        const description = describePod(shop, { namespace: "shop" });
        assert.equal(description.portForward, "kubectl port-forward service/shop 8080:80 9113:9113 -n shop");
        assert.equal(description.url, "http://localhost:8080/shop");
    });

    it("keeps the one-port form as it was", () => {
        const { additionalPorts: _, ...one } = shop.expose!;
        const def = { ...shop, expose: one };
        assert.deepEqual(buildService(def, { sidecarMode: "classic" })?.spec?.ports, [
            { name: "http", port: 80, targetPort: 8080, protocol: "TCP" },
        ]);
        assert.equal(
            describePod(def, { namespace: "shop" }).portForward,
            "kubectl port-forward service/shop 8080:80 -n shop",
        );
    });

    it("draws an arrow from the Service to each port's container", () => {
        const labels = buildPodGraph(shop, "classic")
            .edges.filter((edge) => edge.from === SERVICE_ID || edge.to === SERVICE_ID)
            .map((edge) => edge.label);
        assert.deepEqual(labels, [
            "port-forward :8080, :9113",
            ":80 → http :8080",
            ":9000 → grpc :9000",
            ":9113 → metrics :9113",
        ]);
    });

    const cases: [string, PodDefinition["expose"], string][] = [
        [
            "a port no container has",
            { ...shop.expose!, additionalPorts: [{ port: "admin", servicePort: 9999 }] },
            'field expose.additionalPorts[0].port: "admin" is not the name of a container port in this pod',
        ],
        [
            "a port exposed twice",
            { ...shop.expose!, additionalPorts: [{ port: "http", servicePort: 8081 }] },
            'field expose.additionalPorts[0].port: "http" is already exposed',
        ],
        [
            "two ports on one Service port",
            { ...shop.expose!, additionalPorts: [{ port: "grpc", servicePort: 80 }] },
            "field expose.additionalPorts[0].servicePort: the Service already has port 80",
        ],
        [
            "two forwards to one local port",
            { ...shop.expose!, additionalPorts: [{ port: "metrics", servicePort: 9113, localPort: 8080 }] },
            "field expose.additionalPorts[0].localPort: local port 8080 is already forwarded",
        ],
        [
            "a Service port out of range",
            { ...shop.expose!, additionalPorts: [{ port: "grpc", servicePort: 70000 }] },
            "field expose.additionalPorts[0].servicePort: 70000 is not a port number (1-65535)",
        ],
    ];
    for (const [title, expose, expected] of cases) {
        it(`refuses ${title}, naming the field`, () => {
            assert.deepEqual(errorsOf({ ...shop, expose }), [`pod "shop", ${expected}`]);
        });
    }
});
