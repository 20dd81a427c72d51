import { BUSYBOX_IMAGE, NGINX_UNPRIVILEGED_IMAGE, NGINX_USER } from "./images";
import { NGINX_COMMAND, NGINX_CONFIG_DIR, NGINX_SCRATCH_DIR, nginxConfig } from "./nginx";
import { stoppable } from "./shell";
import { PodExampleDefinition } from "./types";

// The proxying use: `app-container` listens on 127.0.0.1 only, so nothing outside the pod can reach it;
// `proxy-container` (nginx) is the pod's front door on :8081 and forwards to the app over the pod's shared
// localhost. The Service points at the proxy port, never at the app.
export const sidecarProxyExample: PodExampleDefinition = {
    name: "proxy-sidecar-test",
    pattern: "proxying",
    summary:
        "app-container listens on localhost only; proxy-container forwards :8081 to it, and a Service fronts the proxy.",
    manifestFile: "proxy-sidecar-example.yaml",
    volumes: [
        {
            name: "proxy-config",
            kind: "configFiles",
            files: {
                "nginx.conf": nginxConfig(`
listen 8081;
location = /healthz { default_type text/plain; return 200 "ok\\n"; }
location / { proxy_pass http://127.0.0.1:8080; proxy_set_header X-Forwarded-For $remote_addr; }
`),
            },
        },
        { name: "proxy-scratch", kind: "emptyDir", sizeLimit: "16Mi" },
        { name: "app-site", kind: "emptyDir", sizeLimit: "1Mi" },
    ],
    containers: [
        {
            name: "app-container",
            image: BUSYBOX_IMAGE,
            command: stoppable(
                'echo "Hello from app-container, reached through proxy-container" > /site/index.html && httpd -f -v -p 127.0.0.1:8080 -h /site',
            ),
            mounts: [{ volume: "app-site", path: "/site" }],
            // The kubelet probes the pod IP, which the app does not listen on; probe from inside instead.
            readinessProbe: { exec: ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"], periodSeconds: 5 },
        },
    ],
    sidecars: [
        {
            name: "proxy-container",
            image: NGINX_UNPRIVILEGED_IMAGE,
            command: NGINX_COMMAND,
            ports: [{ name: "proxy", containerPort: 8081 }],
            mounts: [
                { volume: "proxy-config", path: NGINX_CONFIG_DIR, readOnly: true },
                { volume: "proxy-scratch", path: NGINX_SCRATCH_DIR },
            ],
            readinessProbe: { httpGet: { path: "/healthz", port: "proxy" }, periodSeconds: 5 },
            security: { runAsUser: NGINX_USER, runAsGroup: NGINX_USER },
        },
    ],
    expose: { port: "proxy", servicePort: 80, localPort: 8080 },
    evidence: [
        {
            kind: "http",
            via: "app-container",
            url: "http://127.0.0.1:8081/",
            expect: "Hello from app-container, reached through proxy-container",
            description: "the proxy answers with the app's page",
        },
    ],
};
