// The Deployment rows' one deviation from the example, made on both sides (kubectl's manifest and the component's
// definition): each container requests this much CPU instead of the default 10m, so that 100 replicas fit a
// 2-CPU node (at 10m, two containers a pod, the last replicas would stay Pending for want of CPU).
export const BENCH_CPU_REQUEST = "5m";
