#!/bin/sh
# notes-app: a small notes service, the "own app" real-app-example/ wraps. nginx serves the notes kept on a
# persistent volume: GET /api/notes/ lists them, PUT /api/notes/NAME stores one, GET /api/notes/NAME reads it back;
# every /api request needs the API key (env APP_API_KEY, from a Secret) in the X-Api-Key header. /healthz is open;
# /stub_status, for a monitoring sidecar, answers localhost only. Each start is recorded in the volume's boot.log.
# It runs as any non-root user with a read-only root filesystem: it writes to $NOTES_DATA_DIR and $NOTES_RUN_DIR only.
# The key is written into the rendered nginx configuration (mode 0600, in the run directory) and printed nowhere.
set -eu
DATA=${NOTES_DATA_DIR:-/data}
RUN=${NOTES_RUN_DIR:-/tmp}
PORT=${NOTES_PORT:-8080}
umask 077

fail() {
    echo "notes-app: $*" >&2
    exit 1
}

[ -n "${APP_API_KEY:-}" ] || fail "APP_API_KEY is not set: give it from a Secret (env secretKeyRef)"
case $APP_API_KEY in
*[!A-Za-z0-9._~+/=-]*) fail "APP_API_KEY may hold only letters, digits and ._~+/=- (its value is not printed)" ;;
esac
[ -d "$DATA" ] && [ -w "$DATA" ] ||
    fail "$DATA is not a directory uid $(id -u) may write: give the volume to this user (its owner, or the pod's fsGroup)"
mkdir -p "$DATA/notes" "$DATA/.incoming"

earlier=0
[ -f "$DATA/boot.log" ] && earlier=$(wc -l <"$DATA/boot.log" | tr -d ' ')
echo "start $((earlier + 1)) at $(date -u +%Y-%m-%dT%H:%M:%SZ) in $(hostname)" >>"$DATA/boot.log"

cat >"$RUN/nginx.conf" <<EOF
worker_processes 1;
pid $RUN/nginx.pid;
error_log /dev/stderr notice;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log /dev/stdout;
    client_body_temp_path $DATA/.incoming;
    proxy_temp_path $RUN/proxy_temp;
    fastcgi_temp_path $RUN/fastcgi_temp;
    uwsgi_temp_path $RUN/uwsgi_temp;
    scgi_temp_path $RUN/scgi_temp;
    map \$http_x_api_key \$notes_key_ok { default 0; "$APP_API_KEY" 1; }
    server {
        listen $PORT;
        location = /healthz { default_type text/plain; return 200 "ok\n"; }
        location = /stub_status { stub_status; allow 127.0.0.1; deny all; }
        location /api/notes/ {
            if (\$notes_key_ok = 0) { return 401 "notes-app: send your API key in the X-Api-Key header\n"; }
            alias $DATA/notes/;
            autoindex on;
            autoindex_format json;
            dav_methods PUT DELETE;
            client_max_body_size 64k;
        }
        location = /api/starts {
            if (\$notes_key_ok = 0) { return 401 "notes-app: send your API key in the X-Api-Key header\n"; }
            default_type text/plain;
            alias $DATA/boot.log;
        }
    }
}
EOF

[ "$earlier" = 1 ] && starts="1 earlier start" || starts="$earlier earlier starts"
echo "notes-app: serving $DATA on :$PORT ($starts)"
exec nginx -c "$RUN/nginx.conf" -g "daemon off;"
