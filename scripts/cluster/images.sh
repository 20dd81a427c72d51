#!/usr/bin/env bash
# Builds, as OCI archives, every image the example pods use (plus the pod sandbox image), from what this machine
# has: nothing is pulled. Archives are cached by the versions they are made of; with --import SOCKET they are
# imported into that containerd under the exact names the pods use.
#
#   busybox                       Debian's busybox-static (a real busybox, an older release than the tag)
#   nginx-unprivileged            Debian's nginx 1.22 + busybox, uid 101 like the real image: a stand-in with the
#                                 same user and the paths our configurations use, not the Alpine build itself
#   nginx-prometheus-exporter     the real program, built by toolchain.sh at the pinned version
#   pause                         Kubernetes' own pause.c from the k8s.io/kubernetes module, linked statically
#   notes-app                     real-app-example's own app: the nginx stand-in's files plus its entrypoint
#                                 (real-app-example/app/notes-app.sh), as a user's image would be built
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/scripts/cluster/versions.env"
. "$REPO/scripts/cluster/lib.sh"

IMAGES=$MCP_CACHE/images
mkdir -p "$IMAGES"

# The names the pods use, read from examples/images.ts; Kubernetes expands short names to docker.io/….
image_names() {
    (cd "$REPO" && node -r ts-node/register/transpile-only -e '
        const i = require("./examples/images");
        const full = (n) => (n.includes("/") ? n : "library/" + n).replace(/^(?![^/]+\.[^/]+\/)/, "docker.io/");
        console.log([i.BUSYBOX_IMAGE, i.NGINX_UNPRIVILEGED_IMAGE, i.NGINX_EXPORTER_IMAGE, i.NOTES_APP_IMAGE].map(full).join(" "));')
}
read -r BUSYBOX_NAME NGINX_NAME EXPORTER_NAME NOTES_APP_NAME <<<"$(image_names)"
NOTES_APP_SCRIPT=$REPO/real-app-example/app/notes-app.sh
PAUSE_NAME=$PAUSE_IMAGE

deb_version() { dpkg-query -W -f '${Version}' "$1" | tr -c 'A-Za-z0-9.\n' '_'; }

# oci_archive NAME ROOTFS CONFIG_JSON OUT: one uncompressed layer, reproducible (sorted, owner 0, mtime 0).
oci_archive() {
    local name=$1 rootfs=$2 config=$3 out=$4 dir layer_digest layer_size diff config_digest manifest manifest_digest
    dir=$(mktemp -d)
    mkdir -p "$dir/blobs/sha256"
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$rootfs" -cf "$dir/layer.tar" .
    diff=$(sha256sum "$dir/layer.tar" | cut -d' ' -f1)
    layer_digest=$diff
    layer_size=$(stat -c %s "$dir/layer.tar")
    mv "$dir/layer.tar" "$dir/blobs/sha256/$layer_digest"
    printf '{"architecture":"amd64","os":"linux","config":%s,"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
        "$config" "$diff" >"$dir/config.json"
    config_digest=$(sha256sum "$dir/config.json" | cut -d' ' -f1)
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
        "$config_digest" "$(stat -c %s "$dir/config.json")" "$layer_digest" "$layer_size" >"$dir/manifest.json"
    mv "$dir/config.json" "$dir/blobs/sha256/$config_digest"
    manifest_digest=$(sha256sum "$dir/manifest.json" | cut -d' ' -f1)
    manifest=$(stat -c %s "$dir/manifest.json")
    mv "$dir/manifest.json" "$dir/blobs/sha256/$manifest_digest"
    printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
        "$manifest_digest" "$manifest" "$name" "${name##*:}" >"$dir/index.json"
    echo '{"imageLayoutVersion":"1.0.0"}' >"$dir/oci-layout"
    tar -C "$dir" -cf "$out.tmp" oci-layout index.json blobs
    mv "$out.tmp" "$out"
    rm -rf "$dir"
}

config_json() { # ENTRYPOINT_JSON CMD_JSON USER
    printf '{"Entrypoint":%s,"Cmd":%s,"User":"%s","WorkingDir":"/","Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]}' "$1" "$2" "$3"
}

# A root filesystem with busybox and its applets, and the users the images run as.
busybox_rootfs() {
    local root=$1 applet
    mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/home"
    chmod 1777 "$root/tmp"
    cp /bin/busybox "$root/bin/busybox"
    for applet in $(/bin/busybox --list); do
        [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
    done
    printf 'root:x:0:0:root:/root:/bin/sh\nnginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$root/etc/passwd"
    printf 'root:x:0:\nnginx:x:101:\nnobody:x:65534:\n' >"$root/etc/group"
}

build_busybox() {
    busybox_rootfs "$1"
    oci_archive "$BUSYBOX_NAME" "$1" "$(config_json null '["sh"]' 0)" "$2"
}

# nginx and what it needs to run as a non-root user, on a busybox root filesystem.
nginx_rootfs() {
    local root=$1 lib
    busybox_rootfs "$root"
    mkdir -p "$root/usr/sbin" "$root/etc/nginx" "$root/var/log/nginx" "$root/var/lib/nginx" "$root/var/cache/nginx" \
        "$root/usr/share/nginx/html" "$root/run"
    cp /usr/sbin/nginx "$root/usr/sbin/nginx"
    for lib in $(ldd /usr/sbin/nginx | grep -o '/[^ ]*'); do cp --parents -L "$lib" "$root"; done
    cp /etc/nginx/mime.types "$root/etc/nginx/"
    ln -sf /dev/stdout "$root/var/log/nginx/access.log"
    ln -sf /dev/stderr "$root/var/log/nginx/error.log"
    chown -R 101:101 "$root/var/cache/nginx" "$root/var/lib/nginx"
}

build_nginx() {
    nginx_rootfs "$1"
    oci_archive "$NGINX_NAME" "$1" "$(config_json null '["nginx","-g","daemon off;"]' 101)" "$2"
}

# Its own user (10001), as an application image has; /data is where its volume is mounted.
build_notes_app() {
    nginx_rootfs "$1"
    echo 'notes:x:10001:10001:notes-app:/data:/sbin/nologin' >>"$1/etc/passwd"
    echo 'notes:x:10001:' >>"$1/etc/group"
    mkdir -p "$1/usr/local/bin" "$1/data"
    install -m 0755 "$NOTES_APP_SCRIPT" "$1/usr/local/bin/notes-app"
    oci_archive "$NOTES_APP_NAME" "$1" "$(config_json '["/usr/local/bin/notes-app"]' null 10001)" "$2"
}

build_exporter() {
    local bin=$MCP_CACHE/toolchain/nginx-prometheus-exporter-$NGINX_EXPORTER_VERSION/bin/nginx-prometheus-exporter
    [ -x "$bin" ] || die "images: build the toolchain first (scripts/cluster/toolchain.sh): $bin is missing"
    busybox_rootfs "$1"
    rm -rf "$1/bin" # the real image is FROM scratch: the exporter alone
    mkdir -p "$1/usr/bin"
    cp "$bin" "$1/usr/bin/"
    oci_archive "$EXPORTER_NAME" "$1" "$(config_json '["/usr/bin/nginx-prometheus-exporter"]' null 65534)" "$2"
}

build_pause() {
    local src
    src=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@v$KUBERNETES_VERSION" |
        node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0,"utf8")).Dir)')/build/pause/linux/pause.c
    gcc -Os -static -DVERSION="v$KUBERNETES_VERSION" -o "$1/pause" "$src"
    oci_archive "$PAUSE_NAME" "$1" "$(config_json '["/pause"]' null 65535)" "$2"
}

