import type { IHTTPGetAction, ILifecycle, ILifecycleHandler } from "kubernetes-models/v1";
import type { HttpGetAction, LifecycleDefinition, LifecycleHandler } from "../model";
import { compact } from "./compact";

// A container's lifecycle hooks, and the HTTP GET that hooks and probes share.

export const buildHttpGet = (get: HttpGetAction): IHTTPGetAction => ({
    path: get.path,
    port: get.portName ?? get.port!,
});

export function buildLifecycle(lifecycle: LifecycleDefinition | undefined): ILifecycle | undefined {
    if (!lifecycle) return undefined;
    return compact({ postStart: handler(lifecycle.postStart), preStop: handler(lifecycle.preStop) });
}

function handler(hook: LifecycleHandler | undefined): ILifecycleHandler | undefined {
    if (!hook) return undefined;
    if (hook.httpGet) return { httpGet: buildHttpGet(hook.httpGet) };
    if (hook.sleep) return { sleep: { seconds: hook.sleep.seconds } };
    return { exec: { command: [...hook.exec!] } };
}
