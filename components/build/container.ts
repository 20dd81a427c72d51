import type { IContainer, IProbe } from "kubernetes-models/v1";
import type { ContainerDefinition, ProbeDefinition } from "../model";
import { compact } from "./compact";
import { containerSecurityContext, resolveResources } from "./securityDefaults";

// One container of the pod, with the secure defaults filled in. A native sidecar is the same container with
// restartPolicy Always, placed among the init containers by the pod builder.

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
