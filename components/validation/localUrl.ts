// The only URLs verification can call: http:// to the pod's own localhost, from inside one of its containers.

export interface LocalUrl {
    readonly host: string;
    readonly port: number;
    /** Path and query, starting with "/". */
    readonly path: string;
}

/** `url` as host, port and path when it is http:// to the pod's own localhost, else why not. */
export function parseLocalUrl(url: string): LocalUrl | string {
    const match = /^http:\/\/(127\.0\.0\.1|localhost)(?::(\d{1,5}))?(\/[^\s]*)?$/.exec(url);
    if (!match) return `"${url}" must be http://127.0.0.1[:port]/path: verification calls the pod's own localhost`;
    const port = match[2] === undefined ? 80 : Number(match[2]);
    if (port < 1 || port > 65535) return `"${url}" has port ${port}, not 1-65535`;
    return { host: match[1], port, path: match[3] ?? "/" };
}
