import type { IContainer, IEnvVar, IProbe } from "kubernetes-models/v1";
import type { ContainerDefinition, EnvVarDefinition, KeyReference, ProbeDefinition } from "../model";
import { compact } from "./compact";
import { placed } from "./placed";
import { buildHttpGet, buildLifecycle } from "./lifecycle";
import { containerSecurityContext, resolveResources } from "./securityDefaults";

// One container of the pod, with the secure defaults filled in. A native sidecar is the same container with
// restartPolicy Always, placed among the init containers by the pod builder.

export function buildContainer(c: ContainerDefinition, restartPolicy?: "Always"): IContainer {
    return compact({
        name: c.name,
        image: placed(c.image),
        command: c.command ? [...c.command] : undefined,
        args: c.args ? [...c.args] : undefined,
        workingDir: c.workingDir,
        env: c.env?.map(buildEnvVar),
        envFrom: c.envFrom?.map((from) =>
            compact({
                prefix: from.prefix,
                secretRef: from.secretRef !== undefined ? { name: from.secretRef } : undefined,
                configMapRef: from.configMapRef !== undefined ? { name: from.configMapRef } : undefined,
            }),
        ),
        imagePullPolicy: c.imagePullPolicy,
        ports: c.ports?.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: "TCP" })),
        volumeMounts: c.mounts?.map((m) =>
            compact({ name: m.volume, mountPath: m.path, readOnly: m.readOnly ?? false, subPath: m.subPath }),
        ),
        readinessProbe: buildProbe(c.readinessProbe),
        livenessProbe: buildProbe(c.livenessProbe),
        startupProbe: buildProbe(c.startupProbe),
        resources: resolveResources(c.resources),
        securityContext: containerSecurityContext(c.security),
        lifecycle: buildLifecycle(c.lifecycle),
        restartPolicy,
    });
}

function buildEnvVar(e: EnvVarDefinition): IEnvVar {
    const ref = (r: KeyReference) => compact({ name: r.name, key: r.key, optional: r.optional });
    if (e.fieldRef !== undefined) return { name: e.name, valueFrom: { fieldRef: { fieldPath: e.fieldRef } } };
    if (e.resourceFieldRef)
        return { name: e.name, valueFrom: { resourceFieldRef: compact({ ...e.resourceFieldRef }) } };
    if (e.secretKeyRef) return { name: e.name, valueFrom: { secretKeyRef: ref(e.secretKeyRef) } };
    if (e.configMapKeyRef) return { name: e.name, valueFrom: { configMapKeyRef: ref(e.configMapKeyRef) } };
    return { name: e.name, value: placed(e.value ?? "") };
}

function buildProbe(probe: ProbeDefinition | undefined): IProbe | undefined {
    if (!probe) return undefined;
    const action = probe.httpGet
        ? { httpGet: buildHttpGet(probe.httpGet) }
        : probe.tcpSocket
          ? { tcpSocket: { port: probe.tcpSocket.portName ?? probe.tcpSocket.port! } }
          : probe.grpc
            ? { grpc: compact({ port: probe.grpc.port, service: probe.grpc.service }) }
            : { exec: { command: [...probe.exec!] } };
    return compact({
        ...action,
        periodSeconds: probe.periodSeconds ?? 10,
        initialDelaySeconds: probe.initialDelaySeconds,
        timeoutSeconds: probe.timeoutSeconds,
        failureThreshold: probe.failureThreshold,
        successThreshold: probe.successThreshold,
    });
}
