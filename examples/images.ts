// Every image the examples pull, pinned in one place so an upgrade is one reviewed line.
// busybox is also what the runc end-to-end test reproduces from Debian's static busybox.
export const BUSYBOX_IMAGE = "busybox:1.36.1";
// The official unprivileged nginx build: runs as uid 101 and never needs root or port 80.
export const NGINX_UNPRIVILEGED_IMAGE = "nginxinc/nginx-unprivileged:1.27.3-alpine";
// The official Prometheus exporter for nginx's stub_status page (a static binary in a scratch image).
export const NGINX_EXPORTER_IMAGE = "nginx/nginx-prometheus-exporter:1.4.1";

/** nginx-unprivileged's own user: its files and cache directories belong to uid/gid 101. */
export const NGINX_USER = 101;

/**
 * The image of real-app-example's own app (its program names it too): on the local cluster it is built from
 * real-app-example/app/ by scripts/cluster/images.sh; on your cluster, push your own build under your registry's name.
 */
export const NOTES_APP_IMAGE = "registry.example.com/notes-app:1.0.0";
