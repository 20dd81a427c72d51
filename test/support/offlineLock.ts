// A package-lock for a fresh consumer of our tarball, cut from our own lock: the tarball's dependencies and
// everything they need, at the versions and integrities we already installed. With it `npm ci --offline`
// installs the consumer from npm's cache alone (our lock omits `resolved`, so the registry URL is filled in:
// npm looks the tarball up by integrity and, offline, never fetches it).

interface LockEntry {
    readonly version?: string;
    readonly resolved?: string;
    readonly dependencies?: Record<string, string>;
    readonly optionalDependencies?: Record<string, string>;
    readonly peerDependencies?: Record<string, string>;
    readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    readonly [key: string]: unknown;
}

export interface PackageManifest {
    readonly name: string;
    readonly version: string;
    readonly license?: string;
    readonly main?: string;
    readonly dependencies?: Record<string, string>;
}

/**
 * The lock of a consumer named `consumerName` depending on `tarball` (a path relative to the consumer) and,
 * directly too, on the tarball's dependencies named in `direct`, at the tarball's ranges.
 */
export function consumerLock(
    ourLock: { packages: Record<string, LockEntry> },
    tarball: { file: string; manifest: PackageManifest },
    consumerName: string,
    direct: readonly string[] = [],
): Record<string, unknown> {
    const packages = ourLock.packages;
    const picked: Record<string, LockEntry> = {};
    const missing: string[] = [];
    // Node's resolution over the lock's paths: the nearest node_modules/<name> up from the requiring package.
    const resolve = (from: string, name: string): string | undefined => {
        for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf("/node_modules/")))) {
            const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
            if (packages[candidate]) return candidate;
            if (!base) return undefined;
        }
    };
    const visit = (from: string, deps: Record<string, string> | undefined, optional: boolean) => {
        for (const name of Object.keys(deps ?? {})) {
            const path = resolve(from, name);
            if (!path) {
                if (!optional) missing.push(`${name} (needed by ${from || "the package"})`);
                continue;
            }
            if (picked[path]) continue;
            // Dev-only in our tree, a production dependency of the consumer.
            const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = packages[path];
            const registryUrl = `https://registry.npmjs.org/${name}/-/${name.split("/").pop()}-${entry.version}.tgz`;
            picked[path] = { ...entry, resolved: entry.resolved ?? registryUrl };
            visit(path, entry.dependencies, false);
            visit(path, entry.optionalDependencies, true);
            const meta = entry.peerDependenciesMeta ?? {};
            const peers = Object.keys(entry.peerDependencies ?? {}).filter((peerName) => !meta[peerName]?.optional);
            visit(path, Object.fromEntries(peers.map((peerName) => [peerName, "*"])), false);
        }
    };
    visit("", tarball.manifest.dependencies, false);
    if (missing.length > 0) throw new Error(`our lock lacks dependencies of the package: ${missing.join(", ")}`);
    const dependencies = {
        [tarball.manifest.name]: `file:${tarball.file}`,
        ...Object.fromEntries(direct.map((name) => [name, tarball.manifest.dependencies![name]])),
    };
    return {
        name: consumerName,
        version: "1.0.0",
        lockfileVersion: 3,
        requires: true,
        packages: {
            "": { name: consumerName, version: "1.0.0", dependencies },
            [`node_modules/${tarball.manifest.name}`]: {
                version: tarball.manifest.version,
                resolved: `file:${tarball.file}`,
                license: tarball.manifest.license,
                dependencies: tarball.manifest.dependencies,
            },
            ...picked,
        },
    };
}
