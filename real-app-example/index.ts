import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MultiContainerPod } from "multi-container-pods";

// A team's own app wrapped by the component, as a user's program would: notes-app (its image built from app/)
// keeps its notes on a PersistentVolumeClaim, reads its API key from a Secret, and gets the monitoring sidecar
// (the Prometheus nginx exporter), as a Deployment. `pulumi up` deploys it and verifies it on the cluster.

const config = new pulumi.Config();
const namespaceName = config.get("namespace") ?? "notes";
const image = config.get("image") ?? "registry.example.com/notes-app:1.0.0";
/** Unset: the cluster's default StorageClass provisions the volume; "" binds to a PersistentVolume made beforehand. */
const storageClassName = config.get("storageClassName");

// Client-side apply: in server-side apply mode the preview of a pod replacement is refused, and an object of the
// same name applied with kubectl would be silently adopted.
const provider = new k8s.Provider("kubernetes", { enableServerSideApply: false });
const opts = { provider };

// A namespace of its own, enforcing the Pod Security "restricted" profile the component's pods meet.
const namespace = new k8s.core.v1.Namespace(
    "notes",
    { metadata: { name: namespaceName, labels: { "pod-security.kubernetes.io/enforce": "restricted" } } },
    opts,
);
const ns = namespace.metadata.name;

// The API key stays secret end to end: encrypted in the stack's config and state, in the cluster a Secret the
// pod reads by reference; it is never in the component's definition.
const apiKey = new k8s.core.v1.Secret(
    "api-key",
    { metadata: { name: "notes-app-api", namespace: ns }, stringData: { "api-key": config.requireSecret("apiKey") } },
    opts,
);

// The notes outlive every pod.
const data = new k8s.core.v1.PersistentVolumeClaim(
    "data",
    {
        metadata: { name: "notes-data", namespace: ns },
        spec: {
            accessModes: ["ReadWriteOnce"],
            resources: { requests: { storage: "64Mi" } },
            ...(storageClassName === undefined ? {} : { storageClassName }),
        },
    },
    opts,
);

const notes = new MultiContainerPod(
    "notes",
    {
        namespace: ns,
        definition: {
            name: "notes-app",
            pattern: "monitoring",
            summary: "notes-app keeps its notes on a PersistentVolumeClaim; metrics-exporter serves its nginx metrics.",
            // One pod at a time: the claim is ReadWriteOnce, and the old pod lets go of it before the new one starts.
            workload: { name: "notes-app", deployment: { replicas: 1, strategy: "Recreate" } },
            // The app's group owns what it writes on the claim's volume, however the volume came (the kubelet
            // hands it to this group when it mounts it): a non-root app on a root-owned provisioned volume.
            fsGroup: 10001,
            volumes: [
                { name: "data", persistentVolumeClaim: { claimName: "notes-data" } },
                { name: "run", emptyDir: { sizeLimit: "16Mi" } },
            ],
            containers: [
                {
                    name: "app",
                    image,
                    env: [{ name: "APP_API_KEY", secretKeyRef: { name: "notes-app-api", key: "api-key" } }],
                    mounts: [
                        { volume: "data", path: "/data" },
                        { volume: "run", path: "/tmp" },
                    ],
                    ports: [{ name: "http", containerPort: 8080 }],
                    readinessProbe: { httpGet: { path: "/healthz", portName: "http" }, periodSeconds: 5 },
                    livenessProbe: { httpGet: { path: "/healthz", portName: "http" }, periodSeconds: 20 },
                    // The image's own user, who owns what the app writes on the volume.
                    security: { runAsUser: 10001 },
                },
            ],
            sidecars: [
                {
                    name: "metrics-exporter",
                    image: "nginx/nginx-prometheus-exporter:1.4.1",
                    args: ["--nginx.scrape-uri=http://127.0.0.1:8080/stub_status", "--web.listen-address=:9113"],
                    ports: [{ name: "metrics", containerPort: 9113 }],
                    readinessProbe: { httpGet: { path: "/metrics", portName: "metrics" }, periodSeconds: 5 },
                },
            ],
            expose: { port: "http", servicePort: 80, localPort: 8080, path: "/healthz" },
            localhostCalls: [{ from: "metrics-exporter", to: "app", port: 8080, purpose: "scrapes /stub_status" }],
            // What `pulumi up` checks on the running pod before it succeeds.
            evidence: [
                { logLine: { container: "app", text: "notes-app: serving /data" } },
                {
                    http: {
                        via: "app",
                        url: "http://127.0.0.1:8080/api/notes/",
                        expect: "401 Unauthorized",
                        description: "the notes API refuses a request without the key",
                    },
                },
                {
                    http: {
                        via: "app",
                        url: "http://127.0.0.1:9113/metrics",
                        expect: "nginx_up 1",
                        description: "the exporter reports the app's nginx as up",
                    },
                },
            ],
        },
    },
    // Created once its namespace, Secret and claim are (a claim waiting for its first consumer counts as created).
    { provider, dependsOn: [namespace, apiKey, data] },
);

export const workload = pulumi.interpolate`deployment/${notes.workloadName}`;
export const logCommands = notes.description.apply((d) =>
    Object.fromEntries(d.containers.map((c) => [c.name, c.logs])),
);
export const portForward = notes.description.apply((d) => d.portForward);
export const description = notes.description;
export const logs = notes.logs;
