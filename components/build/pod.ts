import { createHash } from "crypto";
import type { IConfigMap, IContainer, IPod, IPodSpec, IProbe, IService, IVolume } from "kubernetes-models/v1";
import { podLabels, selectorLabels } from "./labels";
import type { ContainerDefinition, PodDefinition, ProbeDefinition, VolumeDefinition } from "../model";
import { SidecarMode } from "../model";
import { containerSecurityContext, podSecurityContext, resolveResources } from "./securityDefaults";

// Pure builders: a typed pod definition in, plain Kubernetes objects out. No Pulumi here, so the
// component, the YAML manifests and the runc end-to-end test all start from the very same objects.

export const SIDECAR_MODES: readonly SidecarMode[] = Object.values(SidecarMode);

export interface PodBuildOptions {
    /** Omitted from the objects when undefined (the kubectl manifests leave it to `-n`). */
    readonly namespace?: string;
    readonly sidecarMode: SidecarMode;
    /**
     * The stack's `app.kubernetes.io/instance` label (see labels.ts); with it, objects are also labelled
     * managed-by pulumi and the Service selects on it. Undefined for the kubectl manifests.
     */
    readonly instance?: string;
}

/**
 * Name of the ConfigMap behind a `configFiles` volume. The content hash in the name makes a change of the
 * files a change of the pod spec, so the pod is replaced and nginx reads the new configuration.
 */
export function configMapName(def: PodDefinition, volume: VolumeDefinition): string {
    const content = volume.configFiles?.files ?? {};
    const files = Object.keys(content)
        .sort()
        .map((file) => [file, content[file]]);
    const hash = createHash("sha256").update(JSON.stringify(files)).digest("hex").slice(0, 8);
    return `${def.name}-${volume.name}-${hash}`;
}

/**
 * Name of the Secret behind a `basicAuthSecret` volume in the kubectl manifests (the user creates it). A stack
 * names its Secret after the content instead (basicAuth.ts, basicAuthSecretName).
 */
export function secretName(def: PodDefinition, volume: VolumeDefinition): string {
    return `${def.name}-${volume.name}`;
}

function metadata(def: PodDefinition, name: string, options: PodBuildOptions) {
    return compact({ name, namespace: options.namespace, labels: podLabels(def, options.instance) });
}

export function buildPod(def: PodDefinition, options: PodBuildOptions): IPod {
    const sidecars = def.sidecars ?? [];
    const native = options.sidecarMode === "native";
    const initContainers = [
        ...(def.initContainers ?? []).map((c) => buildContainer(c)),
        // Native sidecars start after the plain init containers, before the app, and stop after it.
        ...(native ? sidecars.map((c) => buildContainer(c, "Always")) : []),
    ];
    const containers = [...def.containers, ...(native ? [] : sidecars)].map((c) => buildContainer(c));
    return {
        apiVersion: "v1",
        kind: "Pod",
        metadata: metadata(def, def.name, options),
        spec: compact({
            securityContext: podSecurityContext(),
            initContainers: initContainers.length > 0 ? initContainers : undefined,
            containers,
            volumes: def.volumes.map((volume) => buildVolume(def, volume)),
            restartPolicy: "Always" as const,
            // Our containers exit on SIGTERM at once; a short grace keeps replace and destroy quick.
            terminationGracePeriodSeconds: 10,
            // The model gives containers no use of the Kubernetes API, so no pod gets a token.
            automountServiceAccountToken: false,
            enableServiceLinks: false,
        }),
    };
}

