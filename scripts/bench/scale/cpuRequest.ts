// The Deployment rows' one deviation from the example, made on both sides (kubectl's manifest and the component's
// definition): each container requests this much CPU instead of the default 10m, so that 100 replicas fit a
// 2-CPU node (at 10m, two containers a pod, the last replicas would stay Pending for want of CPU).
export const BENCH_CPU_REQUEST = "5m";

/** A container (of the model, or of a manifest: both keep requests under `resources.requests`) asking for it. */
export function withBenchCpuRequest<C extends { readonly resources?: { readonly requests?: object } }>(
    container: C,
): C {
    return {
        ...container,
        resources: { ...container.resources, requests: { ...container.resources?.requests, cpu: BENCH_CPU_REQUEST } },
    };
}
