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
