import type { PodDefinition } from "../components/model";
import { localhostApp } from "./localhostApp";
import { nginxConfig, nginxContainer } from "./nginx";

// The security use: `app-container` has no authentication of its own and listens on 127.0.0.1 only;
// `auth-proxy` (nginx) demands HTTP basic authentication on :8081 and forwards only authenticated requests.
// The user file comes from the stack's secret config through a Kubernetes Secret.
export const sidecarSecurityExample: PodDefinition = {
    name: "security-sidecar-test",
    pattern: "security",
    summary: "auth-proxy requires HTTP basic authentication before forwarding to app-container on localhost.",
    manifestFile: "security-sidecar-example.yaml",
    volumes: [
        {
            name: "auth-proxy-config",
            configFiles: {
                files: {
                    "nginx.conf": nginxConfig(`
listen 8081;
location = /healthz { auth_basic off; default_type text/plain; return 200 "ok\\n"; }
location / {
    auth_basic "multi-container-pods security example";
    auth_basic_user_file /etc/nginx/auth/htpasswd;
    proxy_pass http://127.0.0.1:8080;
}
`),
                },
            },
        },
        { name: "htpasswd", basicAuthSecret: {} },
        { name: "auth-proxy-scratch", emptyDir: { sizeLimit: "16Mi" } },
        { name: "app-site", emptyDir: { sizeLimit: "1Mi" } },
    ],
    containers: [localhostApp("app-container", "Hello from app-container: you are authenticated", "app-site")],
    sidecars: [
        nginxContainer({
            name: "auth-proxy",
            port: { name: "auth", containerPort: 8081 },
            configVolume: "auth-proxy-config",
            scratchVolume: "auth-proxy-scratch",
            extraMounts: [{ volume: "htpasswd", path: "/etc/nginx/auth", readOnly: true }],
            readinessPath: "/healthz",
        }),
    ],
    expose: { port: "auth", servicePort: 80, localPort: 8082 },
    localhostCalls: [
        { from: "auth-proxy", to: "app-container", port: 8080, purpose: "forwards authenticated requests" },
    ],
    evidence: [
        {
            http: {
                via: "app-container",
                url: "http://127.0.0.1:8081/",
                expect: "401 Unauthorized",
                description: "auth-proxy refuses a request without credentials",
            },
        },
        {
            http: {
                via: "app-container",
                url: "http://127.0.0.1:8081/",
                expect: "Hello from app-container: you are authenticated",
                credentials: true,
                description: "auth-proxy forwards a request with the stack's credentials",
            },
        },
    ],
};
