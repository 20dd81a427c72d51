import type { PodDefinition } from "../components/model";
import { NGINX_EXPORTER_IMAGE } from "./images";
import { nginxConfig, nginxContainer } from "./nginx";

// The monitoring use: `web-container` (nginx) publishes its internal counters on a stub_status page that
// only localhost may read; `metrics-exporter`, the official Prometheus exporter, scrapes it over the pod's
// shared localhost and serves Prometheus metrics on :9113. nginx itself needs no metrics code.
export const sidecarMonitoringExample: PodDefinition = {
    name: "monitoring-sidecar-test",
    pattern: "monitoring",
    summary: "metrics-exporter turns web-container's nginx stub_status into Prometheus metrics on :9113/metrics.",
    manifestFile: "monitoring-sidecar-example.yaml",
    volumes: [
        {
            name: "nginx-config",
            configFiles: {
                files: {
                    "nginx.conf": nginxConfig(`
listen 8080;
location = /stub_status { stub_status; allow 127.0.0.1; deny all; }
location / { default_type text/plain; return 200 "Hello from web-container (nginx), watched by metrics-exporter\\n"; }
`),
                },
            },
        },
        { name: "nginx-scratch", emptyDir: { sizeLimit: "16Mi" } },
    ],
    containers: [
        nginxContainer({
            name: "web-container",
            port: { name: "http", containerPort: 8080 },
            configVolume: "nginx-config",
            scratchVolume: "nginx-scratch",
            readinessPath: "/",
        }),
    ],
    sidecars: [
        {
            name: "metrics-exporter",
            image: NGINX_EXPORTER_IMAGE,
            args: ["--nginx.scrape-uri=http://127.0.0.1:8080/stub_status", "--web.listen-address=:9113"],
            ports: [{ name: "metrics", containerPort: 9113 }],
            // Ready only while the exporter answers; nginx_up in the metrics says whether nginx does.
            readinessProbe: { httpGet: { path: "/metrics", portName: "metrics" }, periodSeconds: 5 },
        },
    ],
    expose: { port: "metrics", servicePort: 9113, localPort: 9113, path: "/metrics" },
    localhostCalls: [{ from: "metrics-exporter", to: "web-container", port: 8080, purpose: "scrapes /stub_status" }],
    evidence: [
        {
            http: {
                via: "web-container",
                url: "http://127.0.0.1:9113/metrics",
                expect: "nginx_up 1",
                description: "the exporter reports nginx as up",
            },
        },
    ],
};
