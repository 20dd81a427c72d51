# Certificates and kubeconfigs of the local cluster, made once with openssl (sourced by up.sh).
# shellcheck shell=bash

# cert NAME SUBJECT [SANS]: a key and a certificate signed by the cluster CA.
cert() {
    local name=$1 subject=$2 sans=${3:-}
    [ -f "$PKI/$name.crt" ] && return 0
    openssl genrsa -out "$PKI/$name.key" 2048 2>/dev/null
    openssl req -new -key "$PKI/$name.key" -subj "$subject" -out "$PKI/$name.csr" 2>/dev/null
    {
        echo "basicConstraints=CA:FALSE"
        echo "keyUsage=critical,digitalSignature,keyEncipherment"
        echo "extendedKeyUsage=serverAuth,clientAuth"
        [ -n "$sans" ] && echo "subjectAltName=$sans"
    } >"$PKI/$name.ext"
    openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
        -days 3650 -extfile "$PKI/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
    rm -f "$PKI/$name.csr" "$PKI/$name.ext"
}

make_pki() {
    mkdir -p "$PKI"
    if [ ! -f "$PKI/ca.crt" ]; then
        openssl genrsa -out "$PKI/ca.key" 2048 2>/dev/null
        openssl req -x509 -new -key "$PKI/ca.key" -subj "/CN=multi-container-pods-local-ca" -days 3650 \
            -out "$PKI/ca.crt" 2>/dev/null
    fi
    cert apiserver "/CN=kube-apiserver" \
        "IP:127.0.0.1,IP:$NODE_IP,IP:$KUBERNETES_SERVICE_IP,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:localhost"
    # Every component and the user authenticate as system:masters: one node, one user, nothing to isolate.
    cert admin "/O=system:masters/CN=kubernetes-admin"
    cert kubelet "/O=system:nodes/CN=system:node:$NODE_NAME" "IP:$NODE_IP,DNS:$NODE_NAME"
    [ -f "$PKI/sa.key" ] || {
        openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
        openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
    }
}

# kubeconfig FILE SERVER CERT: a kubeconfig with the context "$CONTEXT_NAME".
kubeconfig() {
    cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: $CONTEXT_NAME
    cluster:
      server: $2
      certificate-authority-data: $(base64 -w0 "$PKI/ca.crt")
users:
  - name: $CONTEXT_NAME-$3
    user:
      client-certificate-data: $(base64 -w0 "$PKI/$3.crt")
      client-key-data: $(base64 -w0 "$PKI/$3.key")
contexts:
  - name: $CONTEXT_NAME
    context: { cluster: $CONTEXT_NAME, user: $CONTEXT_NAME-$3 }
current-context: $CONTEXT_NAME
EOF
    chmod 600 "$1"
}
