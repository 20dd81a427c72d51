import type { PodDefinition } from "../components/model";
import { localhostApp } from "./localhostApp";
import { nginxConfig, nginxContainer } from "./nginx";

// The proxying use: `app-container` listens on 127.0.0.1 only, so nothing outside the pod can reach it;
// `proxy-container` (nginx) is the pod's front door on :8081 and forwards to the app over the pod's shared
// localhost. The Service points at the proxy port, never at the app.
export const sidecarProxyExample: PodDefinition = {
    name: "proxy-sidecar-test",
    pattern: "proxying",
    summary:
        "app-container listens on localhost only; proxy-container forwards :8081 to it, and a Service fronts the proxy.",
    manifestFile: "proxy-sidecar-example.yaml",
    volumes: [
        {
            name: "proxy-config",
            configFiles: {
                files: {
                    "nginx.conf": nginxConfig(`
listen 8081;
location = /healthz { default_type text/plain; return 200 "ok\\n"; }
location / { proxy_pass http://127.0.0.1:8080; proxy_set_header X-Forwarded-For $remote_addr; }
`),
                },
            },
        },
        { name: "proxy-scratch", emptyDir: { sizeLimit: "16Mi" } },
        { name: "app-site", emptyDir: { sizeLimit: "1Mi" } },
    ],
    containers: [
        localhostApp("app-container", "Hello from app-container, reached through proxy-container", "app-site"),
    ],
    sidecars: [
        nginxContainer({
            name: "proxy-container",
            port: { name: "proxy", containerPort: 8081 },
            configVolume: "proxy-config",
            scratchVolume: "proxy-scratch",
            readinessPath: "/healthz",
        }),
    ],
    expose: { port: "proxy", servicePort: 80, localPort: 8080 },
    localhostCalls: [{ from: "proxy-container", to: "app-container", port: 8080, purpose: "forwards requests" }],
    evidence: [
        {
            http: {
                via: "app-container",
                url: "http://127.0.0.1:8081/",
                expect: "Hello from app-container, reached through proxy-container",
                description: "the proxy answers with the app's page",
            },
        },
    ],
};
