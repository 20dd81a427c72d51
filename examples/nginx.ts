import type { ContainerDefinition, PortDefinition, VolumeMountDefinition } from "../components/model";
import { NGINX_UNPRIVILEGED_IMAGE, NGINX_USER } from "./images";

// nginx configuration for the sidecar examples. Everything nginx writes goes to /tmp (an emptyDir), so the
// container runs with a read-only root filesystem as any non-root user.

/** Where the examples mount the rendered configuration and the writable scratch volume. */
export const NGINX_CONFIG_DIR = "/etc/nginx/custom";
export const NGINX_SCRATCH_DIR = "/tmp";

/** The container command that runs nginx in the foreground on our configuration. */
export const NGINX_COMMAND = ["nginx", "-c", `${NGINX_CONFIG_DIR}/nginx.conf`, "-g", "daemon off;"];

/** A complete nginx.conf around one `server { ... }` body. */
export function nginxConfig(serverBody: string): string {
    return `worker_processes 1;
pid /tmp/nginx.pid;
error_log /dev/stderr notice;
events { worker_connections 64; }
http {
    access_log /dev/stdout;
    client_body_temp_path /tmp/client_temp;
    proxy_temp_path /tmp/proxy_temp;
    fastcgi_temp_path /tmp/fastcgi_temp;
    uwsgi_temp_path /tmp/uwsgi_temp;
    scgi_temp_path /tmp/scgi_temp;
    server {
${serverBody
    .trim()
    .split("\n")
    .map((line) => `        ${line}`)
    .join("\n")}
    }
}
`;
}

/**
 * An nginx-unprivileged container running our configuration from `configVolume`, writing only to
 * `scratchVolume` (mounted on /tmp), as the image's own non-root user.
 */
export function nginxContainer(options: {
    readonly name: string;
    readonly port: PortDefinition;
    readonly configVolume: string;
    readonly scratchVolume: string;
    readonly extraMounts?: readonly VolumeMountDefinition[];
    readonly readinessPath: string;
}): ContainerDefinition {
    return {
        name: options.name,
        image: NGINX_UNPRIVILEGED_IMAGE,
        command: NGINX_COMMAND,
        ports: [options.port],
        mounts: [
            { volume: options.configVolume, path: NGINX_CONFIG_DIR, readOnly: true },
            ...(options.extraMounts ?? []),
            { volume: options.scratchVolume, path: NGINX_SCRATCH_DIR },
        ],
        readinessProbe: { httpGet: { path: options.readinessPath, portName: options.port.name }, periodSeconds: 5 },
        security: { runAsUser: NGINX_USER, runAsGroup: NGINX_USER },
    };
}