export function buildContainer(c: ContainerDefinition, restartPolicy?: "Always"): IContainer {
    return compact({
        name: c.name,
        image: c.image,
        command: c.command ? [...c.command] : undefined,
        args: c.args ? [...c.args] : undefined,
        workingDir: c.workingDir,
        env: c.env?.map((e) =>
            e.fieldRef !== undefined
                ? { name: e.name, valueFrom: { fieldRef: { fieldPath: e.fieldRef } } }
                : { name: e.name, value: e.value ?? "" },
        ),
        ports: c.ports?.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: "TCP" })),
        volumeMounts: c.mounts?.map((m) => ({ name: m.volume, mountPath: m.path, readOnly: m.readOnly ?? false })),
        readinessProbe: buildProbe(c.readinessProbe),
        livenessProbe: buildProbe(c.livenessProbe),
        startupProbe: buildProbe(c.startupProbe),
        resources: resolveResources(c.resources),
        securityContext: containerSecurityContext(c.security),
        restartPolicy,
    });
}

function buildProbe(probe: ProbeDefinition | undefined): IProbe | undefined {
    if (!probe) return undefined;
    const action = probe.httpGet
        ? { httpGet: { path: probe.httpGet.path, port: probe.httpGet.portName ?? probe.httpGet.port! } }
        : { exec: { command: [...probe.exec!] } };
    return { ...action, periodSeconds: probe.periodSeconds ?? 10 };
}

function buildVolume(def: PodDefinition, volume: VolumeDefinition): IVolume {
    if (volume.configFiles) return { name: volume.name, configMap: { name: configMapName(def, volume) } };
    if (volume.basicAuthSecret) return { name: volume.name, secret: { secretName: secretName(def, volume) } };
    return { name: volume.name, emptyDir: compact({ sizeLimit: volume.emptyDir?.sizeLimit }) };
}

/**
 * A copy of `spec` whose `basicAuthSecret` volumes (by volume name) mount the Secret names given, which may
 * be values only known later (a stack's content-hashed Secret names; see basicAuth.ts).
 */
export function withSecretNames<T>(spec: IPodSpec, names: Readonly<Record<string, T>>): IPodSpec {
    return {
        ...spec,
        volumes: spec.volumes?.map((volume) =>
            volume.secret && volume.name in names
                ? { ...volume, secret: { ...volume.secret, secretName: names[volume.name] as unknown as string } }
                : volume,
        ),
    };
}

/** The ConfigMaps behind the definition's `configFiles` volumes, one per volume, in volume order. */
export function buildConfigMaps(def: PodDefinition, options: PodBuildOptions): IConfigMap[] {
    return def.volumes.flatMap((volume) =>
        volume.configFiles
            ? [
                  {
                      apiVersion: "v1",
                      kind: "ConfigMap",
                      metadata: metadata(def, configMapName(def, volume), options),
                      data: { ...volume.configFiles.files },
                  },
              ]
            : [],
    );
}

/**
 * The Service in front of the exposed port, or undefined when the pod exposes none. It targets the
 * container port by number: before Kubernetes 1.32 the endpoints controller does not resolve a port *name*
 * on a restartable init container (a native sidecar, kubernetes#127958), and kubectl before 1.31 cannot
 * port-forward to one by name.
 */
export function buildService(def: PodDefinition, options: PodBuildOptions): IService | undefined {
    if (!def.expose) return undefined;
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: metadata(def, def.name, options),
        spec: {
            type: "ClusterIP",
            selector: selectorLabels(def, options.instance),
            ports: [
                {
                    name: def.expose.port,
                    port: def.expose.servicePort,
                    targetPort: exposedContainerPort(def),
                    protocol: "TCP",
                },
            ],
        },
    };
}

/** The number of the container port `expose.port` names (the validator guarantees there is one). */
export function exposedContainerPort(def: PodDefinition): number {
    const all = [...(def.initContainers ?? []), ...def.containers, ...(def.sidecars ?? [])];
    const port = all.flatMap((c) => c.ports ?? []).find((p) => p.name === def.expose?.port);
    if (!port) throw new Error(`pod "${def.name}": expose.port "${def.expose?.port}" names no container port`);
    return port.containerPort;
}

/** A copy of `value` without its undefined fields, so objects compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