# kind  cache key (changes when what it is made of changes)
declare -A KEYS=(
    [busybox]="$(deb_version busybox-static)"
    [nginx]="$(deb_version nginx)-$(deb_version busybox-static)"
    [exporter]="$NGINX_EXPORTER_VERSION"
    [pause]="$KUBERNETES_VERSION"
    [notes_app]="$(deb_version nginx)-$(deb_version busybox-static)-$(sha256sum "$NOTES_APP_SCRIPT" | cut -c1-12)"
)

ARCHIVES=()
for kind in busybox nginx exporter pause notes_app; do
    archive=$IMAGES/$kind-${KEYS[$kind]}.tar
    if [ ! -f "$archive" ]; then
        rootfs=$(mktemp -d)
        "build_$kind" "$rootfs" "$archive" || die "images: building $kind failed"
        rm -rf "$rootfs"
        echo "images: built $archive" >&2
    fi
    ARCHIVES+=("$archive")
done

if [ "${1:-}" = "--import" ]; then
    for archive in "${ARCHIVES[@]}"; do
        ctr --address "$2" -n k8s.io images import "$archive" >/dev/null ||
            die "images: importing $archive into containerd failed"
    done
    echo "images: imported $BUSYBOX_NAME $NGINX_NAME $EXPORTER_NAME $PAUSE_NAME $NOTES_APP_NAME" >&2
fi
